package dev.cim.persistence.repository;

import java.time.Duration;

/**
 * Receives what a repository does, for metrics. Implementations must be fast and must not
 * throw. {@link #NONE} ignores everything.
 */
public interface RepositoryObserver {

	/** An observer that ignores everything. */
	RepositoryObserver NONE = new RepositoryObserver() {
	};

	/**
	 * A save finished.
	 * @param aggregate the aggregate type, {@code context.type}
	 * @param outcome {@code success}, {@code conflict} or {@code error}
	 * @param duration how long it took
	 */
	default void saved(String aggregate, String outcome, Duration duration) {
	}

	/**
	 * A load finished.
	 * @param aggregate the aggregate type, {@code context.type}
	 * @param outcome {@code success}, {@code not_found} or {@code error}
	 * @param source where the state came from, or {@code null} when it failed
	 * @param duration how long it took
	 */
	default void loaded(String aggregate, String outcome, @org.jspecify.annotations.Nullable LoadSource source,
			Duration duration) {
	}

	/**
	 * A save met a version conflict.
	 * @param aggregate the aggregate type
	 */
	default void versionConflict(String aggregate) {
	}

	/**
	 * The cache was asked for an aggregate.
	 * @param aggregate the aggregate type
	 * @param hit whether it held a current entry
	 */
	default void cacheLookup(String aggregate, boolean hit) {
	}

	/**
	 * A snapshot was read and used.
	 * @param aggregate the aggregate type
	 */
	default void snapshotUsed(String aggregate) {
	}

	/**
	 * A snapshot was read and discarded as invalid.
	 * @param aggregate the aggregate type
	 * @param reason why
	 */
	default void snapshotDiscarded(String aggregate, String reason) {
	}

	/**
	 * A snapshot was written.
	 * @param aggregate the aggregate type
	 */
	default void snapshotWritten(String aggregate) {
	}

	/**
	 * A state or snapshot write did not happen. These are caches: the save or load that
	 * made the write succeeded all the same, and later loads fall back to older states,
	 * snapshots or replays.
	 * @param aggregate the aggregate type
	 * @param kind {@code state} or {@code snapshot}
	 * @param reason {@code too_large} (a state too large for one message, not written) or
	 * {@code error} (the server or the client refused the write)
	 */
	default void cacheWriteFailed(String aggregate, String kind, String reason) {
	}

	/**
	 * The state stream was found behind the events and repaired.
	 * @param aggregate the aggregate type
	 */
	default void stateRepaired(String aggregate) {
	}

}
