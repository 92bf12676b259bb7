package dev.cim.persistence.repository;

import java.time.Duration;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

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
	 * @param outcome how it ended
	 * @param duration how long it took
	 */
	default void saved(String aggregate, SaveOutcome outcome, Duration duration) {
	}

	/**
	 * A load finished.
	 * @param aggregate the aggregate type, {@code context.type}
	 * @param outcome how it ended
	 * @param source where the state came from, or {@code null} when it failed
	 * @param duration how long it took
	 */
	default void loaded(String aggregate, LoadOutcome outcome, @Nullable LoadSource source, Duration duration) {
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
	 * @param kind which cache
	 * @param reason why
	 */
	default void cacheWriteFailed(String aggregate, CacheKind kind, CacheWriteFailure reason) {
	}

	/**
	 * The state stream was found behind the events and repaired.
	 * @param aggregate the aggregate type
	 */
	default void stateRepaired(String aggregate) {
	}

	/** How a save ended. */
	enum SaveOutcome {

		/** The events were stored. */
		SUCCESS,

		/** The aggregate had moved on: nothing was stored. */
		CONFLICT,

		/** Anything else: invalid input, or the server could not be reached. */
		ERROR;

		/**
		 * The value of the {@code outcome} tag.
		 * @return the lower-case name
		 */
		public String tag() {
			return name().toLowerCase(Locale.ROOT);
		}

	}

	/** How a load ended. */
	enum LoadOutcome {

		/** The aggregate was loaded. */
		SUCCESS,

		/** The aggregate (or that version of it) has no events. */
		NOT_FOUND,

		/** Anything else. */
		ERROR;

		/**
		 * The value of the {@code outcome} tag.
		 * @return the lower-case name
		 */
		public String tag() {
			return name().toLowerCase(Locale.ROOT);
		}

	}

	/** The caches a repository writes. */
	enum CacheKind {

		/** The aggregate's state in the state stream. */
		STATE,

		/** A snapshot. */
		SNAPSHOT;

		/**
		 * The value of the {@code kind} tag.
		 * @return the lower-case name
		 */
		public String tag() {
			return name().toLowerCase(Locale.ROOT);
		}

	}

	/** Why a cache write did not happen. */
	enum CacheWriteFailure {

		/** The document was too large for one message and was not written. */
		TOO_LARGE,

		/** The server or the client refused the write. */
		ERROR;

		/**
		 * The value of the {@code reason} tag.
		 * @return the lower-case name
		 */
		public String tag() {
			return name().toLowerCase(Locale.ROOT);
		}

	}

}
