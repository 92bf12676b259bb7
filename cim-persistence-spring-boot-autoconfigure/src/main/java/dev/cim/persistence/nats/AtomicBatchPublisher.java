package dev.cim.persistence.nats;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.Message;
import io.nats.client.api.PublishAck;
import io.nats.client.impl.Headers;
import io.nats.client.impl.NatsMessage;

/**
 * Publishes several messages to a stream as one atomic batch (nats-server 2.12 and
 * newer): the server stores all of them or none.
 *
 * <p>
 * Every message carries {@code Nats-Batch-Id} and {@code Nats-Batch-Sequence}; all but
 * the last go out as plain publishes, the last also carries {@code Nats-Batch-Commit: 1}
 * and is sent as a request whose reply acknowledges the whole batch. Headers already on
 * the messages (message ids, expectations) are kept. The stream needs
 * {@code allow_atomic}.
 *
 * <p>
 * Written by hand because no library reachable from Java offers the protocol yet; it is
 * small and its behaviour is covered by integration tests against a real server.
 */
public final class AtomicBatchPublisher {

	/** The most messages one batch may hold. */
	public static final int MAX_BATCH_SIZE = 1000;

	static final String BATCH_ID = "Nats-Batch-Id";

	static final String BATCH_SEQUENCE = "Nats-Batch-Sequence";

	static final String BATCH_COMMIT = "Nats-Batch-Commit";

	private final Connection connection;

	/**
	 * Create a publisher on a connection.
	 * @param connection the connection to publish on
	 */
	public AtomicBatchPublisher(Connection connection) {
		this.connection = connection;
	}

	/**
	 * Publish the messages as one atomic batch and wait for the commit's acknowledgement.
	 * @param messages 1 to {@value #MAX_BATCH_SIZE} messages, in order
	 * @param timeout how long to wait for the acknowledgement
	 * @return the acknowledgement; its sequence is the last message's
	 * @throws IOException when the acknowledgement did not arrive in time (the batch may
	 * or may not have been stored) or the connection failed
	 * @throws JetStreamApiException when the server refused the batch (nothing of it was
	 * stored)
	 * @throws InterruptedException when interrupted while waiting
	 * @throws IllegalArgumentException when the batch is empty or too large
	 */
	public PublishAck publish(List<? extends Message> messages, Duration timeout)
			throws IOException, JetStreamApiException, InterruptedException {
		if (messages.isEmpty() || messages.size() > MAX_BATCH_SIZE) {
			throw new IllegalArgumentException(
					"an atomic batch holds 1 to " + MAX_BATCH_SIZE + " messages, got " + messages.size());
		}
		String batchId = UUID.randomUUID().toString();
		int last = messages.size() - 1;
		for (int i = 0; i < last; i++) {
			this.connection.publish(batchMessage(messages.get(i), batchId, i + 1, false));
		}
		Message reply = this.connection.request(batchMessage(messages.get(last), batchId, last + 1, true), timeout);
		if (reply == null) {
			throw new AcknowledgementTimeoutException(
					"no acknowledgement for atomic batch " + batchId + " of " + messages.size() + " messages within "
							+ timeout.toMillis() + " ms; the batch may or may not have been stored");
		}
		if (reply.isStatusMessage()) {
			throw new IOException("atomic batch " + batchId + " was answered with status " + reply.getStatus().getCode()
					+ " " + reply.getStatus().getMessage() + " (is the stream for " + messages.get(0).getSubject()
					+ " missing?)");
		}
		return new PublishAck(reply);
	}

	private static Message batchMessage(Message message, String batchId, int sequence, boolean commit) {
		Headers headers = new Headers(message.getHeaders());
		headers.put(BATCH_ID, batchId);
		headers.put(BATCH_SEQUENCE, Integer.toString(sequence));
		if (commit) {
			headers.put(BATCH_COMMIT, "1");
		}
		return NatsMessage.builder().subject(message.getSubject()).headers(headers).data(message.getData()).build();
	}

	/**
	 * The acknowledgement of a publish did not arrive in time: the message may or may not
	 * have been stored.
	 */
	public static final class AcknowledgementTimeoutException extends IOException {

		private static final long serialVersionUID = 1L;

		/**
		 * Create the exception.
		 * @param message the detail message
		 */
		public AcknowledgementTimeoutException(String message) {
			super(message);
		}

	}

}
