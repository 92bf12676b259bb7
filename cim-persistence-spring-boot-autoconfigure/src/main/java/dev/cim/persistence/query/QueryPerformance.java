package dev.cim.persistence.query;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * What executing a plan cost.
 *
 * @param strategy the strategy executed
 * @param duration how long the execution took
 * @param messagesRead the messages (or keys and entries) read from the server
 * @param bytesRead the bytes of their bodies
 * @param results the number of results returned
 * @param cacheHit whether the answer came from the result cache (then nothing but the
 * check that the target has not moved was read)
 * @param fallback why the plan's strategy was not the way the answer was read, and what
 * was done instead, or {@code null} when the plan ran as made
 */
public record QueryPerformance(QueryStrategy strategy, Duration duration, long messagesRead, long bytesRead,
		int results, boolean cacheHit, @Nullable String fallback) {

	/**
	 * Check the values.
	 */
	public QueryPerformance {
		Objects.requireNonNull(strategy, "strategy");
		Objects.requireNonNull(duration, "duration");
	}

	/**
	 * The cost of a plan that ran as made.
	 * @param strategy the strategy executed
	 * @param duration how long the execution took
	 * @param messagesRead the messages read from the server
	 * @param bytesRead the bytes of their bodies
	 * @param results the number of results returned
	 * @param cacheHit whether the answer came from the result cache
	 */
	public QueryPerformance(QueryStrategy strategy, Duration duration, long messagesRead, long bytesRead, int results,
			boolean cacheHit) {
		this(strategy, duration, messagesRead, bytesRead, results, cacheHit, null);
	}

	/**
	 * Why the plan's strategy fell back to another way of reading, if it did.
	 * @return the reason and what was done instead, or empty
	 */
	public Optional<String> fallbackReason() {
		return Optional.ofNullable(this.fallback);
	}

	/**
	 * This performance as a cached answer's: what the check read, the same results.
	 * @param checkDuration how long the check took
	 * @return a new performance with {@link #cacheHit()} set
	 */
	QueryPerformance asCacheHit(Duration checkDuration) {
		return new QueryPerformance(this.strategy, checkDuration, 0, 0, this.results, true, this.fallback);
	}

	/**
	 * A line for people: the strategy, what was read, cache and fallback.
	 * @return the text
	 */
	public String describe() {
		return "executed: " + this.strategy + " in " + this.duration.toMillis() + " ms, " + this.messagesRead
				+ " messages (" + this.bytesRead + " bytes) read, " + this.results + " results"
				+ (this.cacheHit ? ", from the result cache (the target has not moved)" : "")
				+ ((this.fallback != null) ? "\nfallback: " + this.fallback : "");
	}

}
