package dev.cim.persistence.repository.support;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import dev.cim.persistence.nats.NatsRepositoryConfig;
import dev.cim.persistence.nats.StoreSubjects;
import io.nats.client.api.MessageInfo;
import org.jspecify.annotations.Nullable;
import dev.cim.persistence.repository.AggregateMetadata;
import dev.cim.persistence.repository.AggregateNotFoundException;
import dev.cim.persistence.repository.AggregateRef;
import dev.cim.persistence.repository.ChainIntegrityException;
import dev.cim.persistence.repository.ChainVerification;
import dev.cim.persistence.repository.EventSourced;
import dev.cim.persistence.repository.LoadOptions;
import dev.cim.persistence.repository.LoadSource;
import dev.cim.persistence.repository.LoadedAggregate;
import dev.cim.persistence.repository.RepositoryObserver;

/**
 * Loads aggregates of one type from the cheapest source that is still current.
 *
 * <p>
 * A load reads the head of the aggregate's events (one direct get, asked together with
 * the state and the snapshot) and then takes, in order: the in-process cache when it
 * holds that version; the state stream when it holds that version; the newest valid
 * snapshot (or an older state) plus the events after it; a full replay. What it finds
 * behind or invalid it repairs through the {@link StateCache}.
 *
 * @param <T> the aggregate type
 */
final class AggregateLoader<T extends EventSourced<?>> {

	private final AggregateDescriptor<T> descriptor;

	private final EventReader reader;

	private final SnapshotStore snapshots;

	private final DirectGets directGets;

	private final StateTrust trust;

	private final StateCache<T> cache;

	private final EventConversion<T> conversion;

	private final ChainVerifier verifier;

	private final RepositoryObserver observer;

	private final NatsRepositoryConfig config;

	private final StoreSubjects subjects;

	private final String name;

	AggregateLoader(EventConversion<T> conversion, StoreParts parts, StateTrust trust, StateCache<T> cache,
			RepositoryObserver observer) {
		this.descriptor = conversion.descriptor();
		this.conversion = conversion;
		this.reader = parts.reader();
		this.snapshots = parts.snapshots();
		this.directGets = parts.directGets();
		this.verifier = parts.verifier();
		this.config = parts.config();
		this.subjects = parts.subjects();
		this.trust = trust;
		this.cache = cache;
		this.observer = observer;
		this.name = this.descriptor.toString();
	}

	LoadedAggregate<T> load(String id, LoadOptions options) {
		if (options.verifyChain() || this.config.verifyOnLoad()) {
			return loadVerified(id, options.version());
		}
		return (options.version() != null) ? loadAtVersion(id, options.version()) : loadNewest(id, options);
	}

	/**
	 * Load for an update: a cached state is taken without reading the head, as the
	 * append's expectation catches a stale one and the update's retry reloads.
	 */
	LoadedAggregate<T> loadForUpdate(String id) {
		StateCache.CachedState cached = this.cache.get(this.descriptor.ref(id).id());
		if (cached != null) {
			this.observer.cacheLookup(this.name, true);
			return new LoadedAggregate<>(this.conversion.fromDocument(cached.document()),
					cached.metadata().withSource(LoadSource.CACHE));
		}
		return load(id, LoadOptions.defaults());
	}

