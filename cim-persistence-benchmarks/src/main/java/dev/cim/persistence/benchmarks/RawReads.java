package dev.cim.persistence.benchmarks;

import java.io.IOException;

import io.nats.client.Connection;
import io.nats.client.FetchConsumeOptions;
import io.nats.client.FetchConsumer;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.JetStreamStatusCheckedException;
import io.nats.client.Message;
import io.nats.client.OrderedConsumerContext;
import io.nats.client.StreamContext;
import io.nats.client.api.DeliverPolicy;
import io.nats.client.api.MessageInfo;
import io.nats.client.api.OrderedConsumerConfiguration;
import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The raw jnats reads the baselines are made of: a direct get of the last message on a
 * subject, and an ordered consumer over a filter read in pulls of up to 1000 messages, as
 * the event store reads an aggregate's events.
 */
final class RawReads {

	private static final int NO_MESSAGE_FOUND = 10037;

	private static final int FETCH_SIZE = 1000;

	private RawReads() {
	}

	/**
	 * The last message on a subject, read with one request.
	 * @param management the management API
	 * @param stream the stream
	 * @param subject the subject, wildcards allowed
	 * @return the message, or {@code null} when there is none
	 * @throws IOException when the server cannot be reached
	 * @throws JetStreamApiException when the server refuses the request
	 */
	static @Nullable MessageInfo lastMessage(JetStreamManagement management, String stream, String subject)
			throws IOException, JetStreamApiException {
		try {
			return management.getLastMessage(stream, subject);
		}
		catch (JetStreamApiException ex) {
			if (ex.getApiErrorCode() == NO_MESSAGE_FOUND) {
				return null;
			}
			throw ex;
		}
	}

	/**
	 * Read every message matching a filter from a stream sequence on, with an ordered
	 * consumer, until the server reports none pending.
	 * @param stream the stream
	 * @param filter the subject filter
	 * @param startSequence the first sequence to read, 1 for all
	 * @param blackhole receives every body
	 * @return how many messages were read, and the consumer to {@link #drop}
	 * @throws IOException when the server cannot be reached
	 * @throws JetStreamApiException when the server refuses the consumer
	 * @throws InterruptedException when interrupted while reading
	 * @throws JetStreamStatusCheckedException when a pull ends with an error status
	 */
	static OrderedRead readOrdered(StreamContext stream, String filter, long startSequence, Blackhole blackhole)
			throws IOException, JetStreamApiException, InterruptedException, JetStreamStatusCheckedException {
		OrderedConsumerConfiguration configuration = new OrderedConsumerConfiguration().filterSubject(filter);
		if (startSequence > 1) {
			configuration.deliverPolicy(DeliverPolicy.ByStartSequence).startSequence(startSequence);
		}
		OrderedConsumerContext consumer = stream.createOrderedConsumer(configuration);
		int read = 0;
		while (true) {
			FetchConsumer fetch = consumer
				.fetch(FetchConsumeOptions.builder().maxMessages(FETCH_SIZE).expiresIn(5000).build());
			try {
				Message message = fetch.nextMessage();
				if (message == null) {
					throw new IOException("no messages on " + filter + " after " + read);
				}
				while (message != null) {
					read++;
					blackhole.consume(message.getData());
					if (message.metaData().pendingCount() == 0) {
						return new OrderedRead(read, consumer.getConsumerName());
					}
					message = fetch.nextMessage();
				}
			}
			finally {
				closeQuietly(fetch);
			}
		}
	}

	/**
	 * Ask the server to delete an ordered consumer without waiting for the answer. The
	 * server would drop it after its inactivity threshold anyway, but a benchmark creates
	 * them faster than they expire and would meet the server's consumer limit (error
	 * 10026). Called outside the counted messages: the repository does not do it.
	 * @param connection the connection
	 * @param stream the stream's name
	 * @param read the read whose consumer to delete
	 */
	static void drop(Connection connection, String stream, OrderedRead read) {
		if (read.consumer() != null) {
			// A JetStream API request needs a reply subject to be served: a plain publish
			// is ignored.
			connection.request("$JS.API.CONSUMER.DELETE." + stream + "." + read.consumer(), new byte[0])
				.exceptionally((ex) -> null);
		}
	}

	/**
	 * What an ordered read read.
	 *
	 * @param count how many messages
	 * @param consumer the ordered consumer's name on the server
	 */
	record OrderedRead(int count, @Nullable String consumer) {
	}

	private static void closeQuietly(FetchConsumer fetch) {
		try {
			fetch.close();
		}
		catch (Exception ex) {
			// Closing a finished fetch only stops its pull request.
		}
	}

}
