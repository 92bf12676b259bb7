package dev.cim.persistence.nats;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.Message;

/**
 * The transport of {@link DirectBatchReader}: one subscription to a wildcard inbox
 * ({@code _INBOX.<nuid>.*}) whose last token tells which request a reply answers, so that
 * any number of concurrent requests share it. The dispatcher thread only hands each
 * message to the waiting request; the requesting thread reads it.
 */
final class DirectGetInbox implements AutoCloseable {

	private static final String DIRECT_GET = "$JS.API.DIRECT.GET.";

	private final Connection connection;

	private final String inbox;

	private final Dispatcher dispatcher;

	private final Map<String, DirectGetAnswer> answers = new ConcurrentHashMap<>();

	private final AtomicLong tokens = new AtomicLong();

	private volatile boolean closed;

	DirectGetInbox(Connection connection) {
		this.connection = connection;
		try {
			this.inbox = connection.createInbox();
			this.dispatcher = connection.createDispatcher(this::route);
			this.dispatcher.subscribe(this.inbox + ".*");
		}
		catch (IllegalStateException ex) {
			throw NatsExceptionTranslator.translate("subscribe to direct get answers", ex);
		}
	}

	/**
	 * Send one direct get request and wait for its whole answer.
	 * @throws IllegalStateException when the inbox is closed
	 */
	DirectGetAnswer.Result request(String stream, String body, Duration timeout, String action)
			throws InterruptedException {
		requireOpen(action);
		String token = Long.toString(this.tokens.incrementAndGet(), Character.MAX_RADIX);
		DirectGetAnswer answer = new DirectGetAnswer();
		this.answers.put(token, answer);
		try {
			requireOpen(action);
			publish(stream, body, token, action);
			return answer.await(timeout, action);
		}
		finally {
			this.answers.remove(token);
		}
	}

	private void requireOpen(String action) {
		if (this.closed) {
			throw new IllegalStateException(action + " is not possible: the direct batch reader is closed");
		}
	}

	private void publish(String stream, String body, String token, String action) {
		try {
			this.connection.publish(DIRECT_GET + stream, this.inbox + "." + token,
					body.getBytes(StandardCharsets.UTF_8));
		}
		catch (IllegalStateException ex) {
			throw NatsExceptionTranslator.translate(action, ex);
		}
	}

	private void route(Message message) {
		String subject = message.getSubject();
		DirectGetAnswer answer = this.answers.get(subject.substring(subject.lastIndexOf('.') + 1));
		if (answer != null) {
			answer.offer(message);
		}
	}

	/**
	 * End the subscription; requests waiting for their answer fail.
	 */
	@Override
	public void close() {
		if (this.closed) {
			return;
		}
		this.closed = true;
		try {
			this.connection.closeDispatcher(this.dispatcher);
		}
		catch (IllegalStateException ex) {
			// The connection is closed already, and its subscriptions with it.
		}
		this.answers.values().forEach(DirectGetAnswer::cancel);
	}

}