	private LoadedAggregate<T> loadNewest(String id, LoadOptions options) {
		AggregateRef ref = this.descriptor.ref(id);
		StateCache.CachedState cached = options.skipCache() ? null : this.cache.get(id);
		// Without a cached state the head alone cannot settle the load: ask for the state
		// and the snapshot at the same time as the head, one round trip for the three.
		StateLookups lookups = (cached == null && !options.skipSnapshots()) ? lookups(ref) : null;
		RawEvent headMessage = this.reader.lastRaw(ref).orElseThrow(() -> notFound(id));
		EventHead head = this.reader.headOf(headMessage);
		if (!options.skipCache()) {
			boolean hit = cached != null && cached.head().equals(head);
			this.observer.cacheLookup(this.name, hit);
			if (hit) {
				return new LoadedAggregate<>(this.conversion.fromDocument(cached.document()),
						cached.metadata().withSource(LoadSource.CACHE));
			}
		}
		Base base = new Base();
		if (!options.skipSnapshots()) {
			LoadedAggregate<T> current = readStoredBase((lookups != null) ? lookups : lookups(ref), ref, head,
					headMessage, base);
			if (current != null) {
				return current;
			}
		}
		T aggregate = fromBase(ref, head, base);
		AggregateMetadata metadata = EventConversion.metadata(id, head, this.reader.decode(headMessage), base.source);
		if (base.stateVersion != head.version()) {
			this.observer.stateRepaired(this.name);
		}
		if (options.skipSnapshots()) {
			// A replay that did not look at the state cannot tell whether it is behind:
			// only cache what it folded.
			this.cache.keep(ref, aggregate, metadata, head);
		}
		else {
			int every = this.config.snapshotEvery();
			boolean snapshotDue = base.snapshotInvalid
					|| (every > 0 && head.version() >= every && base.snapshotVersion / every < head.version() / every);
			this.cache.write(ref, aggregate, metadata, head, -1, snapshotDue, base.stateSequence);
		}
		return new LoadedAggregate<>(aggregate, metadata);
	}

	/**
	 * Read the state and the snapshot into the base; when the state is current, the
	 * aggregate itself.
	 */
	private @Nullable LoadedAggregate<T> readStoredBase(StateLookups lookups, AggregateRef ref, EventHead head,
			RawEvent headMessage, Base base) {
		Optional<MessageInfo> state = this.directGets.await(lookups.state(), "reading the state of " + ref);
		if (state.isPresent()) {
			base.stateSequence = state.get().getSeq();
			// A marker for a state too large for one message: nothing to repair.
			base.stateVersion = OversizedState.marksHead(state.get().getData(), head) ? head.version() : 0;
			StateDocument document = (base.stateVersion > 0) ? null : this.trust.state(state.get().getData(), head);
			if (document != null) {
				base.stateVersion = document.version();
				if (document.version() == head.version()) {
					AggregateMetadata metadata = EventConversion.metadata(ref.id(), head,
							this.reader.decode(headMessage), LoadSource.STATE);
					this.cache.putRead(ref.id(), document, metadata, base.stateSequence);
					return new LoadedAggregate<>(this.conversion.fromDocument(document), metadata);
				}
				base.document = document;
				base.source = LoadSource.STATE;
			}
		}
		Optional<byte[]> snapshot = this.directGets.await(lookups.snapshot(), "reading the snapshot of " + ref)
			.filter((info) -> info.getHeaders() == null || info.getHeaders().getFirst("KV-Operation") == null)
			.map(MessageInfo::getData);
		if (snapshot.isPresent()) {
			StateDocument document = this.trust.snapshot(snapshot.get(), head);
			if (document == null) {
				base.snapshotInvalid = true;
			}
			else {
				base.snapshotVersion = document.version();
				if (base.document == null || document.version() > base.document.version()) {
					base.document = document;
					base.source = LoadSource.SNAPSHOT;
				}
			}
		}
		return null;
	}

	/** Fold the events after the base (or all of them) into the aggregate. */
	private T fromBase(AggregateRef ref, EventHead head, Base base) {
		StateDocument document = base.document;
		if (document == null) {
			return replay(ref, head);
		}
		T aggregate = this.conversion.fromDocument(document);
		List<RecordedEvent> tail = this.reader.history(ref, document.version() + 1, head.version(),
				document.sequence() + 1, head.sequence());
		if (!StateTrust.linksTo(tail, document, head)) {
			if (base.source == LoadSource.SNAPSHOT) {
				this.observer.snapshotDiscarded(this.name, "the event it covers is not in the stream");
				base.snapshotInvalid = true;
			}
			base.source = LoadSource.REPLAY;
			return replay(ref, head);
		}
		this.conversion.applyAll(aggregate, tail);
		if (base.source == LoadSource.SNAPSHOT) {
			this.observer.snapshotUsed(this.name);
		}
		return aggregate;
	}

