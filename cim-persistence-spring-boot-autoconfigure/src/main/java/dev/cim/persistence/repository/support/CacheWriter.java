package dev.cim.persistence.repository.support;

import java.lang.System.Logger.Level;
import java.util.concurrent.CompletableFuture;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.cim.persistence.ipld.IpldCodec;
import dev.cim.persistence.nats.PayloadLimits;
import org.jspecify.annotations.Nullable;
import dev.cim.persistence.repository.RepositoryObserver.CacheKind;
import dev.cim.persistence.repository.RepositoryObserver.CacheWriteFailure;
import dev.cim.persistence.repository.AggregateRef;
import dev.cim.persistence.repository.RepositoryObserver;

/**
 * Writes an aggregate's caches, its state document and its snapshot, after a save or a
 * load, without ever failing the operation that asked: a write that cannot be made is
 * logged once and reported to the {@link RepositoryObserver}, and later loads fall back
 * to an older state, a snapshot or a replay.
 *
 * <p>
 * A state document larger than {@link PayloadLimits#maxStateBytes()} is not written to
 * the state stream; its snapshots go to the snapshot object bucket (see
 * {@link SnapshotStore}).
 */
final class CacheWriter {

	private static final System.Logger logger = System.getLogger(CacheWriter.class.getName());

	private final AggregateStateStore states;

	private final SnapshotStore snapshots;

	private final PayloadLimits limits;

	private final RepositoryObserver observer;

	private final String name;

	/** Aggregates whose state was reported too large, so the warning is given once. */
	private final Cache<String, Boolean> reportedTooLarge = Caffeine.newBuilder().maximumSize(10_000).build();

	CacheWriter(AggregateStateStore states, SnapshotStore snapshots, PayloadLimits limits, RepositoryObserver observer,
			String name) {
		this.states = states;
		this.snapshots = snapshots;
		this.limits = limits;
		this.observer = observer;
		this.name = name;
	}

	/**
	 * Write a state document to the state stream; when it is too large for one message,
	 * an {@link OversizedState} marker instead.
	 * @param body the encoded document
	 * @param known the state subject's last sequence as known, 0 for none, -1 when
	 * unknown
	 * @return the sequence of the state (or marker) once written, -1 when it was not;
	 * never completes exceptionally
	 */
	CompletableFuture<Long> writeState(AggregateRef ref, StateDocument document, byte[] body, long known) {
		int limit = this.limits.maxStateBytes();
		byte[] message = body;
		if (body.length > limit) {
			tooLarge(ref, body.length, limit);
			// In place of the state, a marker that replaces the last state that fitted.
			message = OversizedState.of(ref, document, body.length)
				.encode(IpldCodec.forCode(document.stateCid().codec()).orElse(IpldCodec.DAG_JSON));
		}
		CompletableFuture<Long> write;
		try {
			write = this.states.writeAsync(ref, document, message, known);
		}
		catch (RuntimeException ex) {
			failed(ref, CacheKind.STATE, ex);
			return CompletableFuture.completedFuture(-1L);
		}
		return write.exceptionally((ex) -> {
			failed(ref, CacheKind.STATE, ex);
			return -1L;
		});
	}

	/**
	 * Write a snapshot: into the snapshot bucket when it fits in one message, otherwise
	 * into the snapshot object bucket.
	 * @param body the encoded document
	 * @return the write; never completes exceptionally
	 */
	CompletableFuture<?> writeSnapshot(AggregateRef ref, StateDocument document, byte[] body) {
		CompletableFuture<?> write;
		try {
			write = this.snapshots.writeAsync(ref, document, body);
		}
		catch (RuntimeException ex) {
			failed(ref, CacheKind.SNAPSHOT, ex);
			return CompletableFuture.completedFuture(null);
		}
		return write.handle((ack, ex) -> {
			if (ex == null) {
				this.observer.snapshotWritten(this.name);
			}
			else {
				failed(ref, CacheKind.SNAPSHOT, ex);
			}
			return null;
		});
	}

	private void tooLarge(AggregateRef ref, int size, int limit) {
		this.observer.cacheWriteFailed(this.name, CacheKind.STATE, CacheWriteFailure.TOO_LARGE);
		Level level = (this.reportedTooLarge.asMap().putIfAbsent(ref.id(), Boolean.TRUE) == null) ? Level.WARNING
				: Level.DEBUG;
		logger.log(level,
				"the state of {0} is {1} bytes encoded, more than the {2} bytes one message may hold: it is not written"
						+ " to the state stream, loads use the newest snapshot and the events after it",
				ref, size, limit);
	}

	private void failed(AggregateRef ref, CacheKind kind, Throwable failure) {
		this.observer.cacheWriteFailed(this.name, kind, CacheWriteFailure.ERROR);
		Throwable cause = rootOf(failure);
		logger.log(Level.WARNING,
				"the {0} of {1} was not written ({2}); the save or load that wrote it succeeded,"
						+ " and later loads fall back to older states, snapshots or the events",
				kind.tag(), ref, cause);
		logger.log(Level.DEBUG, "the write failed with", failure);
	}

	private static Throwable rootOf(Throwable failure) {
		Throwable cause = failure;
		while ((cause instanceof java.util.concurrent.CompletionException || cause.getClass() == RuntimeException.class)
				&& cause.getCause() != null) {
			cause = cause.getCause();
		}
		return cause;
	}

	/**
	 * Report that a document could not even be encoded; the cache is not written.
	 */
	void unencodable(AggregateRef ref, @Nullable Throwable failure) {
		this.observer.cacheWriteFailed(this.name, CacheKind.STATE, CacheWriteFailure.ERROR);
		logger.log(Level.WARNING, "the state of " + ref + " cannot be stored; loads will replay", failure);
	}

}
