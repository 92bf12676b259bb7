package dev.cim.persistence.query;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;

import dev.cim.persistence.nats.JetStreamErrors;
import dev.cim.persistence.nats.NatsExceptionTranslator;
import io.nats.client.Connection;
import io.nats.client.FetchConsumeOptions;
import io.nats.client.FetchConsumer;
import io.nats.client.JetStream;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.JetStreamStatusCheckedException;
import io.nats.client.Message;
import io.nats.client.OrderedConsumerContext;
import io.nats.client.api.DeliverPolicy;
import io.nats.client.api.MessageInfo;
import io.nats.client.api.OrderedConsumerConfiguration;
import org.jspecify.annotations.Nullable;

import org.springframework.dao.DataRetrievalFailureException;

/**
 * Reads a stream through an ordered consumer filtered by a subject pattern, from a start
 * (the beginning, a sequence, a time, or the last message of each subject), up to the
 * newest matching message at the time of the call: one consumer per read, fetching up to
 * {@value #FETCH_SIZE} messages per request, deleted on the server when the read is done.
 */
final class OrderedStreamReader {

	static final int FETCH_SIZE = 1000;

	private final Connection connection;

	private final JetStream jetStream;

	private final JetStreamManagement management;

	private final long expiresMillis;

	OrderedStreamReader(Connection connection, Duration timeout) {
		this.connection = connection;
		try {
			this.jetStream = connection.jetStream();
			this.management = connection.jetStreamManagement();
		}
		catch (IOException ex) {
			throw NatsExceptionTranslator.translate("opening JetStream", ex);
		}
		this.expiresMillis = Math.max(1000, timeout.toMillis());
	}

	/**
	 * Read the messages of a stream under a filter, handing each to a visitor until it
	 * declines more or the newest matching message has been read.
	 * @param stream the stream
	 * @param filter the subject filter
	 * @param start where the consumer starts
	 * @param counter counts every message delivered
	 * @param visitor takes each message; returns whether to go on
	 */
	void read(String stream, String filter, Start start, ReadCounter counter, Visitor visitor) {
		String action = "reading " + stream + " filtered by " + filter;
		try {
			Optional<MessageInfo> head = lastMessage(stream, filter);
			if (head.isEmpty() || head.get().getSeq() < start.sequence()
					|| start.time() != null && head.get().getTime().toInstant().isBefore(start.time())) {
				return;
			}
			OrderedConsumerContext consumer = this.jetStream.getStreamContext(stream)
				.createOrderedConsumer(configuration(filter, start));
			try {
				readUpTo(head.get().getSeq(), consumer, counter, visitor);
			}
			finally {
				release(stream, consumer);
			}
		}
		catch (IOException | JetStreamApiException | InterruptedException | IllegalStateException ex) {
			if (ex instanceof InterruptedException) {
				Thread.currentThread().interrupt();
			}
			throw NatsExceptionTranslator.translate(action, ex);
		}
		catch (JetStreamStatusCheckedException ex) {
			throw NatsExceptionTranslator.translate(action, ex);
		}
	}

	private static OrderedConsumerConfiguration configuration(String filter, Start start) {
		OrderedConsumerConfiguration configuration = new OrderedConsumerConfiguration().filterSubject(filter);
		Instant time = start.time();
		if (start.lastPerSubject()) {
			configuration.deliverPolicy(DeliverPolicy.LastPerSubject);
		}
		else if (start.sequence() > 1) {
			configuration.deliverPolicy(DeliverPolicy.ByStartSequence).startSequence(start.sequence());
		}
		else if (time != null) {
			// A millisecond early: the client re-checks the bound, and a start a little
			// early costs less than one rounded past the first message.
			configuration.deliverPolicy(DeliverPolicy.ByStartTime)
				.startTime(time.minusMillis(1).atZone(ZoneOffset.UTC));
		}
		return configuration;
	}

	private void readUpTo(long headSequence, OrderedConsumerContext consumer, ReadCounter counter, Visitor visitor)
			throws IOException, JetStreamApiException, InterruptedException, JetStreamStatusCheckedException {
		while (true) {
			int received = 0;
			FetchConsumer fetch = consumer
				.fetch(FetchConsumeOptions.builder().maxMessages(FETCH_SIZE).expiresIn(this.expiresMillis).build());
			try {
				Message message = fetch.nextMessage();
				while (message != null) {
					received++;
					counter.add(message.getData());
					long sequence = message.metaData().streamSequence();
					if (!visitor.visit(message) || sequence >= headSequence) {
						return;
					}
					message = fetch.nextMessage();
				}
			}
			finally {
				closeQuietly(fetch);
			}
			if (received < FETCH_SIZE) {
				throw new DataRetrievalFailureException(
						"the stream delivered " + received + " messages in a fetch but not up to sequence "
								+ headSequence + " within " + this.expiresMillis + " ms");
			}
		}
	}

	Optional<MessageInfo> lastMessage(String stream, String subject) throws IOException, JetStreamApiException {
		try {
			return Optional.of(this.management.getLastMessage(stream, subject));
		}
		catch (JetStreamApiException ex) {
			if (JetStreamErrors.is(ex, JetStreamErrors.NO_MESSAGE_FOUND)) {
				return Optional.empty();
			}
			throw ex;
		}
	}

	JetStreamManagement management() {
		return this.management;
	}

	private static void closeQuietly(FetchConsumer fetch) {
		try {
			fetch.close();
		}
		catch (Exception ex) {
			// Closing a finished fetch only stops its pull request; nothing to recover.
		}
	}

	/**
	 * Delete the consumer without waiting: the read is complete, and a consumer the
	 * delete misses expires on the server. Without it, fast readers would reach the
	 * server's consumer limit.
	 */
	private void release(String stream, OrderedConsumerContext consumer) {
		String name = consumer.getConsumerName();
		if (name != null) {
			try {
				this.connection.request("$JS.API.CONSUMER.DELETE." + stream + "." + name, new byte[0])
					.exceptionally((ex) -> null);
			}
			catch (IllegalStateException ex) {
				// Not connected: the consumer expires on the server.
			}
		}
	}

	/**
	 * Where a read starts.
	 *
	 * @param sequence the first sequence (1 for the beginning)
	 * @param time the earliest store time, or {@code null}
	 * @param lastPerSubject whether to deliver only the newest message of each subject
	 */
	record Start(long sequence, @Nullable Instant time, boolean lastPerSubject) {

		static Start beginning() {
			return new Start(1, null, false);
		}

		static Start lastPerEachSubject() {
			return new Start(1, null, true);
		}

	}

	/**
	 * Takes the messages of a read.
	 */
	@FunctionalInterface
	interface Visitor {

		/**
		 * Take a message.
		 * @return whether to go on
		 */
		boolean visit(Message message);

	}

}
