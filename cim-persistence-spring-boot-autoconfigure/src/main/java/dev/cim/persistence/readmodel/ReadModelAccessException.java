package dev.cim.persistence.readmodel;

import org.springframework.dao.UncategorizedDataAccessException;

/**
 * A request on the read-model or projection-status bucket failed for a reason that has no
 * more specific exception.
 */
public class ReadModelAccessException extends UncategorizedDataAccessException {

	private static final long serialVersionUID = 1L;

	/**
	 * Create the exception.
	 * @param message what failed
	 * @param cause the jnats exception
	 */
	public ReadModelAccessException(String message, Throwable cause) {
		super(message, cause);
	}

}
