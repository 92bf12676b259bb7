package dev.cim.persistence.repository;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.cim.persistence.event.EventType;
import dev.cim.persistence.event.StoreObjectMappers;
import dev.cim.persistence.nats.NatsRepositoryConfig;
import io.nats.client.api.MessageInfo;
import org.jspecify.annotations.Nullable;

/**
 * The aggregate repository on NATS JetStream: stores an aggregate's new events in the
 * event stream under optimistic concurrency, and loads aggregates from the cheapest
 * source that is still current.
 *
 * <p>
 * A load reads the head of the aggregate's events (one direct get) and then takes, in
 * order: the in-process cache when it holds that version; the state stream when it holds
 * that version; the newest valid snapshot (or an older state) plus the events after it; a
 * full replay. A state or snapshot is trusted only when the fingerprint of the class's
 * shape matches, its state matches its CID, and the event it claims to cover is the one
 * in the stream. A load that finds the state stream behind repairs it, and one that finds
 * an invalid snapshot replaces it.
 *
 * <p>
 * A save appends the events (see {@link EventStore}), then writes the new state to the
 * state stream and, when due, a snapshot. Those writes are caches: when they fail, the
 * save still succeeded and the next load repairs them.
 *
 * <p>
 * Thread-safe. Aggregate instances are not: use one instance per thread.
 *
 * @param <T> the aggregate type
 */
public class NatsRepository<T extends EventSourced<?>> implements AggregateRepository<T> {

	private static final System.Logger logger = System.getLogger(NatsRepository.class.getName());

	private final AggregateDescriptor<T> descriptor;

	private final EventStore events;

	private final AggregateStateStore states;

	private final SnapshotStore snapshots;

	private final CacheWriter cacheWriter;

	private final RepositoryObserver observer;

	private final ObjectMapper eventMapper = StoreObjectMappers.forEvents();

	private final ObjectMapper stateMapper = StoreObjectMappers.forState();

	private final Cache<String, CachedState> cache;

	private final Cache<Object, EventHead> loadedHeads = Caffeine.newBuilder().weakKeys().build();

	private final String name;

	private final java.util.Set<CompletableFuture<?>> pendingWrites = ConcurrentHashMap.newKeySet();

	private final int snapshotEvery;

	private final int updateAttempts;

	private final boolean verifyOnLoad;

	private final ChainVerifier verifier;

	private final DirectGets directGets;

	private final CarTransfer carTransfer;

	/**
	 * Create a repository for an aggregate type.
	 * @param events the event store (its configuration is the repository's)
	 * @param descriptor the aggregate type
	 * @param observer receives what the repository does, for metrics
	 */
	public NatsRepository(EventStore events, AggregateDescriptor<T> descriptor, RepositoryObserver observer) {
		this.events = events;
		this.descriptor = descriptor;
		this.observer = observer;
		this.states = new AggregateStateStore(events.connection(), events.jetStream(), events.management(),
				events.config());
		this.snapshots = new SnapshotStore(events.connection(), events.config(), events.limits());
		this.cache = Caffeine.newBuilder().maximumSize(events.config().cacheSize()).build();
		this.name = descriptor.toString();
		this.cacheWriter = new CacheWriter(this.states, this.snapshots, events.limits(), observer, this.name);
		this.snapshotEvery = events.config().snapshotEvery();
		this.updateAttempts = events.config().updateAttempts();
		this.verifyOnLoad = events.config().verifyOnLoad();
		this.verifier = new ChainVerifier(events.codec(), events.subjects());
		this.carTransfer = new CarTransfer(events, this.verifier);
		this.directGets = new DirectGets(events.connection(), events.config().publishTimeout());
	}

	/**
	 * The aggregate type this repository stores.
	 * @return the descriptor
	 */
	public AggregateDescriptor<T> getDescriptor() {
		return this.descriptor;
	}

