package dev.cim.persistence.repository.support;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.jspecify.annotations.Nullable;
import dev.cim.persistence.repository.AggregateMetadata;
import dev.cim.persistence.repository.AggregateRef;
import dev.cim.persistence.repository.EventSourced;

/**
 * The caches of one aggregate type: the in-process cache of state documents, and the
 * writes of states to the state stream and of snapshots. Every write is a cache: it never
 * fails the save or load that makes it, and a cached entry is used only when it matches
 * the head read from the event stream (or when an append's expectation will check it).
 *
 * @param <T> the aggregate type
 */
final class StateCache<T extends EventSourced<?>> {

	private final Cache<String, CachedState> cache;

	private final Set<CompletableFuture<?>> pendingWrites = ConcurrentHashMap.newKeySet();

	private final CacheWriter writer;

	private final EventConversion<T> conversion;

	private final int snapshotEvery;

	private final Duration publishTimeout;

	StateCache(int size, CacheWriter writer, EventConversion<T> conversion, int snapshotEvery,
			Duration publishTimeout) {
		this.cache = Caffeine.newBuilder().maximumSize(size).build();
		this.writer = writer;
		this.conversion = conversion;
		this.snapshotEvery = snapshotEvery;
		this.publishTimeout = publishTimeout;
	}

	@Nullable CachedState get(String id) {
		return this.cache.getIfPresent(id);
	}

	void invalidate(String id) {
		this.cache.invalidate(id);
	}

	/** Keep a state read from the state stream, current at the head. */
	void putRead(String id, StateDocument document, AggregateMetadata metadata, long stateSequence) {
		this.cache.put(id, new CachedState(document, metadata, CompletableFuture.completedFuture(stateSequence)));
	}

	/**
	 * Cache an aggregate and write its state and, when due, a snapshot.
	 * @param previousVersion the version before a save, or -1 for a load
	 * @param snapshotRequested whether a snapshot is wanted whatever the policy
	 * @param knownStateSequence the state subject's last sequence when known
	 */
	void write(AggregateRef ref, T aggregate, AggregateMetadata metadata, EventHead head, long previousVersion,
			boolean snapshotRequested, @Nullable Long knownStateSequence) {
		StateDocument document;
		byte[] body;
		try {
			document = this.conversion.document(aggregate, head);
			body = document.encode();
		}
		catch (IllegalArgumentException ex) {
			this.writer.unencodable(ref, ex);
			this.cache.invalidate(ref.id());
			return;
		}
		long known = (knownStateSequence != null) ? knownStateSequence
				: (previousVersion == 0) ? 0 : knownStateSequence(ref.id());
		CompletableFuture<Long> stateSequence = track(this.writer.writeState(ref, document, body, known));
		this.cache.put(ref.id(), new CachedState(document, metadata, stateSequence));
		boolean due = snapshotRequested || (previousVersion >= 0 && this.snapshotEvery > 0
				&& previousVersion / this.snapshotEvery < metadata.version() / this.snapshotEvery);
		if (due) {
			track(this.writer.writeSnapshot(ref, document, body));
		}
	}

	/** Cache an aggregate without writing anything. */
	void keep(AggregateRef ref, T aggregate, AggregateMetadata metadata, EventHead head) {
		try {
			this.cache.put(ref.id(), new CachedState(this.conversion.document(aggregate, head), metadata,
					CompletableFuture.completedFuture(-1L)));
		}
		catch (IllegalArgumentException ex) {
			this.cache.invalidate(ref.id());
		}
	}

	boolean flush(Duration timeout) {
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

	private long knownStateSequence(String id) {
		CachedState cached = this.cache.getIfPresent(id);
		if (cached == null) {
			return -1;
		}
		try {
			// Usually acknowledged already: the save that asks has made its own round
			// trip.
			Long sequence = cached.stateSequence().get(this.publishTimeout.toMillis(), TimeUnit.MILLISECONDS);
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

	/**
	 * A cached state, its metadata and its sequence in the state stream.
	 */
	record CachedState(StateDocument document, AggregateMetadata metadata, CompletableFuture<Long> stateSequence) {

		EventHead head() {
			return this.document.head();
		}

	}

}