	private LoadedAggregate<T> loadAtVersion(String id, long version) {
		AggregateRef ref = this.descriptor.ref(id);
		EventHead head = this.reader.head(ref).orElseThrow(() -> notFound(id));
		if (head.version() < version) {
			throw new AggregateNotFoundException(
					this.name + " '" + id + "' has no version " + version + " (its newest is " + head.version() + ")");
		}
		StateDocument base = null;
		Optional<byte[]> snapshot = this.snapshots.read(ref);
		if (snapshot.isPresent()) {
			StateDocument document = this.trust.snapshot(snapshot.get(), head);
			if (document != null && document.version() <= version) {
				base = document;
			}
		}
		long from = (base != null) ? base.version() + 1 : 1;
		List<RecordedEvent> tail = this.reader.history(ref, from, version, (base != null) ? base.sequence() + 1 : 1,
				head.sequence());
		if (base != null && !StateTrust.linksTo(tail, base, null)) {
			this.observer.snapshotDiscarded(this.name, "the event it covers is not in the stream");
			base = null;
			tail = this.reader.history(ref, 1, version, 1, head.sequence());
		}
		T aggregate = (base != null) ? this.conversion.fromDocument(base) : this.descriptor.newInstance();
		this.conversion.applyAll(aggregate, tail);
		RecordedEvent last = tail.isEmpty() ? null : tail.get(tail.size() - 1);
		EventHead at = (last != null) ? last.asHead() : base.head();
		return new LoadedAggregate<>(aggregate,
				EventConversion.metadata(id, at, last, (base != null) ? LoadSource.SNAPSHOT : LoadSource.REPLAY));
	}

	private LoadedAggregate<T> loadVerified(String id, @Nullable Long version) {
		AggregateRef ref = this.descriptor.ref(id);
		List<RawEvent> raw = this.reader.rawHistory(ref);
		if (raw.isEmpty()) {
			throw notFound(id);
		}
		ChainVerification verification = this.verifier.verify(ref, raw);
		if (!verification.valid()) {
			throw new ChainIntegrityException(verification);
		}
		T aggregate = this.descriptor.newInstance();
		RecordedEvent last = null;
		for (RawEvent event : raw) {
			RecordedEvent stored = this.reader.decode(event);
			if (version != null && stored.version() > version) {
				break;
			}
			this.conversion.apply(aggregate, this.conversion.toEvent(stored));
			last = stored;
		}
		if (last == null || (version != null && last.version() != version)) {
			throw new AggregateNotFoundException(this.name + " '" + id + "' has no version " + version);
		}
		return new LoadedAggregate<>(aggregate, EventConversion.metadata(id, last.asHead(), last, LoadSource.REPLAY));
	}

	ChainVerification verify(String id) {
		AggregateRef ref = this.descriptor.ref(id);
		List<RawEvent> raw = this.reader.rawHistory(ref);
		if (raw.isEmpty()) {
			throw notFound(id);
		}
		return this.verifier.verify(ref, raw);
	}

	private T replay(AggregateRef ref, EventHead head) {
		T aggregate = this.descriptor.newInstance();
		this.conversion.applyAll(aggregate, this.reader.history(ref, 1, head.version(), 1, head.sequence()));
		return aggregate;
	}

	private StateLookups lookups(AggregateRef ref) {
		return new StateLookups(
				this.directGets.last(this.config.aggregateStreamName(),
						this.subjects.aggregateState(ref.context(), ref.type(), ref.id())),
				this.directGets.last("KV_" + this.config.snapshotBucket(),
						"$KV." + this.config.snapshotBucket() + "." + SnapshotStore.key(ref)));
	}

	AggregateNotFoundException notFound(String id) {
		return new AggregateNotFoundException(this.name + " '" + id + "' does not exist");
	}

	/**
	 * The state and snapshot of an aggregate, asked for and not yet answered.
	 */
	private record StateLookups(CompletableFuture<Optional<MessageInfo>> state,
			CompletableFuture<Optional<MessageInfo>> snapshot) {
	}

	/**
	 * What a load found to start from.
	 */
	private static final class Base {

		@Nullable StateDocument document;

		LoadSource source = LoadSource.REPLAY;

		long stateVersion;

		long stateSequence;

		long snapshotVersion;

		boolean snapshotInvalid;

	}

}