	@Override
	public AggregateMetadata save(T aggregate, List<?> newEvents, SaveOptions options) {
		long start = System.nanoTime();
		String outcome = "error";
		try {
			AggregateMetadata metadata = doSave(aggregate, newEvents, options);
			outcome = "success";
			return metadata;
		}
		catch (VersionConflictException ex) {
			outcome = "conflict";
			this.observer.versionConflict(this.name);
			throw ex;
		}
		finally {
			this.observer.saved(this.name, outcome, Duration.ofNanos(System.nanoTime() - start));
		}
	}

	private AggregateMetadata doSave(T aggregate, List<?> newEvents, SaveOptions options) {
		PreparedSave save = prepareSave(aggregate, newEvents, options);
		AppendResult result;
		try {
			result = this.events.append(save.append());
		}
		catch (VersionConflictException ex) {
			forget(aggregate, save.append().aggregate().id());
			throw ex;
		}
		return completeSave(aggregate, save, result);
	}

	/**
	 * Save without blocking the caller: like
	 * {@link #save(EventSourced, List, SaveOptions)}, but the append of a single event is
	 * published asynchronously, so one thread can have many saves of different aggregates
	 * in flight. The events are applied to the aggregate before this method returns; do
	 * not use the instance again until the future completes.
	 * @param aggregate the aggregate, as loaded (or new)
	 * @param newEvents the new events, 1 to 1000
	 * @param options expectations, snapshot, correlation and metadata
	 * @return the aggregate's metadata after the save; completes exceptionally with a
	 * {@link VersionConflictException} (wrapped in a
	 * {@link java.util.concurrent.CompletionException} when joined) when the aggregate
	 * moved on
	 * @throws IllegalArgumentException when the id or an event is invalid (nothing is
	 * sent)
	 */
	public CompletableFuture<AggregateMetadata> saveAsync(T aggregate, List<?> newEvents, SaveOptions options) {
		long start = System.nanoTime();
		PreparedSave save;
		try {
			save = prepareSave(aggregate, newEvents, options);
		}
		catch (RuntimeException ex) {
			this.observer.saved(this.name, "error", Duration.ofNanos(System.nanoTime() - start));
			throw ex;
		}
		java.util.function.BiFunction<AppendResult, Throwable, AggregateMetadata> complete = (result, failure) -> {
			if (failure == null) {
				AggregateMetadata metadata = completeSave(aggregate, save, result);
				this.observer.saved(this.name, "success", Duration.ofNanos(System.nanoTime() - start));
				return metadata;
			}
			Throwable cause = (failure instanceof java.util.concurrent.CompletionException
					&& failure.getCause() != null) ? failure.getCause() : failure;
			if (cause instanceof VersionConflictException conflict) {
				forget(aggregate, save.append().aggregate().id());
				this.observer.versionConflict(this.name);
				this.observer.saved(this.name, "conflict", Duration.ofNanos(System.nanoTime() - start));
				throw conflict;
			}
			this.observer.saved(this.name, "error", Duration.ofNanos(System.nanoTime() - start));
			throw (cause instanceof RuntimeException runtime) ? runtime
					: new java.util.concurrent.CompletionException(cause);
		};
		CompletableFuture<AppendResult> appended = this.events.appendAsync(save.append());
		// A new aggregate's state write needs nothing from earlier writes; an existing
		// one's may
		// wait for the previous write's acknowledgement, which must not happen on the
		// thread
		// that delivers acknowledgements.
		return save.append().expected().isNone() ? appended.handle(complete)
				: appended.handleAsync(complete, EventStore.blockingWork());
	}

