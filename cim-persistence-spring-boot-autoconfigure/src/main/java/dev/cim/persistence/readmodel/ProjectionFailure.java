package dev.cim.persistence.readmodel;

import java.time.Instant;
import java.util.Objects;

/**
 * An event a projection could not apply.
 *
 * @param sequence the event's stream sequence
 * @param subject the event's subject
 * @param error the exception's class and message
 * @param attempts how many times it was tried
 * @param at when it was given up
 */
public record ProjectionFailure(long sequence, String subject, String error, int attempts, Instant at) {

	/**
	 * Check the values.
	 */
	public ProjectionFailure {
		Objects.requireNonNull(subject, "subject");
		Objects.requireNonNull(error, "error");
		Objects.requireNonNull(at, "at");
	}

}
