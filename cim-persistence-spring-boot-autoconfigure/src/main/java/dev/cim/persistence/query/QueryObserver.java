package dev.cim.persistence.query;

/**
 * Told what a {@link QueryOptimizer} does, to record it (as meters, for instance). Called
 * on the querying thread; implementations must be thread-safe and quick, and should not
 * throw.
 */
public interface QueryObserver {

	/** An observer that ignores everything. */
	QueryObserver NONE = new QueryObserver() {
	};

	/**
	 * A plan was executed, or answered from the result cache.
	 * @param target what the query read
	 * @param performance what the execution cost, with its strategy and whether the
	 * result cache answered
	 */
	default void executed(QueryTarget target, QueryPerformance performance) {
	}

	/**
	 * A plan was looked up in the plan cache.
	 * @param hit whether a cached plan was used
	 */
	default void planCache(boolean hit) {
	}

	/**
	 * A result was looked up in the result cache.
	 * @param hit whether a cached result was still valid and used
	 */
	default void resultCache(boolean hit) {
	}

}
