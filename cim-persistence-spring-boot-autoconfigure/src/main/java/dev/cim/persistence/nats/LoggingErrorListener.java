package dev.cim.persistence.nats;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

import io.nats.client.Connection;
import io.nats.client.Consumer;
import io.nats.client.ErrorListener;
import io.nats.client.JetStreamSubscription;
import io.nats.client.Message;
import io.nats.client.support.Status;
import org.jspecify.annotations.Nullable;

/**
 * A jnats {@link ErrorListener} that reports what the client notices through the platform
 * logger ({@link System.Logger}, which Spring Boot routes to its logging system), at
 * levels that match what happened, and that does not flood the log: the first event of a
 * kind is logged, then at most one per interval with the number of events left out
 * meanwhile.
 *
 * <p>
 * Levels: errors the server sends and exceptions of the connection are warnings (the
 * client reconnects and retries by itself); a slow consumer, a discarded message, a
 * missed heartbeat, a pull that ended with an error status and an unhandled status are
 * warnings; the statuses that end a pull in the normal course (expired, no messages) and
 * flow control are debug. Nothing is logged at error level: none of these loses an
 * acknowledged write.
 *
 * <p>
 * Thread-safe.
 */
public final class LoggingErrorListener implements ErrorListener {

	/** The default interval between two log lines of one kind of event. */
	public static final Duration DEFAULT_INTERVAL = Duration.ofMinutes(1);

	private static final int MAX_KINDS = 1024;

	private final System.Logger logger;

	private final long intervalNanos;

	private final LongSupplier nanoTime;

	private final Map<String, Window> windows = new ConcurrentHashMap<>();

	/**
	 * Create a listener that logs one event of a kind per {@link #DEFAULT_INTERVAL}.
	 */
	public LoggingErrorListener() {
		this(DEFAULT_INTERVAL);
	}

	/**
	 * Create a listener that logs one event of a kind per interval.
	 * @param interval the shortest time between two log lines of one kind of event
	 * @throws IllegalArgumentException when the interval is negative
	 */
	public LoggingErrorListener(Duration interval) {
		this(System.getLogger(LoggingErrorListener.class.getName()), interval, System::nanoTime);
	}

	LoggingErrorListener(System.Logger logger, Duration interval, LongSupplier nanoTime) {
		if (interval.isNegative()) {
			throw new IllegalArgumentException("interval must not be negative, was " + interval);
		}
		this.logger = logger;
		this.intervalNanos = interval.toNanos();
		this.nanoTime = nanoTime;
	}

	@Override
	public void errorOccurred(Connection conn, String error) {
		log(Level.WARNING, "error:" + error, "NATS server reported an error on " + name(conn) + ": " + error, null);
	}

	@Override
	public void exceptionOccurred(Connection conn, Exception exp) {
		log(Level.WARNING, "exception:" + exp.getClass().getName(),
				"NATS connection " + name(conn) + " had an exception: " + exp, exp);
	}

	@Override
	public void slowConsumerDetected(Connection conn, Consumer consumer) {
		log(Level.WARNING, "slow-consumer", "NATS connection " + name(conn)
				+ " has a slow consumer: messages are arriving faster than they are handled", null);
	}

	@Override
	public void messageDiscarded(Connection conn, Message msg) {
		log(Level.WARNING, "discarded", "NATS connection " + name(conn) + " discarded a message on " + msg.getSubject()
				+ ": a consumer's pending limit was reached", null);
	}

	@Override
	public void heartbeatAlarm(Connection conn, JetStreamSubscription sub, long lastStreamSequence,
			long lastConsumerSequence) {
		log(Level.WARNING, "heartbeat", "NATS subscription on " + subject(sub) + " missed its heartbeats (last stream"
				+ " sequence " + lastStreamSequence + ", last consumer sequence " + lastConsumerSequence + ")", null);
	}

	@Override
	public void unhandledStatus(Connection conn, JetStreamSubscription sub, Status status) {
		log(Level.WARNING, "unhandled:" + status.getCode(),
				"NATS subscription on " + subject(sub) + " got an unexpected status " + status.getMessageWithCode(),
				null);
	}

	@Override
	public void pullStatusWarning(Connection conn, JetStreamSubscription sub, Status status) {
		log(Level.DEBUG, "pull-warning:" + status.getCode(),
				"NATS pull on " + subject(sub) + " ended: " + status.getMessageWithCode(), null);
	}

	@Override
	public void pullStatusError(Connection conn, JetStreamSubscription sub, Status status) {
		log(Level.WARNING, "pull-error:" + status.getCode(),
				"NATS pull on " + subject(sub) + " failed: " + status.getMessageWithCode(), null);
	}

	@Override
	public void flowControlProcessed(Connection conn, JetStreamSubscription sub, String subject,
			FlowControlSource source) {
		log(Level.DEBUG, "flow-control", "NATS flow control on " + subject(sub) + " (" + source + ")", null);
	}

	@Override
	public void socketWriteTimeout(Connection conn) {
		log(Level.WARNING, "write-timeout", "NATS connection " + name(conn) + " timed out writing to the socket", null);
	}

	private void log(Level level, String kind, String message, @Nullable Throwable error) {
		if (!this.logger.isLoggable(level)) {
			return;
		}
		long now = this.nanoTime.getAsLong();
		if (this.windows.size() >= MAX_KINDS && !this.windows.containsKey(kind)) {
			// Kinds carry server texts: keep the map bounded whatever the server sends.
			this.windows.clear();
		}
		Window window = this.windows.computeIfAbsent(kind, (key) -> new Window(now - this.intervalNanos));
		long left = window.open(now, this.intervalNanos);
		if (left < 0) {
			return;
		}
		String line = (left == 0) ? message
				: message + " (" + left + " more like this since the last report, left out)";
		if (error != null) {
			this.logger.log(level, line, error);
		}
		else {
			this.logger.log(level, line);
		}
	}

	private static String name(@Nullable Connection connection) {
		String name = (connection != null) ? connection.getOptions().getConnectionName() : null;
		return (name != null) ? name : "(unnamed)";
	}

	private static String subject(@Nullable JetStreamSubscription subscription) {
		return (subscription != null) ? subscription.getSubject() : "(unknown)";
	}

	/**
	 * The log window of one kind of event.
	 */
	private static final class Window {

		private long suppressed;

		private long lastLogged;

		Window(long lastLogged) {
			this.lastLogged = lastLogged;
		}

		/**
		 * Count an event.
		 * @return -1 when it is left out, otherwise how many were left out before it
		 */
		synchronized long open(long now, long interval) {
			if (now - this.lastLogged < interval) {
				this.suppressed++;
				return -1;
			}
			this.lastLogged = now;
			long left = this.suppressed;
			this.suppressed = 0;
			return left;
		}

	}

}
