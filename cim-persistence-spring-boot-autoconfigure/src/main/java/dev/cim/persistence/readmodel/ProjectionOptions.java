package dev.cim.persistence.readmodel;

import java.time.Duration;
import java.util.Objects;

import dev.cim.persistence.routing.SubjectTokens;

/**
 * How projections consume and apply events. Immutable; take {@link #defaults()} or build
 * one with {@link #builder()}.
 *
 * @param batchSize how many events one pull asks for (default 256)
 * @param ackWait how long the server waits for an event's acknowledgement before
 * delivering it again (default 30 s)
 * @param maxAckPending how many events may be delivered and unacknowledged at once
 * (default 1000)
 * @param fetchTimeout how long one pull waits for events when there are none; also the
 * longest a stop waits for the pull in flight; at least 1 s (default 1 s)
 * @param handlerAttempts how many times an {@link Apply} method that throws is called for
 * one event before the event is given up (default 3)
 * @param retryBackoff the pause between two attempts (default 100 ms)
 * @param failurePolicy what happens to an event given up (default
 * {@link FailurePolicy#CONTINUE})
 * @param statusBucket the key-value bucket of projection status (default
 * {@code cim-projections})
 * @param consumerPrefix the first part of every projection consumer's name (default
 * {@code cim-rm})
 * @param purgeOldSlot whether a slot's entries are purged when another slot replaces it
 * (default true)
 * @param stopTimeout how long a stop waits for each projection to finish the events in
 * hand (default 10 s)
 * @param maxRecordedFailures how many failures a status keeps (default 20)
 * @param pinnedTtl how long the instance that consumes a projection may go without asking
 * for events before the server hands the projection to another instance; longer than the
 * fetch timeout (default 5 s)
 */
