package dev.cim.persistence.repository.support;

import java.io.IOException;

import io.nats.client.JetStreamApiException;

import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.InvalidDataAccessResourceUsageException;
import dev.cim.persistence.repository.NatsAccessException;
import dev.cim.persistence.repository.StoreUnavailableException;

/**
 * Translates jnats exceptions into Spring's data access exceptions, in one place, so none
 * leaks to callers. A server that cannot be reached (an I/O error or no answer in time)
 * and a connection that is not open (the client's {@link IllegalStateException} while it
 * reconnects or after it closed) are a {@link StoreUnavailableException}.
 */
final class NatsExceptionTranslator {

	private NatsExceptionTranslator() {
	}

	/**
	 * Translate an exception.
	 * @param action what was being done, for the message (for example
	 * {@code "append to sales.Order.o-1"})
	 * @param ex the exception
	 * @return the data access exception to throw
	 */
	static DataAccessException translate(String action, Exception ex) {
		if (ex instanceof JetStreamApiException api) {
			String message = action + " failed: JetStream error " + api.getApiErrorCode() + " ("
					+ api.getErrorDescription() + ")";
			if (api.getErrorCode() == 404 || api.getErrorCode() == 400) {
				return new InvalidDataAccessResourceUsageException(message, ex);
			}
			return new NatsAccessException(message, ex);
		}
		if (ex instanceof IOException) {
			return new StoreUnavailableException(action + " failed: " + ex.getMessage(), ex);
		}
		if (ex instanceof IllegalStateException) {
			// What the client throws when it is not connected: closed, or reconnecting
			// (the connection queues nothing while it reconnects, so this comes at once).
			return new StoreUnavailableException(
					action + " failed: the connection to the NATS server is not open (" + ex.getMessage() + ")", ex);
		}
		if (ex instanceof InterruptedException) {
			Thread.currentThread().interrupt();
			return new DataAccessResourceFailureException(action + " was interrupted", ex);
		}
		return new NatsAccessException(action + " failed: " + ex, ex);
	}

}
