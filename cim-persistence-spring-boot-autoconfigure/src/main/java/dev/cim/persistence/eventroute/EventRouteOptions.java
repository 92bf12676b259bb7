package dev.cim.persistence.eventroute;

import java.time.Duration;
import java.util.Objects;

import dev.cim.persistence.routing.SubjectTokens;

/**
 * How routed handlers consume events, retry and park. Immutable; take {@link #defaults()}
 * and change what you need with the {@code with…} methods.
 *
 * @param attempts how many times a failing handler is called for one event before the
 * event is parked (default 3)
 * @param initialBackoff the pause after the first failed attempt, doubled after each
 * further one (default 200 ms)
 * @param maxBackoff the longest pause between two attempts (default 10 s)
 * @param parkedBucket the key-value bucket of parked events (default {@code cim-parked})
 * @param consumerPrefix the first part of each group's consumer name (default
 * {@code cim-route})
 * @param batchSize how many events one pull asks for (default 32)
 * @param ackWait how long the server waits for an event's acknowledgement before
 * delivering it again (default 60 s)
 * @param fetchTimeout how long one pull waits for events when there are none; at least 1
 * s (default 1 s)
 * @param pinnedTtl how long the instance consuming a group may go without asking for
 * events before the server hands the group to another instance; longer than the fetch
 * timeout (default 5 s)
 * @param stopTimeout how long a stop waits for each group to finish the events in hand
 * (default 10 s)
 */
public record EventRouteOptions(int attempts, Duration initialBackoff, Duration maxBackoff, String parkedBucket,
		String consumerPrefix, int batchSize, Duration ackWait, Duration fetchTimeout, Duration pinnedTtl,
		Duration stopTimeout) {

	/**
	 * Check the values.
	 * @throws IllegalArgumentException naming the setting that is out of range
	 */
	public EventRouteOptions {
		if (attempts < 1) {
			throw new IllegalArgumentException("attempts must be at least 1, was " + attempts);
		}
		if (batchSize < 1) {
			throw new IllegalArgumentException("batch size must be at least 1, was " + batchSize);
		}
		Objects.requireNonNull(initialBackoff, "initialBackoff");
		Objects.requireNonNull(maxBackoff, "maxBackoff");
		Objects.requireNonNull(ackWait, "ackWait");
		Objects.requireNonNull(stopTimeout, "stopTimeout");
		if (initialBackoff.isNegative() || maxBackoff.isNegative()) {
			throw new IllegalArgumentException("back-off must not be negative");
		}
		if (fetchTimeout.toMillis() < 1000) {
			throw new IllegalArgumentException("fetch timeout must be at least 1 second, was " + fetchTimeout);
		}
		if (pinnedTtl.compareTo(fetchTimeout) <= 0) {
			throw new IllegalArgumentException(
					"pinned TTL must be longer than the fetch timeout " + fetchTimeout + ", was " + pinnedTtl);
		}
		if (!SubjectTokens.isValid(parkedBucket, 64)) {
			throw new IllegalArgumentException("parked bucket '" + parkedBucket + "' is not a valid bucket name");
		}
		if (!SubjectTokens.isValid(consumerPrefix, 32)) {
			throw new IllegalArgumentException(
					"consumer prefix '" + consumerPrefix + "' must be 1 to 32 characters of [A-Za-z0-9_-]");
		}
	}

	/**
	 * The default options.
	 * @return the defaults
	 */
	public static EventRouteOptions defaults() {
		return new EventRouteOptions(3, Duration.ofMillis(200), Duration.ofSeconds(10), "cim-parked", "cim-route", 32,
				Duration.ofSeconds(60), Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ofSeconds(10));
	}

	/**
	 * These options with other retry settings.
	 * @param attempts the attempts per event
	 * @param initialBackoff the first pause
	 * @param maxBackoff the longest pause
	 * @return the new options
	 */
	public EventRouteOptions withRetries(int attempts, Duration initialBackoff, Duration maxBackoff) {
		return new EventRouteOptions(attempts, initialBackoff, maxBackoff, this.parkedBucket, this.consumerPrefix,
				this.batchSize, this.ackWait, this.fetchTimeout, this.pinnedTtl, this.stopTimeout);
	}

	/**
	 * These options with other names.
	 * @param parkedBucket the parked-events bucket
	 * @param consumerPrefix the consumer prefix
	 * @return the new options
	 */
	public EventRouteOptions withNames(String parkedBucket, String consumerPrefix) {
		return new EventRouteOptions(this.attempts, this.initialBackoff, this.maxBackoff, parkedBucket, consumerPrefix,
				this.batchSize, this.ackWait, this.fetchTimeout, this.pinnedTtl, this.stopTimeout);
	}

	/**
	 * These options with other consumer settings.
	 * @param batchSize the events per pull
	 * @param ackWait the ack wait
	 * @param fetchTimeout the longest wait of a pull
	 * @param pinnedTtl the pinned TTL
	 * @return the new options
	 */
	public EventRouteOptions withConsumer(int batchSize, Duration ackWait, Duration fetchTimeout, Duration pinnedTtl) {
		return new EventRouteOptions(this.attempts, this.initialBackoff, this.maxBackoff, this.parkedBucket,
				this.consumerPrefix, batchSize, ackWait, fetchTimeout, pinnedTtl, this.stopTimeout);
	}

	/**
	 * The pause after a failed attempt.
	 * @param failedAttempts how many attempts failed so far, at least 1
	 * @return the pause
	 */
	Duration backoff(int failedAttempts) {
		Duration pause = this.initialBackoff;
		for (int i = 1; i < failedAttempts && pause.compareTo(this.maxBackoff) < 0; i++) {
			pause = pause.multipliedBy(2);
		}
		return (pause.compareTo(this.maxBackoff) > 0) ? this.maxBackoff : pause;
	}

}
