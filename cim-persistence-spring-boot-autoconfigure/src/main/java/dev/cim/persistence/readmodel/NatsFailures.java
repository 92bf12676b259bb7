package dev.cim.persistence.readmodel;

import java.io.IOException;

import io.nats.client.JetStreamApiException;

import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataAccessResourceFailureException;

/**
 * Translates jnats exceptions of this package into Spring's data access exceptions.
 */
final class NatsFailures {

	private NatsFailures() {
	}

	static DataAccessException translate(String action, Exception ex) {
		if (ex instanceof JetStreamApiException api) {
			return new ReadModelAccessException(action + " failed: JetStream error " + api.getApiErrorCode() + " ("
					+ api.getErrorDescription() + ")", ex);
		}
		if (ex instanceof IOException) {
			return new DataAccessResourceFailureException(action + " failed: " + ex.getMessage(), ex);
		}
		if (ex instanceof IllegalStateException) {
			// What the client throws when it is not connected: closed, or reconnecting
			// (the
			// auto-configured connection queues nothing while it reconnects).
			return new DataAccessResourceFailureException(
					action + " failed: the connection to the NATS server is not open (" + ex.getMessage() + ")", ex);
		}
		if (ex instanceof InterruptedException) {
			Thread.currentThread().interrupt();
			return new DataAccessResourceFailureException(action + " was interrupted", ex);
		}
		return new ReadModelAccessException(action + " failed: " + ex, ex);
	}

}
