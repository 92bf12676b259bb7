package dev.cim.persistence.sample.web;

/**
 * A request that is malformed or incomplete: a missing field, a bad header or parameter.
 * Answered with {@code 400 invalid_request}.
 */
public class InvalidRequestException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	/**
	 * Create the exception.
	 * @param message what is wrong with the request
	 */
	public InvalidRequestException(String message) {
		super(message);
	}

}