	private PreparedSave prepareSave(T aggregate, List<?> newEvents, SaveOptions options) {
		Objects.requireNonNull(aggregate, "aggregate");
		if (newEvents.isEmpty()) {
			throw new IllegalArgumentException("a save of " + this.name + " needs at least one event");
		}
		List<NewEvent> encoded = new ArrayList<>(newEvents.size());
		for (Object event : newEvents) {
			encoded.add(toNewEvent(event));
		}
		String idBefore = aggregate.id();
		EventHead expected = expectedHead(aggregate, idBefore, options);
		for (Object event : newEvents) {
			applyEvent(aggregate, event);
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
		return new PreparedSave(this.events.prepare(ref, expected, encoded, options.toAppendOptions()), options);
	}

	private void forget(T aggregate, String id) {
		this.loadedHeads.invalidate(aggregate);
		this.cache.invalidate(id);
	}

	private AggregateMetadata completeSave(T aggregate, PreparedSave save, AppendResult result) {
		EventHead head = result.head();
		this.loadedHeads.put(aggregate, head);
		StoredEvent last = result.events().get(result.events().size() - 1);
		AggregateRef ref = save.append().aggregate();
		AggregateMetadata metadata = new AggregateMetadata(ref.id(), head.version(), head.sequence(), head.cid(),
				last.meta().timestamp(), LoadSource.SAVE);
		writeCaches(ref, aggregate, metadata, save.append().expected().version(), save.options().createSnapshot(),
				null);
		return metadata;
	}

	@Override
	public LoadedAggregate<T> load(String id, LoadOptions options) {
		long start = System.nanoTime();
		String outcome = "error";
		LoadSource source = null;
		try {
			LoadedAggregate<T> loaded;
			if (options.verifyChain() || this.verifyOnLoad) {
				loaded = loadVerified(id, options.version());
			}
			else {
				loaded = (options.version() != null) ? loadAtVersion(id, options.version()) : loadNewest(id, options);
			}
			source = loaded.metadata().source();
			outcome = "success";
			return loaded;
		}
		catch (AggregateNotFoundException ex) {
			outcome = "not_found";
			throw ex;
		}
		finally {
			this.observer.loaded(this.name, outcome, source, Duration.ofNanos(System.nanoTime() - start));
		}
	}

	@Override
	public Optional<T> find(String id) {
		try {
			return Optional.of(load(id).aggregate());
		}
		catch (AggregateNotFoundException ex) {
			return Optional.empty();
		}
	}

	@Override
	public boolean exists(String id) {
		return this.events.head(this.descriptor.ref(id)).isPresent();
	}

	@Override
	public List<StoredEvent> getHistory(String id, long fromVersion, long toVersion) {
		return this.events.history(this.descriptor.ref(id), fromVersion, toVersion);
	}

	@Override
	public ChainVerification verify(String id) {
		AggregateRef ref = this.descriptor.ref(id);
		List<RawEvent> raw = this.events.rawHistory(ref);
		if (raw.isEmpty()) {
			throw new AggregateNotFoundException(this.name + " '" + id + "' does not exist");
		}
		return this.verifier.verify(ref, raw);
	}

	@Override
	public ChainVerification exportCar(String id, OutputStream out) throws IOException {
		return this.carTransfer.export(this.descriptor.ref(id), out);
	}

	@Override
	public AggregateMetadata importCar(InputStream in) throws IOException {
		AppendResult result = this.carTransfer.importCar(in, this.descriptor.context(), this.descriptor.type());
		StoredEvent last = result.events().get(result.events().size() - 1);
		return metadata(result.aggregate().id(), result.head(), last, LoadSource.SAVE);
	}

	private LoadedAggregate<T> loadVerified(String id, @Nullable Long version) {
		AggregateRef ref = this.descriptor.ref(id);
		List<RawEvent> raw = this.events.rawHistory(ref);
		if (raw.isEmpty()) {
			throw new AggregateNotFoundException(this.name + " '" + id + "' does not exist");
		}
		ChainVerification verification = this.verifier.verify(ref, raw);
		if (!verification.valid()) {
			throw new ChainIntegrityException(verification);
		}
		T aggregate = this.descriptor.newInstance();
		StoredEvent last = null;
		for (RawEvent event : raw) {
			StoredEvent stored = this.events.decode(event);
			if (version != null && stored.version() > version) {
				break;
			}
			applyEvent(aggregate, toEvent(stored));
			last = stored;
		}
		if (last == null || (version != null && last.version() != version)) {
			throw new AggregateNotFoundException(this.name + " '" + id + "' has no version " + version);
		}
		this.loadedHeads.put(aggregate, last.asHead());
		return new LoadedAggregate<>(aggregate, metadata(id, last.asHead(), last, LoadSource.REPLAY));
	}

	@Override
	public List<LoadedAggregate<T>> query(String idPattern) {
		Objects.requireNonNull(idPattern, "idPattern");
		boolean wildcard = idPattern.equals(">") || idPattern.contains("*");
		String token = wildcard ? "*" : this.descriptor.ref(idPattern).id();
		Pattern glob = wildcard ? glob(idPattern) : null;
		if (wildcard && !idPattern.equals(">")) {
			for (String part : idPattern.split("\\*", -1)) {
				if (!part.isEmpty() && !part.matches("[A-Za-z0-9_-]+")) {
					throw new IllegalArgumentException(
							"id pattern '" + idPattern + "' may hold only [A-Za-z0-9_-] and '*', or be '>'");
				}
			}
		}
		List<LoadedAggregate<T>> found = new ArrayList<>();
		for (AggregateStateStore.StoredState stored : this.states.readAll(this.descriptor.context(),
				this.descriptor.type(), token)) {
			StateDocument document;
			try {
				document = StateDocument.decode(stored.body());
			}
			catch (IllegalArgumentException ex) {
				OversizedState.decode(stored.body())
					.filter((marker) -> glob == null || glob.matcher(marker.id()).matches())
					.ifPresent((marker) -> found.add(load(marker.id())));
				continue;
			}
			T aggregate = fromDocument(document);
			String id = aggregate.id();
			if (id == null || (glob != null && !glob.matcher(id).matches())) {
				continue;
			}
			if (document.problem(this.descriptor.fingerprint()) != null) {
				found.add(load(id));
				continue;
			}
			found.add(new LoadedAggregate<>(aggregate, metadata(id, document.head(), null, LoadSource.STATE)));
		}
		found.sort(Comparator.comparing((LoadedAggregate<T> loaded) -> loaded.metadata().id()));
		return found;
	}

	@Override
	public LoadedAggregate<T> update(String id, Function<? super T, ? extends List<?>> command) {
		VersionConflictException last = null;
		for (int attempt = 1; attempt <= this.updateAttempts; attempt++) {
			LoadedAggregate<T> loaded = (attempt == 1) ? loadForUpdate(id)
					: load(id, LoadOptions.defaults().withoutCache());
			T aggregate = loaded.aggregate();
			List<?> decided = command.apply(aggregate);
			if (decided == null || decided.isEmpty()) {
				return loaded;
			}
			try {
				AggregateMetadata metadata = save(aggregate, decided, SaveOptions.defaults());
				return new LoadedAggregate<>(aggregate, metadata);
			}
			catch (VersionConflictException ex) {
				last = ex;
				backOff(attempt);
			}
		}
		throw Objects.requireNonNull(last);
	}

	private LoadedAggregate<T> loadForUpdate(String id) {
		// The append's expectation catches a stale cached state, and the retry reloads.
		CachedState cached = this.cache.getIfPresent(this.descriptor.ref(id).id());
		if (cached != null) {
			this.observer.cacheLookup(this.name, true);
			T aggregate = fromDocument(cached.document());
			this.loadedHeads.put(aggregate, cached.metadata().head());
			return new LoadedAggregate<>(aggregate, cached.metadata().withSource(LoadSource.CACHE));
		}
		return load(id);
	}

	private LoadedAggregate<T> loadNewest(String id, LoadOptions options) {
		AggregateRef ref = this.descriptor.ref(id);
		CachedState cached = options.skipCache() ? null : this.cache.getIfPresent(id);
		// Without a cached state the head alone cannot settle the load: ask for the state
		// and
		// the snapshot at the same time as the head, one round trip for the three.
		StateLookups lookups = (cached == null && !options.skipSnapshots()) ? lookups(ref) : null;
		RawEvent headMessage = this.events.lastRaw(ref)
			.orElseThrow(() -> new AggregateNotFoundException(this.name + " '" + id + "' does not exist"));
		EventHead head = this.events.headOf(headMessage);
		if (!options.skipCache()) {
			boolean hit = cached != null && cached.metadata().head().equals(head);
			this.observer.cacheLookup(this.name, hit);
			if (hit) {
				T aggregate = fromDocument(cached.document());
				this.loadedHeads.put(aggregate, head);
				return new LoadedAggregate<>(aggregate, cached.metadata().withSource(LoadSource.CACHE));
			}
		}
		StateDocument base = null;
		LoadSource source = LoadSource.REPLAY;
		long stateVersion = 0;
		long stateSequence = 0;
		boolean snapshotInvalid = false;
		long snapshotVersion = 0;
		if (!options.skipSnapshots()) {
			if (lookups == null) {
				lookups = lookups(ref);
			}
			Optional<MessageInfo> state = this.directGets.await(lookups.state(), "reading the state of " + ref);
			if (state.isPresent()) {
				stateSequence = state.get().getSeq();
				// A marker for a state too large for one message: nothing to repair.
				stateVersion = OversizedState.marksHead(state.get().getData(), head) ? head.version() : 0;
				StateDocument document = (stateVersion > 0) ? null : trusted(state.get().getData(), head, "state");
				if (document != null) {
					stateVersion = document.version();
					if (document.version() == head.version()) {
						T aggregate = fromDocument(document);
						AggregateMetadata metadata = metadata(id, head, this.events.decode(headMessage),
								LoadSource.STATE);
						this.cache.put(id,
								new CachedState(document, metadata, CompletableFuture.completedFuture(stateSequence)));
						this.loadedHeads.put(aggregate, head);
						return new LoadedAggregate<>(aggregate, metadata);
					}
					base = document;
					source = LoadSource.STATE;
				}
			}
			Optional<byte[]> snapshot = this.directGets.await(lookups.snapshot(), "reading the snapshot of " + ref)
				.filter((info) -> info.getHeaders() == null || info.getHeaders().getFirst("KV-Operation") == null)
				.map(MessageInfo::getData);
			if (snapshot.isPresent()) {
				StateDocument document = trustedSnapshot(snapshot.get(), head);
				if (document == null) {
					snapshotInvalid = true;
				}
				else {
					snapshotVersion = document.version();
					if (base == null || document.version() > base.version()) {
						base = document;
						source = LoadSource.SNAPSHOT;
					}
				}
			}
		}
		T aggregate;
		if (base != null) {
			aggregate = fromDocument(base);
			List<StoredEvent> tail = this.events.history(ref, base.version() + 1, head.version(), base.sequence() + 1,
					head.sequence());
			if (!linksTo(tail, base, head)) {
				if (source == LoadSource.SNAPSHOT) {
					this.observer.snapshotDiscarded(this.name, "the event it covers is not in the stream");
					snapshotInvalid = true;
				}
				aggregate = replay(ref, head);
				source = LoadSource.REPLAY;
			}
			else {
				for (StoredEvent event : tail) {
					applyEvent(aggregate, toEvent(event));
				}
				if (source == LoadSource.SNAPSHOT) {
					this.observer.snapshotUsed(this.name);
				}
			}
		}
		else {
			aggregate = replay(ref, head);
		}
		this.loadedHeads.put(aggregate, head);
		AggregateMetadata metadata = metadata(id, head, this.events.decode(headMessage), source);
		if (stateVersion != head.version()) {
			this.observer.stateRepaired(this.name);
		}
		// A load that did not look at the snapshot cannot tell whether one is due.
		boolean snapshotDue = snapshotInvalid
				|| (!options.skipSnapshots() && this.snapshotEvery > 0 && head.version() >= this.snapshotEvery
						&& snapshotVersion / this.snapshotEvery < head.version() / this.snapshotEvery);
		if (options.skipSnapshots()) {
			// A replay that did not look at the state cannot tell whether it is behind:
			// only
			// cache what it folded.
			cacheOnly(ref, aggregate, metadata);
		}
		else {
			writeCaches(ref, aggregate, metadata, -1, snapshotDue, stateSequence);
		}
		return new LoadedAggregate<>(aggregate, metadata);
	}

	private StateLookups lookups(AggregateRef ref) {
		NatsRepositoryConfig config = this.events.config();
		return new StateLookups(
				this.directGets.last(config.aggregateStreamName(),
						this.events.subjects().aggregateState(ref.context(), ref.type(), ref.id())),
				this.directGets.last("KV_" + config.snapshotBucket(),
						"$KV." + config.snapshotBucket() + "." + SnapshotStore.key(ref)));
	}

	private LoadedAggregate<T> loadAtVersion(String id, long version) {
		AggregateRef ref = this.descriptor.ref(id);
		EventHead head = this.events.lastRaw(ref)
			.map(this.events::headOf)
			.orElseThrow(() -> new AggregateNotFoundException(this.name + " '" + id + "' does not exist"));
		if (head.version() < version) {
			throw new AggregateNotFoundException(
					this.name + " '" + id + "' has no version " + version + " (its newest is " + head.version() + ")");
		}
		StateDocument base = null;
		Optional<byte[]> snapshot = this.snapshots.read(ref);
		if (snapshot.isPresent()) {
			StateDocument document = trustedSnapshot(snapshot.get(), head);
			if (document != null && document.version() <= version) {
				base = document;
			}
		}
		T aggregate = (base != null) ? fromDocument(base) : this.descriptor.newInstance();
		long from = (base != null) ? base.version() + 1 : 1;
		List<StoredEvent> tail = this.events.history(ref, from, version, (base != null) ? base.sequence() + 1 : 1,
				head.sequence());
		if (base != null && !linksTo(tail, base, null)) {
			this.observer.snapshotDiscarded(this.name, "the event it covers is not in the stream");
			base = null;
			aggregate = this.descriptor.newInstance();
			tail = this.events.history(ref, 1, version, 1, head.sequence());
		}
		StoredEvent last = null;
		for (StoredEvent event : tail) {
			applyEvent(aggregate, toEvent(event));
			last = event;
		}
		EventHead at = (last != null) ? last.asHead() : base.head();
		this.loadedHeads.put(aggregate, at);
		return new LoadedAggregate<>(aggregate,
				metadata(id, at, last, (base != null) ? LoadSource.SNAPSHOT : LoadSource.REPLAY));
	}

	private T replay(AggregateRef ref, EventHead head) {
		T aggregate = this.descriptor.newInstance();
		List<StoredEvent> all = this.events.history(ref, 1, head.version(), 1, head.sequence());
		for (StoredEvent event : all) {
			applyEvent(aggregate, toEvent(event));
		}
		return aggregate;
	}

	/**
	 * Whether the tail starts right after the base and, with content addressing, links to
	 * the event the base covers.
	 */
	private boolean linksTo(List<StoredEvent> tail, StateDocument base, @Nullable EventHead head) {
		if (tail.isEmpty()) {
			return head == null || (base.version() == head.version() && Objects.equals(base.covers(), head.cid()));
		}
		StoredEvent first = tail.get(0);
		if (first.version() != base.version() + 1 || first.sequence() <= base.sequence()) {
			return false;
		}
		for (int i = 1; i < tail.size(); i++) {
			if (tail.get(i).version() != tail.get(i - 1).version() + 1) {
				return false;
			}
		}
		return base.covers() == null || base.covers().equals(first.prev());
	}

	/** The snapshot an entry stands for (itself or its object), if it can be trusted. */
	private @Nullable StateDocument trustedSnapshot(byte[] entry, EventHead head) {
		SnapshotStore.Resolved resolved = this.snapshots.resolve(entry);
		byte[] document = resolved.document();
		return (document != null) ? trusted(document, head, "snapshot")
				: discard("snapshot", Objects.requireNonNullElse(resolved.problem(), "unreadable"));
	}

	private @Nullable StateDocument trusted(byte[] body, EventHead head, String what) {
		StateDocument document;
		try {
			document = StateDocument.decode(body);
		}
		catch (IllegalArgumentException ex) {
			return discard(what, "unreadable: " + ex.getMessage());
		}
		String problem = document.problem(this.descriptor.fingerprint());
		if (problem == null && document.version() > head.version()) {
			problem = "claims version " + document.version() + " beyond the head " + head.version();
		}
		if (problem == null && document.version() == head.version() && !Objects.equals(document.covers(), head.cid())) {
			problem = "covers " + document.covers() + " but the head is " + head.cid();
		}
		if (problem != null) {
			return discard(what, problem);
		}
		return document;
	}

	private @Nullable StateDocument discard(String what, String problem) {
		if (what.equals("snapshot")) {
			this.observer.snapshotDiscarded(this.name, problem);
		}
		logger.log(Level.DEBUG, "ignoring the {0} of a {1}: {2}", what, this.name, problem);
		return null;
	}

	private void writeCaches(AggregateRef ref, T aggregate, AggregateMetadata metadata, long previousVersion,
			boolean snapshotRequested, @Nullable Long knownStateSequence) {
		StateDocument document;
		byte[] body;
		try {
			document = StateDocument.of(this.stateMapper.valueToTree(aggregate), metadata.head(),
					this.descriptor.fingerprint(), this.events.codec().codec());
			body = document.encode();
		}
		catch (IllegalArgumentException ex) {
			this.cacheWriter.unencodable(ref, ex);
			this.cache.invalidate(ref.id());
			return;
		}
		long known = (knownStateSequence != null) ? knownStateSequence
				: (previousVersion == 0) ? 0 : knownStateSequence(ref.id());
		// Caches: these writes never fail the save or load that makes them.
		CompletableFuture<Long> stateSequence = track(this.cacheWriter.writeState(ref, document, body, known));
		this.cache.put(ref.id(), new CachedState(document, metadata, stateSequence));
		boolean due = snapshotRequested || (previousVersion >= 0 && this.snapshotEvery > 0
				&& previousVersion / this.snapshotEvery < metadata.version() / this.snapshotEvery);
		if (due) {
			track(this.cacheWriter.writeSnapshot(ref, document, body));
		}
	}

	/**
	 * Wait until the state and snapshot writes of earlier saves and loads are
	 * acknowledged. Those writes are caches made without blocking the save; an
	 * application need not call this, but a test or a shutdown that wants them stored
	 * can.
	 * @param timeout how long to wait at most
	 * @return whether every write finished in time
	 */
	public boolean flush(Duration timeout) {
		CompletableFuture<?>[] pending = this.pendingWrites.toArray(new CompletableFuture<?>[0]);
		try {
			CompletableFuture.allOf(pending).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
			return true;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
		catch (ExecutionException ex) {
			return true;
		}
		catch (TimeoutException ex) {
			return false;
		}
	}

	private <F extends CompletableFuture<?>> F track(F write) {
		this.pendingWrites.add(write);
		write.whenComplete((result, ex) -> this.pendingWrites.remove(write));
		return write;
	}

	private void cacheOnly(AggregateRef ref, T aggregate, AggregateMetadata metadata) {
		try {
			StateDocument document = StateDocument.of(this.stateMapper.valueToTree(aggregate), metadata.head(),
					this.descriptor.fingerprint(), this.events.codec().codec());
			this.cache.put(ref.id(), new CachedState(document, metadata, CompletableFuture.completedFuture(-1L)));
		}
		catch (IllegalArgumentException ex) {
			this.cache.invalidate(ref.id());
		}
	}

	private long knownStateSequence(String id) {
		CachedState cached = this.cache.getIfPresent(id);
		if (cached == null) {
			return -1;
		}
		try {
			// Usually acknowledged already: the save that asks has made its own round
			// trip.
			Long sequence = cached.stateSequence()
				.get(this.events.config().publishTimeout().toMillis(), TimeUnit.MILLISECONDS);
			return (sequence != null && sequence > 0) ? sequence : -1;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return -1;
		}
		catch (ExecutionException | TimeoutException ex) {
			return -1;
		}
	}

	private EventHead expectedHead(T aggregate, @Nullable String id, SaveOptions options) {
		EventHead loaded = this.loadedHeads.getIfPresent(aggregate);
		Long expectedVersion = options.expectedVersion();
		if (expectedVersion == null) {
			return (loaded != null) ? loaded : EventHead.NONE;
		}
		if (expectedVersion == 0) {
			return EventHead.NONE;
		}
		if (loaded != null && loaded.version() == expectedVersion) {
			return loaded;
		}
		if (id == null) {
			throw new IllegalArgumentException(
					"a save expecting version " + expectedVersion + " needs an aggregate with an id");
		}
		AggregateRef ref = this.descriptor.ref(id);
		return this.events.eventAt(ref, expectedVersion)
			.map(StoredEvent::asHead)
			.orElseThrow(() -> new VersionConflictException(ref, expectedVersion,
					this.events.head(ref).map(EventHead::version).orElse(0L)));
	}

	private NewEvent toNewEvent(Object event) {
		Objects.requireNonNull(event, "event");
		EventType type = this.descriptor.events()
			.forClass(event.getClass())
			.orElseThrow(() -> new IllegalArgumentException(
					event.getClass().getName() + " is not an event of " + this.name + " (its events are "
							+ this.descriptor.events().types().stream().map(EventType::name).toList() + ")"));
		JsonNode data = this.eventMapper.valueToTree(event);
		return new NewEvent(type.name(), type.schema(), data);
	}

	private Object toEvent(StoredEvent stored) {
		EventType type = this.descriptor.events()
			.forName(stored.type())
			.orElseThrow(() -> new IllegalStateException("event " + stored.type() + " at version " + stored.version()
					+ " of " + stored.aggregate() + " has no class among the events of " + this.name));
		if (stored.schema() > type.schema()) {
			throw new IllegalStateException(
					"event " + stored.type() + " at version " + stored.version() + " of " + stored.aggregate()
							+ " has schema " + stored.schema() + ", newer than the known " + type.schema());
		}
		try {
			return this.eventMapper.treeToValue(stored.data(), type.javaType());
		}
		catch (JsonProcessingException | IllegalArgumentException ex) {
			throw new IllegalStateException("event " + stored.type() + " at version " + stored.version() + " of "
					+ stored.aggregate() + " cannot be read as " + type.javaType().getName() + ": " + ex.getMessage(),
					ex);
		}
	}

	@SuppressWarnings({ "unchecked", "rawtypes" })
	private void applyEvent(T aggregate, Object event) {
		if (!this.descriptor.eventType().isInstance(event)) {
			throw new IllegalArgumentException(event.getClass().getName() + " is not a "
					+ this.descriptor.eventType().getName() + " of " + this.name);
		}
		((EventSourced) aggregate).apply(event);
	}

	private T fromDocument(StateDocument document) {
		try {
			return this.stateMapper.treeToValue(document.state(), this.descriptor.aggregateClass());
		}
		catch (JsonProcessingException | IllegalArgumentException ex) {
			throw new IllegalStateException(
					"the stored state of a " + this.name + " cannot be read: " + ex.getMessage(), ex);
		}
	}

	private AggregateMetadata metadata(String id, EventHead head, @Nullable StoredEvent headEvent, LoadSource source) {
		return new AggregateMetadata(id, head.version(), head.sequence(), head.cid(),
				(headEvent != null) ? headEvent.meta().timestamp() : java.time.Instant.EPOCH, source);
	}

	private static Pattern glob(String pattern) {
		if (pattern.equals(">") || pattern.equals("*")) {
			return Pattern.compile(".*");
		}
		StringBuilder regex = new StringBuilder();
		for (String part : pattern.split("\\*", -1)) {
			if (regex.length() > 0 || pattern.startsWith("*")) {
				regex.append(".*");
			}
			regex.append(Pattern.quote(part));
		}
		return Pattern.compile(regex.toString());
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

	/**
	 * The state and snapshot of an aggregate, asked for and not yet answered.
	 */
	private record StateLookups(CompletableFuture<Optional<MessageInfo>> state,
			CompletableFuture<Optional<MessageInfo>> snapshot) {
	}

	/**
	 * A cached state, its metadata and its sequence in the state stream.
	 */
	private record CachedState(StateDocument document, AggregateMetadata metadata,
			CompletableFuture<Long> stateSequence) {
	}

}