public record ProjectionOptions(int batchSize, Duration ackWait, int maxAckPending, Duration fetchTimeout,
		int handlerAttempts, Duration retryBackoff, FailurePolicy failurePolicy, String statusBucket,
		String consumerPrefix, boolean purgeOldSlot, Duration stopTimeout, int maxRecordedFailures,
		Duration pinnedTtl) {

	/**
	 * Check the values.
	 * @throws IllegalArgumentException naming the setting that is out of range
	 */
	public ProjectionOptions {
		atLeast("batch size", batchSize, 1);
		atLeast("max ack pending", maxAckPending, 1);
		atLeast("handler attempts", handlerAttempts, 1);
		atLeast("max recorded failures", maxRecordedFailures, 0);
		positive("ack wait", ackWait);
		positive("fetch timeout", fetchTimeout);
		if (fetchTimeout.toMillis() < 1000) {
			// The client refuses pulls that expire sooner.
			throw new IllegalArgumentException("fetch timeout must be at least 1 second, was " + fetchTimeout);
		}
		positive("stop timeout", stopTimeout);
		positive("pinned TTL", pinnedTtl);
		if (pinnedTtl.compareTo(fetchTimeout) <= 0) {
			// An instance waiting for events would lose the projection between two pulls.
			throw new IllegalArgumentException(
					"pinned TTL must be longer than the fetch timeout " + fetchTimeout + ", was " + pinnedTtl);
		}
		Objects.requireNonNull(retryBackoff, "retryBackoff");
		Objects.requireNonNull(failurePolicy, "failurePolicy");
		if (!SubjectTokens.isValid(statusBucket, 64)) {
			throw new IllegalArgumentException("status bucket '" + statusBucket + "' is not a valid bucket name");
		}
		if (!SubjectTokens.isValid(consumerPrefix, 32)) {
			throw new IllegalArgumentException(
					"consumer prefix '" + consumerPrefix + "' must be 1 to 32 characters" + " of [A-Za-z0-9_-]");
		}
	}

	private static void atLeast(String what, int value, int min) {
		if (value < min) {
			throw new IllegalArgumentException(what + " must be at least " + min + ", was " + value);
		}
	}

	private static void positive(String what, Duration value) {
		if (value == null || value.isNegative() || value.isZero()) {
			throw new IllegalArgumentException(what + " must be positive, was " + value);
		}
	}

	/**
	 * The default options.
	 * @return the defaults
	 */
	public static ProjectionOptions defaults() {
		return builder().build();
	}

	/**
	 * A builder starting from the defaults.
	 * @return a new builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Builds {@link ProjectionOptions}.
	 */
	public static final class Builder {

		private int batchSize = 256;

		private Duration ackWait = Duration.ofSeconds(30);

		private int maxAckPending = 1000;

		private Duration fetchTimeout = Duration.ofSeconds(1);

		private int handlerAttempts = 3;

		private Duration retryBackoff = Duration.ofMillis(100);

		private FailurePolicy failurePolicy = FailurePolicy.CONTINUE;

		private String statusBucket = "cim-projections";

		private String consumerPrefix = "cim-rm";

		private boolean purgeOldSlot = true;

		private Duration stopTimeout = Duration.ofSeconds(10);

		private int maxRecordedFailures = 20;

		private Duration pinnedTtl = Duration.ofSeconds(5);

		private Builder() {
		}

		/**
		 * Set how many events one pull asks for.
		 * @param size at least 1
		 * @return this builder
		 */
		public Builder batchSize(int size) {
			this.batchSize = size;
			return this;
		}

		/**
		 * Set how long the server waits for an acknowledgement.
		 * @param wait a positive duration
		 * @return this builder
		 */
		public Builder ackWait(Duration wait) {
			this.ackWait = wait;
			return this;
		}

		/**
		 * Set how many events may be unacknowledged at once.
		 * @param max at least 1
		 * @return this builder
		 */
		public Builder maxAckPending(int max) {
			this.maxAckPending = max;
			return this;
		}

		/**
		 * Set how long one pull waits for events.
		 * @param timeout at least 1 second
		 * @return this builder
		 */
		public Builder fetchTimeout(Duration timeout) {
			this.fetchTimeout = timeout;
			return this;
		}

		/**
		 * Set how many times a failing handler is called for one event.
		 * @param attempts at least 1
		 * @return this builder
		 */
		public Builder handlerAttempts(int attempts) {
			this.handlerAttempts = attempts;
			return this;
		}

		/**
		 * Set the pause between two attempts.
		 * @param backoff the pause, zero for none
		 * @return this builder
		 */
		public Builder retryBackoff(Duration backoff) {
			this.retryBackoff = backoff;
			return this;
		}

		/**
		 * Set what happens to an event given up.
		 * @param policy the policy
		 * @return this builder
		 */
		public Builder failurePolicy(FailurePolicy policy) {
			this.failurePolicy = policy;
			return this;
		}

		/**
		 * Set the projection-status bucket.
		 * @param bucket the bucket name
		 * @return this builder
		 */
		public Builder statusBucket(String bucket) {
			this.statusBucket = bucket;
			return this;
		}

		/**
		 * Set the first part of consumer names.
		 * @param prefix the prefix
		 * @return this builder
		 */
		public Builder consumerPrefix(String prefix) {
			this.consumerPrefix = prefix;
			return this;
		}

		/**
		 * Set whether a replaced slot's entries are purged.
		 * @param purge whether to purge
		 * @return this builder
		 */
		public Builder purgeOldSlot(boolean purge) {
			this.purgeOldSlot = purge;
			return this;
		}

		/**
		 * Set how long a stop waits for each projection.
		 * @param timeout a positive duration
		 * @return this builder
		 */
		public Builder stopTimeout(Duration timeout) {
			this.stopTimeout = timeout;
			return this;
		}

		/**
		 * Set how many failures a status keeps.
		 * @param max at least 0
		 * @return this builder
		 */
		public Builder maxRecordedFailures(int max) {
			this.maxRecordedFailures = max;
			return this;
		}

		/**
		 * Set how long the instance consuming a projection may go without asking for
		 * events before another instance takes over.
		 * @param ttl longer than the fetch timeout
		 * @return this builder
		 */
		public Builder pinnedTtl(Duration ttl) {
			this.pinnedTtl = ttl;
			return this;
		}

		/**
		 * Build the options.
		 * @return the options
		 * @throws IllegalArgumentException when a setting is out of range
		 */
		public ProjectionOptions build() {
			return new ProjectionOptions(this.batchSize, this.ackWait, this.maxAckPending, this.fetchTimeout,
					this.handlerAttempts, this.retryBackoff, this.failurePolicy, this.statusBucket, this.consumerPrefix,
					this.purgeOldSlot, this.stopTimeout, this.maxRecordedFailures, this.pinnedTtl);
		}

	}

}
