package dev.cim.persistence.repository.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BiFunction;
import java.util.function.Function;

import dev.cim.persistence.repository.RepositoryObserver.SaveOutcome;
import org.jspecify.annotations.Nullable;
import dev.cim.persistence.routing.IdPattern;
import dev.cim.persistence.repository.AggregateHistory;
import dev.cim.persistence.repository.AggregateMetadata;
import dev.cim.persistence.repository.AggregateNotFoundException;
import dev.cim.persistence.repository.AggregateRef;
import dev.cim.persistence.repository.AggregateRepository;
import dev.cim.persistence.repository.AsyncAggregateRepository;
import dev.cim.persistence.repository.ChainVerification;
import dev.cim.persistence.repository.EventSourced;
import dev.cim.persistence.repository.LoadOptions;
import dev.cim.persistence.repository.LoadSource;
import dev.cim.persistence.repository.LoadedAggregate;
import dev.cim.persistence.repository.SaveOptions;
import dev.cim.persistence.repository.StoredEvent;
import dev.cim.persistence.repository.VersionConflictException;

/**
 * The aggregate repository on NATS JetStream, as {@link NatsRepositoryFactory} builds it:
 * saves go through the {@link EventAppender} and then the {@link StateCache}; loads
 * through the {@link AggregateLoader}; history through the {@link EventReader},
 * {@link ChainVerifier} and {@link CarTransfer}.
 *
 * <p>
 * Thread-safe. Aggregate instances are not: use one instance per thread.
 *
 * @param <T> the aggregate type
 */
