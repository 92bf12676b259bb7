package dev.cim.persistence.event;

/**
 * A stored message is not a well-formed event block.
 */
public class EventFormatException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	/**
	 * Create the exception.
	 * @param message what is wrong
	 */
	public EventFormatException(String message) {
		super(message);
	}

	/**
	 * Create the exception.
	 * @param message what is wrong
	 * @param cause the cause
	 */
	public EventFormatException(String message, Throwable cause) {
		super(message, cause);
	}

}
