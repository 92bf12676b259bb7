package dev.cim.persistence.nats;

import org.springframework.dao.UncategorizedDataAccessException;

/**
 * A JetStream request failed for a reason that has no more specific exception.
 */
public class NatsAccessException extends UncategorizedDataAccessException {

	private static final long serialVersionUID = 1L;

	/**
	 * Create the exception.
	 * @param message what failed
	 * @param cause the jnats exception
	 */
	public NatsAccessException(String message, Throwable cause) {
		super(message, cause);
	}

}