public class NatsRepository<T extends EventSourced<?>>
		implements AggregateRepository<T>, AggregateHistory<T>, AsyncAggregateRepository<T> {

	private final AggregateDescriptor<T> descriptor;

	private final EventReader reader;

	private final EventAppender appender;

	private final AggregateStateStore states;

	private final EventConversion<T> conversion;

	private final StateCache<T> cache;

	private final AggregateLoader<T> loader;

	private final StateTrust trust;

	private final CarTransfer carTransfer;

	private final RepositoryInstrumentation instrumentation;

	private final Executor executor;

	private final int updateAttempts;

	private final String name;

	NatsRepository(AggregateDescriptor<T> descriptor, StoreParts parts, RepositoryInstrumentation instrumentation) {
		this.descriptor = descriptor;
		this.name = descriptor.toString();
		this.reader = parts.reader();
		this.appender = parts.appender();
		this.states = parts.states();
		this.executor = parts.executor();
		this.instrumentation = instrumentation;
		this.conversion = new EventConversion<>(descriptor, parts.codec().codec());
		CacheWriter writer = new CacheWriter(parts.states(), parts.snapshots(), parts.limits(),
				instrumentation.observer(), this.name);
		this.cache = new StateCache<>(parts.config().cacheSize(), writer, this.conversion,
				parts.config().snapshotEvery(), parts.config().publishTimeout());
		this.trust = new StateTrust(descriptor.fingerprint(), parts.snapshots(), instrumentation.observer(), this.name);
		this.loader = new AggregateLoader<>(this.conversion, parts, this.trust, this.cache, instrumentation.observer());
		this.carTransfer = new CarTransfer(parts.reader(), parts.appender(), parts.verifier());
		this.updateAttempts = parts.config().updateAttempts();
	}

	/**
	 * The aggregate type this repository stores.
	 * @return the descriptor
	 */
	public AggregateDescriptor<T> getDescriptor() {
		return this.descriptor;
	}

	@Override
	public LoadedAggregate<T> save(T aggregate, List<?> events, SaveOptions options) {
		return this.instrumentation.save(() -> saveNow(aggregate, null, events, options));
	}

	@Override
	public LoadedAggregate<T> save(LoadedAggregate<T> loaded, List<?> events, SaveOptions options) {
		return this.instrumentation.save(() -> saveNow(loaded.aggregate(), loaded.metadata(), events, options));
	}

	@Override
	public CompletableFuture<LoadedAggregate<T>> saveAsync(T aggregate, List<?> events, SaveOptions options) {
		return saveLater(aggregate, null, events, options);
	}

	@Override
	public CompletableFuture<LoadedAggregate<T>> saveAsync(LoadedAggregate<T> loaded, List<?> events,
			SaveOptions options) {
		return saveLater(loaded.aggregate(), loaded.metadata(), events, options);
	}

	private LoadedAggregate<T> saveNow(T aggregate, @Nullable AggregateMetadata loaded, List<?> events,
			SaveOptions options) {
		PreparedSave save = prepareSave(aggregate, loaded, events, options);
		AppendResult result;
		try {
			result = this.appender.append(save.append());
		}
		catch (VersionConflictException ex) {
			this.cache.invalidate(save.append().aggregate().id());
			throw ex;
		}
		return completeSave(aggregate, save, result);
	}

	private CompletableFuture<LoadedAggregate<T>> saveLater(T aggregate, @Nullable AggregateMetadata loaded,
			List<?> events, SaveOptions options) {
		long start = System.nanoTime();
		PreparedSave save;
		try {
			save = prepareSave(aggregate, loaded, events, options);
		}
		catch (RuntimeException ex) {
			this.instrumentation.saved(SaveOutcome.ERROR, start, ex);
			throw ex;
		}
		CompletableFuture<AppendResult> appended = this.appender.appendAsync(save.append());
		// A new aggregate's state write needs nothing from earlier writes; an existing
		// one's may wait for the previous write's acknowledgement, which must not happen
		// on the thread that delivers acknowledgements.
		BiFunction<AppendResult, Throwable, LoadedAggregate<T>> settle = (result, failure) -> settle(aggregate, save,
				result, failure, start);
		return save.append().expected().isNone() ? appended.handle(settle)
				: appended.handleAsync(settle, this.executor);
	}

	private LoadedAggregate<T> settle(T aggregate, PreparedSave save, @Nullable AppendResult result,
			@Nullable Throwable failure, long start) {
		if (failure == null && result != null) {
			LoadedAggregate<T> saved = completeSave(aggregate, save, result);
			this.instrumentation.saved(SaveOutcome.SUCCESS, start, null);
			return saved;
		}
		Throwable cause = (failure instanceof CompletionException && failure.getCause() != null) ? failure.getCause()
				: failure;
		if (cause instanceof VersionConflictException conflict) {
			this.cache.invalidate(save.append().aggregate().id());
			this.instrumentation.saved(SaveOutcome.CONFLICT, start, conflict);
			throw conflict;
		}
		this.instrumentation.saved(SaveOutcome.ERROR, start, cause);
		throw (cause instanceof RuntimeException runtime) ? runtime : new CompletionException(cause);
	}

	private PreparedSave prepareSave(T aggregate, @Nullable AggregateMetadata loaded, List<?> newEvents,
			SaveOptions options) {
		Objects.requireNonNull(aggregate, "aggregate");
		if (newEvents.isEmpty()) {
			throw new IllegalArgumentException("a save of " + this.name + " needs at least one event");
		}
		List<NewEvent> encoded = new ArrayList<>(newEvents.size());
		for (Object event : newEvents) {
			encoded.add(this.conversion.toNewEvent(event));
		}
		String idBefore = aggregate.id();
		EventHead expected = expectedHead(idBefore, loaded, options);
		for (Object event : newEvents) {
			this.conversion.apply(aggregate, event);
		}
		String id = aggregate.id();
		if (id == null) {
			throw new IllegalArgumentException(
					"the " + this.name + " aggregate has no id after applying its events: apply must set it");
		}
		if (idBefore != null && !idBefore.equals(id)) {
			throw new IllegalArgumentException("the events changed the id of " + this.name + " '" + idBefore + "' to '"
					+ id + "'; an aggregate's id never changes");
		}
		AggregateRef ref = this.descriptor.ref(id);
		AppendOptions appendOptions = new AppendOptions(options.correlationId(), options.causationId(),
				options.metadata());
		return new PreparedSave(this.appender.prepare(ref, expected, encoded, appendOptions), options);
	}

	/**
	 * The head a save expects: the options' version when given, else the loaded one, else
	 * none (a new aggregate).
	 */
	private EventHead expectedHead(@Nullable String id, @Nullable AggregateMetadata loaded, SaveOptions options) {
		Long expectedVersion = options.expectedVersion();
		if (expectedVersion == null) {
			return (loaded != null) ? EventConversion.head(loaded) : EventHead.NONE;
		}
		if (expectedVersion == 0) {
			return EventHead.NONE;
		}
		if (loaded != null && loaded.version() == expectedVersion) {
			return EventConversion.head(loaded);
		}
		if (id == null) {
			throw new IllegalArgumentException(
					"a save expecting version " + expectedVersion + " needs an aggregate with an id");
		}
		AggregateRef ref = this.descriptor.ref(id);
		return this.reader.eventAt(ref, expectedVersion)
			.map(RecordedEvent::asHead)
			.orElseThrow(() -> new VersionConflictException(ref, expectedVersion,
					this.reader.head(ref).map(EventHead::version).orElse(0L)));
	}

	private LoadedAggregate<T> completeSave(T aggregate, PreparedSave save, AppendResult result) {
		EventHead head = result.head();
		RecordedEvent last = result.events().get(result.events().size() - 1);
		AggregateRef ref = save.append().aggregate();
		AggregateMetadata metadata = EventConversion.metadata(ref.id(), head, last, LoadSource.SAVE);
		this.cache.write(ref, aggregate, metadata, head, save.append().expected().version(),
				save.options().createSnapshot(), null);
		return new LoadedAggregate<>(aggregate, metadata);
	}

	@Override
	public LoadedAggregate<T> load(String id, LoadOptions options) {
		return this.instrumentation.load(() -> this.loader.load(id, options));
	}

	@Override
	public Optional<T> findById(String id) {
		try {
			return Optional.of(load(id).aggregate());
		}
		catch (AggregateNotFoundException ex) {
			return Optional.empty();
		}
	}

	@Override
	public boolean existsById(String id) {
		return this.reader.head(this.descriptor.ref(id)).isPresent();
	}

	@Override
	public List<StoredEvent> findEvents(String id, long fromVersion, long toVersion) {
		return this.reader.history(this.descriptor.ref(id), fromVersion, toVersion)
			.stream()
			.map(this.conversion::toStoredEvent)
			.toList();
	}

	@Override
	public ChainVerification verify(String id) {
		return this.loader.verify(id);
	}

	@Override
	public ChainVerification exportCar(String id, OutputStream out) throws IOException {
		return this.carTransfer.export(this.descriptor.ref(id), out);
	}

	@Override
	public AggregateMetadata importCar(InputStream in) throws IOException {
		AppendResult result = this.carTransfer.importCar(in, this.descriptor.context(), this.descriptor.type());
		RecordedEvent last = result.events().get(result.events().size() - 1);
		return EventConversion.metadata(result.aggregate().id(), result.head(), last, LoadSource.SAVE);
	}

	@Override
	public List<LoadedAggregate<T>> findAllByIdPattern(String idPattern) {
		IdPattern pattern = IdPattern.of(Objects.requireNonNull(idPattern, "idPattern"), "aggregate id");
		List<LoadedAggregate<T>> found = new ArrayList<>();
		for (AggregateStateStore.StoredState stored : this.states.readAll(this.descriptor.context(),
				this.descriptor.type(), pattern.filterToken())) {
			StateDocument document;
			try {
				document = StateDocument.decode(stored.body());
			}
			catch (IllegalArgumentException ex) {
				OversizedState.decode(stored.body())
					.filter((marker) -> pattern.matches(marker.id()))
					.ifPresent((marker) -> found.add(load(marker.id())));
				continue;
			}
			T aggregate = this.conversion.fromDocument(document);
			String id = aggregate.id();
			if (id == null || !pattern.matches(id)) {
				continue;
			}
			if (document.problem(this.descriptor.fingerprint()) != null) {
				found.add(load(id));
				continue;
			}
			found.add(new LoadedAggregate<>(aggregate,
					EventConversion.metadata(id, document.head(), null, LoadSource.STATE)));
		}
		found.sort(Comparator.comparing((LoadedAggregate<T> loaded) -> loaded.metadata().id()));
		return found;
	}

	@Override
	public LoadedAggregate<T> update(String id, Function<? super T, ? extends List<?>> command) {
		VersionConflictException last = null;
		for (int attempt = 1; attempt <= this.updateAttempts; attempt++) {
			LoadedAggregate<T> loaded = (attempt == 1) ? this.instrumentation.load(() -> this.loader.loadForUpdate(id))
					: load(id, LoadOptions.defaults().withoutCache());
			List<?> decided = command.apply(loaded.aggregate());
			if (decided == null || decided.isEmpty()) {
				return loaded;
			}
			try {
				return save(loaded, decided);
			}
			catch (VersionConflictException ex) {
				last = ex;
				backOff(attempt);
			}
		}
		throw Objects.requireNonNull(last);
	}

	@Override
	public LoadedAggregate<T> update(String id, long expectedVersion, Function<? super T, ? extends List<?>> command) {
		if (expectedVersion < 1) {
			throw new IllegalArgumentException("the expected version must be at least 1, was " + expectedVersion
					+ " (an update needs an aggregate)");
		}
		LoadedAggregate<T> loaded = load(id);
		if (loaded.version() != expectedVersion) {
			// Counted as the save it stands for, refused before anything was sent.
			VersionConflictException conflict = new VersionConflictException(this.descriptor.ref(id), expectedVersion,
					loaded.version());
			this.instrumentation.saved(SaveOutcome.CONFLICT, System.nanoTime(), conflict);
			throw conflict;
		}
		List<?> decided = command.apply(loaded.aggregate());
		if (decided == null || decided.isEmpty()) {
			return loaded;
		}
		return save(loaded, decided);
	}

	@Override
	public boolean flush(Duration timeout) {
		return this.cache.flush(timeout);
	}

	private static void backOff(int attempt) {
		try {
			// Full jitter, growing with each conflict, so contenders spread out.
			long ceiling = Math.min(200, 5L << Math.min(attempt, 6));
			Thread.sleep(ThreadLocalRandom.current().nextLong(1, ceiling + 1));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * A save whose events are applied and encoded, ready to send.
	 */
	private record PreparedSave(PreparedAppend append, SaveOptions options) {
	}

}
