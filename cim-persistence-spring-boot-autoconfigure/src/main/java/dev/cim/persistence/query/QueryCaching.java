package dev.cim.persistence.query;

import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link QueryOptimizer} caches plans and results.
 *
 * <p>
 * A plan is kept for {@code planTimeToLive} after it was made: within that time a query
 * with the same hint gets the same plan without asking the server for statistics. A
 * result is kept until it is evicted by size, and used only while the stream the query
 * read has not moved: its first and last sequence and message count, read with one
 * stream-info request before every use, are those it had when the result was read.
 *
 * @param enabled whether anything is cached
 * @param maximumSize how many plans, and how many results, are kept at most
 * @param planTimeToLive how long a plan is used after it was made
 */
public record QueryCaching(boolean enabled, long maximumSize, Duration planTimeToLive) {

	private static final QueryCaching DISABLED = new QueryCaching(false, 0, Duration.ZERO);

	/**
	 * Check the values.
	 */
	public QueryCaching {
		Objects.requireNonNull(planTimeToLive, "planTimeToLive");
		if (maximumSize < 0) {
			throw new IllegalArgumentException("The maximum size must not be negative, not " + maximumSize);
		}
		if (planTimeToLive.isNegative()) {
			throw new IllegalArgumentException("The plan time to live must not be negative, not " + planTimeToLive);
		}
	}

	/**
	 * Cache nothing: every plan reads the statistics, every execution reads the server.
	 * @return the settings
	 */
	public static QueryCaching disabled() {
		return DISABLED;
	}

	/**
	 * Cache up to 1,000 plans for 5 seconds and up to 1,000 results.
	 * @return the settings
	 */
	public static QueryCaching defaults() {
		return new QueryCaching(true, 1000, Duration.ofSeconds(5));
	}

}
