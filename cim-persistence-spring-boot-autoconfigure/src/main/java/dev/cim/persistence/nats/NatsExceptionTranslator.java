package dev.cim.persistence.nats;

import java.io.IOException;

import io.nats.client.JetStreamApiException;
import org.jspecify.annotations.Nullable;

import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.InvalidDataAccessResourceUsageException;
import org.springframework.dao.support.PersistenceExceptionTranslator;

/**
 * Translates jnats exceptions into Spring's data access exceptions, in one place for the
 * whole library, so none leaks to callers:
 * <ul>
 * <li>a JetStream API error 404 or 400 (a stream, consumer or bucket that does not exist,
 * a request the server refuses) is an {@link InvalidDataAccessResourceUsageException};
 * any other API error a {@link NatsAccessException};</li>
 * <li>a server that cannot be reached (an {@link IOException}, which includes no answer
 * in time) and a connection that is not open (the client's {@link IllegalStateException}
 * while it reconnects or after it closed) are a {@link StoreUnavailableException};</li>
 * <li>an interruption is a {@link DataAccessResourceFailureException}, with the thread's
 * interrupt flag set again;</li>
 * <li>anything else is a {@link NatsAccessException}.</li>
 * </ul>
 * The message says what was being done, and the original exception is the cause. As a
 * {@link PersistenceExceptionTranslator} it translates the runtime exceptions thrown by
 * the jnats client only, and leaves every other exception alone.
 */
public final class NatsExceptionTranslator implements PersistenceExceptionTranslator {

	private static final String JNATS = "io.nats.";

	/**
	 * Create a translator, for use as a {@link PersistenceExceptionTranslator}; the
	 * library itself calls {@link #translate(String, Exception)}.
	 */
	public NatsExceptionTranslator() {
	}

	/**
	 * Translate an exception.
	 * @param action what was being done, for the message (for example
	 * {@code "append to sales.Order.o-1"})
	 * @param ex the exception
	 * @return the data access exception to throw
	 */
	public static DataAccessException translate(String action, Exception ex) {
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

	/**
	 * Translate a runtime exception thrown by the jnats client (its class is one of
	 * jnats, or jnats threw it), as {@link #translate(String, Exception)} does for a
	 * "NATS request".
	 * @param ex the exception
	 * @return the data access exception, or {@code null} for an exception that does not
	 * come from jnats, including one already translated
	 */
	@Override
	public @Nullable DataAccessException translateExceptionIfPossible(RuntimeException ex) {
		if (ex instanceof DataAccessException || !fromJnats(ex)) {
			return null;
		}
		return translate("NATS request", ex);
	}

	private static boolean fromJnats(RuntimeException ex) {
		if (ex.getClass().getName().startsWith(JNATS)) {
			return true;
		}
		StackTraceElement[] trace = ex.getStackTrace();
		return trace.length > 0 && trace[0].getClassName().startsWith(JNATS);
	}

}
