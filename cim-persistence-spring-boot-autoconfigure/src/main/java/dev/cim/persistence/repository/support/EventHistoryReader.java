package dev.cim.persistence.repository.support;

import dev.cim.persistence.nats.NatsExceptionTranslator;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import dev.cim.persistence.nats.NatsRepositoryConfig;
import dev.cim.persistence.nats.StoreSubjects;
import io.nats.client.Connection;
import io.nats.client.FetchConsumeOptions;
import io.nats.client.FetchConsumer;
import io.nats.client.JetStream;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamStatusCheckedException;
import io.nats.client.Message;
import io.nats.client.OrderedConsumerContext;
import io.nats.client.StreamContext;
import io.nats.client.api.DeliverPolicy;
import io.nats.client.api.OrderedConsumerConfiguration;
import org.jspecify.annotations.Nullable;
import dev.cim.persistence.repository.AggregateRef;

/**
 * Reads one aggregate's events in bulk: an ordered consumer filtered to the aggregate's
 * subjects, fetching up to {@value #FETCH_SIZE} messages per request, never one request
 * per event.
 */
final class EventHistoryReader {

	static final int FETCH_SIZE = 1000;

	private final JetStream jetStream;

	private final NatsRepositoryConfig config;

	private final StoreSubjects subjects;

	private volatile @Nullable StreamContext streamContext;

	private final Connection connection;

	EventHistoryReader(Connection connection, JetStream jetStream, NatsRepositoryConfig config,
			StoreSubjects subjects) {
		this.connection = connection;
		this.jetStream = jetStream;
		this.config = config;
		this.subjects = subjects;
	}

	/**
	 * Read the aggregate's events with versions in the range, stopping at the head.
	 */
	<R> List<R> read(AggregateRef aggregate, long fromVersion, long toVersion, long startSequence, long headSequence,
			Function<Message, R> mapper) {
		String action = "reading the history of " + aggregate;
		String filter = this.subjects.aggregateEvents(aggregate.context(), aggregate.type(), aggregate.id());
		for (int attempt = 1;; attempt++) {
			try {
				OrderedConsumerConfiguration configuration = new OrderedConsumerConfiguration().filterSubject(filter);
				if (startSequence > 1) {
					configuration.deliverPolicy(DeliverPolicy.ByStartSequence).startSequence(startSequence);
				}
				OrderedConsumerContext consumer = streamContext().createOrderedConsumer(configuration);
				try {
					return readAll(aggregate, fromVersion, toVersion, headSequence, mapper, consumer,
							new ArrayList<>());
				}
				finally {
					OrderedReads.release(this.connection, this.config.eventStreamName(), consumer);
				}
			}
			catch (NothingDeliveredException ex) {
				// On a replicated stream, a consumer created during or right after a
				// failover may deliver nothing although the events are there: a new one
				// does.
				if (attempt >= this.config.publishAttempts()) {
					throw NatsExceptionTranslator.translate(action, ex);
				}
			}
			catch (IOException | JetStreamApiException | InterruptedException | IllegalStateException ex) {
				throw NatsExceptionTranslator.translate(action, ex);
			}
			catch (JetStreamStatusCheckedException ex) {
				throw NatsExceptionTranslator.translate(action, ex);
			}
		}
	}

	private <R> List<R> readAll(AggregateRef aggregate, long fromVersion, long toVersion, long headSequence,
			Function<Message, R> mapper, OrderedConsumerContext consumer, List<R> events)
			throws IOException, JetStreamApiException, InterruptedException, JetStreamStatusCheckedException {
		long expiresMillis = Math.max(1000, this.config.publishTimeout().toMillis());
		while (true) {
			int received = 0;
			FetchConsumer fetch = consumer
				.fetch(FetchConsumeOptions.builder().maxMessages(FETCH_SIZE).expiresIn(expiresMillis).build());
			try {
				Message message = fetch.nextMessage();
				while (message != null) {
					received++;
					long sequence = message.metaData().streamSequence();
					long version = StoreSubjects.versionOf(message.getSubject());
					if (version >= fromVersion && version <= toVersion) {
						events.add(mapper.apply(message));
					}
					if (sequence >= headSequence || version >= toVersion) {
						return events;
					}
					message = fetch.nextMessage();
				}
			}
			finally {
				OrderedReads.closeQuietly(fetch);
			}
			if (received < FETCH_SIZE) {
				// The fetch expired before the head: the stream did not deliver in time.
				throw new NothingDeliveredException("the stream delivered " + received + " events of " + aggregate
						+ " but not up to sequence " + headSequence + " within " + expiresMillis + " ms");
			}
		}
	}

	private StreamContext streamContext() throws IOException, JetStreamApiException {
		StreamContext context = this.streamContext;
		if (context == null) {
			context = this.jetStream.getStreamContext(this.config.eventStreamName());
			this.streamContext = context;
		}
		return context;
	}

	/**
	 * A fetch expired before it delivered the events up to the head.
	 */
	private static final class NothingDeliveredException extends IOException {

		private static final long serialVersionUID = 1L;

		NothingDeliveredException(String message) {
			super(message);
		}

	}

}
