package dev.cim.persistence.query;

import java.time.Duration;
import java.util.Objects;

/**
 * What executing a plan cost.
 *
 * @param strategy the strategy executed
 * @param duration how long the execution took
 * @param messagesRead the messages (or keys and entries) read from the server
 * @param bytesRead the bytes of their bodies
 * @param results the number of results returned
 * @param cacheHit whether the answer came from the result cache (always {@code false}
 * until results are cached)
 */
public record QueryPerformance(QueryStrategy strategy, Duration duration, long messagesRead, long bytesRead,
		int results, boolean cacheHit) {

	/**
	 * Check the values.
	 */
	public QueryPerformance {
		Objects.requireNonNull(strategy, "strategy");
		Objects.requireNonNull(duration, "duration");
	}

}
