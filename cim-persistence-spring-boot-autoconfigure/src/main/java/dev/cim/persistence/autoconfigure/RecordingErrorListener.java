package dev.cim.persistence.autoconfigure;

import io.nats.client.Connection;
import io.nats.client.Consumer;
import io.nats.client.ErrorListener;
import io.nats.client.JetStreamSubscription;
import io.nats.client.Message;
import io.nats.client.Subscription;
import io.nats.client.support.Status;
import org.jspecify.annotations.Nullable;

/**
 * Passes every event to the listener it wraps and remembers the last exception reported.
 * jnats reports why a first connection failed (a certificate it does not trust, a server
 * that requires TLS, a refused TCP connection) only to the error listener and then throws
 * an {@code IOException} that just names the servers; the factory uses the remembered
 * exception to say why.
 */
final class RecordingErrorListener implements ErrorListener {

	private final ErrorListener delegate;

	private volatile @Nullable Exception lastException;

	RecordingErrorListener(ErrorListener delegate) {
		this.delegate = delegate;
	}

	/**
	 * The listener every event is passed to.
	 * @return the wrapped listener
	 */
	ErrorListener delegate() {
		return this.delegate;
	}

	/**
	 * The last exception reported.
	 * @return the exception, or {@code null} for none
	 */
	@Nullable Exception lastException() {
		return this.lastException;
	}

	@Override
	public void errorOccurred(Connection conn, String error) {
		this.delegate.errorOccurred(conn, error);
	}

	@Override
	public void exceptionOccurred(Connection conn, Exception exp) {
		this.lastException = exp;
		this.delegate.exceptionOccurred(conn, exp);
	}

	@Override
	public void slowConsumerDetected(Connection conn, Consumer consumer) {
		this.delegate.slowConsumerDetected(conn, consumer);
	}

	@Override
	public void messageDiscarded(Connection conn, Message msg) {
		this.delegate.messageDiscarded(conn, msg);
	}

	@Override
	public void heartbeatAlarm(Connection conn, JetStreamSubscription sub, long lastStreamSequence,
			long lastConsumerSequence) {
		this.delegate.heartbeatAlarm(conn, sub, lastStreamSequence, lastConsumerSequence);
	}

	@Override
	public void unhandledStatus(Connection conn, JetStreamSubscription sub, Status status) {
		this.delegate.unhandledStatus(conn, sub, status);
	}

	@Override
	public void pullStatusWarning(Connection conn, JetStreamSubscription sub, Status status) {
		this.delegate.pullStatusWarning(conn, sub, status);
	}

	@Override
	public void pullStatusError(Connection conn, JetStreamSubscription sub, Status status) {
		this.delegate.pullStatusError(conn, sub, status);
	}

	@Override
	public void flowControlProcessed(Connection conn, JetStreamSubscription sub, String subject,
			FlowControlSource source) {
		this.delegate.flowControlProcessed(conn, sub, subject, source);
	}

	@Override
	public void socketWriteTimeout(Connection conn) {
		this.delegate.socketWriteTimeout(conn);
	}

	@Override
	public String supplyMessage(String label, Connection conn, Consumer consumer, Subscription sub, Object... pairs) {
		return this.delegate.supplyMessage(label, conn, consumer, sub, pairs);
	}

}
