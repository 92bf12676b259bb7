package dev.cim.persistence.nats;

import org.jspecify.annotations.Nullable;

import org.springframework.dao.DataAccessResourceFailureException;

/**
 * The store cannot be reached right now: the connection to the NATS server is lost (the
 * client keeps reconnecting), closed, or the server did not answer in time. Nothing was
 * stored by the call that throws it, unless the message says the outcome is unknown; the
 * operation can be tried again later.
 */
public class StoreUnavailableException extends DataAccessResourceFailureException {

	private static final long serialVersionUID = 1L;

	/**
	 * Create the exception.
	 * @param message what could not be done and why
	 * @param cause the client's exception, if any
	 */
	public StoreUnavailableException(String message, @Nullable Throwable cause) {
		super(message, cause);
	}

}
