package dev.cim.persistence.embedded;

import org.jspecify.annotations.Nullable;

/**
 * A local nats-server could not be found, inspected or run. The subclasses say which.
 */
public class EmbeddedNatsServerException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	/**
	 * Create an exception.
	 * @param message what went wrong and, where it helps, what to do about it
	 */
	public EmbeddedNatsServerException(String message) {
		super(message);
	}

	/**
	 * Create an exception with a cause.
	 * @param message what went wrong and, where it helps, what to do about it
	 * @param cause the cause
	 */
	public EmbeddedNatsServerException(String message, @Nullable Throwable cause) {
		super(message, cause);
	}

}
