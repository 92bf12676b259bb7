package dev.cim.persistence.query;

import java.time.Instant;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * A query over the events stream: the events whose subject matches a NATS subject pattern
 * ({@code *} for one token, {@code >} for the rest), optionally bounded by the time they
 * were stored and by a first stream sequence, in stream order, optionally limited.
 *
 * <pre class="code">
 * SubjectQuery.of("cim.events.sales.Order.*.OrderPlaced.*").since(start).limit(100)
 * </pre>
 *
 * @param pattern the subject pattern; every literal token is a valid subject token (see
 * {@link dev.cim.persistence.routing.SubjectTokens}), {@code >} only last
 * @param since the earliest store time (inclusive), or {@code null}
 * @param until the latest store time (inclusive), or {@code null}
 * @param fromSequence the first stream sequence to consider, or 0 for the start of the
 * stream
 * @param limit the most events to return, or 0 for all
 */
public record SubjectQuery(String pattern, @Nullable Instant since, @Nullable Instant until, long fromSequence,
		int limit) implements Query {

	/**
	 * Check the values.
	 * @throws IllegalArgumentException when the pattern is malformed, a bound is
	 * negative, or {@code until} is before {@code since}
	 */
	public SubjectQuery {
		SubjectPattern.require(Objects.requireNonNull(pattern, "pattern"));
		if (fromSequence < 0) {
			throw new IllegalArgumentException("start sequence must be at least 1 (0 for none), was " + fromSequence);
		}
		Limits.require(limit);
		if (since != null && until != null && until.isBefore(since)) {
			throw new IllegalArgumentException("time range is empty: until " + until + " is before since " + since);
		}
	}

	/**
	 * Every event whose subject matches a pattern.
	 * @param pattern the subject pattern
	 * @return the query
	 * @throws IllegalArgumentException when the pattern is malformed
	 */
	public static SubjectQuery of(String pattern) {
		return new SubjectQuery(pattern, null, null, 0, 0);
	}

	/**
	 * This query, from a store time on.
	 * @param time the earliest store time, inclusive
	 * @return a new query
	 */
	public SubjectQuery since(Instant time) {
		return new SubjectQuery(this.pattern, Objects.requireNonNull(time, "since"), this.until, this.fromSequence,
				this.limit);
	}

	/**
	 * This query, up to a store time.
	 * @param time the latest store time, inclusive
	 * @return a new query
	 */
	public SubjectQuery until(Instant time) {
		return new SubjectQuery(this.pattern, this.since, Objects.requireNonNull(time, "until"), this.fromSequence,
				this.limit);
	}

	/**
	 * This query, from a stream sequence on.
	 * @param sequence the first stream sequence, at least 1
	 * @return a new query
	 */
	public SubjectQuery from(long sequence) {
		if (sequence < 1) {
			throw new IllegalArgumentException("start sequence must be at least 1, was " + sequence);
		}
		return new SubjectQuery(this.pattern, this.since, this.until, sequence, this.limit);
	}

	/**
	 * This query, returning at most a number of events.
	 * @param limit the most events, at least 1
	 * @return a new query
	 */
	public SubjectQuery limit(int limit) {
		return new SubjectQuery(this.pattern, this.since, this.until, this.fromSequence, Limits.requirePositive(limit));
	}

	/**
	 * Whether the query starts after the beginning of the stream, by time or sequence.
	 * @return whether {@code since} or a start sequence is given
	 */
	public boolean hasStart() {
		return this.since != null || this.fromSequence > 0;
	}

	/**
	 * Whether a stored message is selected by the pattern and the bounds.
	 * @param subject its subject
	 * @param sequence its stream sequence
	 * @param storedAt its store time
	 * @return whether it belongs to the result (before the limit)
	 */
	public boolean selects(String subject, long sequence, Instant storedAt) {
		return sequence >= this.fromSequence && (this.since == null || !storedAt.isBefore(this.since))
				&& (this.until == null || !storedAt.isAfter(this.until))
				&& SubjectPattern.matches(this.pattern, subject);
	}

}
