package dev.cim.persistence.readmodel;

import java.io.IOException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeoutException;

import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.api.AckPolicy;
import io.nats.client.api.ConsumerConfiguration;
import io.nats.client.api.ConsumerInfo;
import io.nats.client.api.DeliverPolicy;
import io.nats.client.api.PriorityPolicy;
import org.jspecify.annotations.Nullable;

/**
 * Durable pull consumers shared by several application instances through one
 * pinned-client priority group ({@link PinnedPuller#GROUP}): the server delivers to one
 * instance at a time, in stream order, and hands the consumer to another when that one
 * stops asking for events for the pinned TTL. Used by the projections and by any other
 * engine that needs each event processed by one instance, in order.
 *
 * <p>
 * The consumers are kept in stream order: events delivered but never acknowledged (held
 * by an instance that died or lost the pin) would otherwise come back only after the ack
 * wait, behind newer events. So when an instance takes over with events of an earlier
 * holder unacknowledged, the consumer is recreated at its first unacknowledged sequence
 * ({@link #rewind}), and whatever follows is delivered again, in order: at least once.
 */
public final class PinnedConsumers {

	private PinnedConsumers() {
	}

	/**
	 * Give a consumer configuration the priority group and policy every pinned consumer
	 * has.
	 * @param builder the configuration, with its name, filters and acknowledgement
	 * settings
	 * @param pinnedTtl how long the pinned instance may go without asking for events
	 * before the server hands the consumer to another
	 * @return the same builder
	 */
	public static ConsumerConfiguration.Builder pinned(ConsumerConfiguration.Builder builder, Duration pinnedTtl) {
		return builder.ackPolicy(AckPolicy.Explicit)
			.priorityPolicy(PriorityPolicy.PinnedClient)
			.priorityGroups(PinnedPuller.GROUP)
			.priorityTimeout(pinnedTtl);
	}

	/**
	 * Create the consumer when it is missing, or bring an existing one to the wanted
	 * filters, priority settings and ack wait. Nothing already delivered is touched:
	 * several instances call this when they start, while one of them may be consuming.
	 * @param connection the connection
	 * @param stream the stream
	 * @param wanted the configuration (see {@link #pinned}), with a durable name
	 * @throws IOException when the server cannot be reached
	 * @throws JetStreamApiException when the server refuses the consumer
	 */
	public static void ensure(Connection connection, String stream, ConsumerConfiguration.Builder wanted)
			throws IOException, JetStreamApiException {
		JetStreamManagement jsm = connection.jetStreamManagement();
		ConsumerConfiguration target = wanted.build();
		String name = Objects.requireNonNull(target.getDurable(), "durable");
		ConsumerInfo existing = find(jsm, stream, name);
		if (existing == null) {
			create(jsm, stream, wanted.deliverPolicy(DeliverPolicy.All).build());
			return;
		}
		ConsumerConfiguration current = existing.getConsumerConfiguration();
		if (current.getFilterSubjects().equals(target.getFilterSubjects())
				&& current.getPriorityPolicy() == PriorityPolicy.PinnedClient
				&& Objects.equals(current.getPriorityGroups(), target.getPriorityGroups())
				&& Objects.equals(current.getPriorityTimeout(), target.getPriorityTimeout())
				&& Objects.equals(current.getAckWait(), target.getAckWait())) {
			return;
		}
		try {
			jsm.updateConsumer(stream,
					ConsumerConfiguration.builder(current)
						.filterSubjects(target.getFilterSubjects())
						.priorityPolicy(PriorityPolicy.PinnedClient)
						.priorityGroups(target.getPriorityGroups())
						.priorityTimeout(target.getPriorityTimeout())
						.ackWait(target.getAckWait())
						.build());
		}
		catch (JetStreamApiException ex) {
			// A setting the server will not change in place (a consumer from before
			// priority groups): recreate it where its acknowledged events end.
			recreate(jsm, stream, name, wanted, existing);
		}
	}

	/**
	 * Make the consumer deliver in stream order again: when events are delivered and
	 * unacknowledged, recreate it at the first unacknowledged sequence, so that
	 * everything after it is delivered again, in order. An instance still holding the old
	 * deliveries can do no harm to the order: its acknowledgements go nowhere.
	 * @param connection the connection
	 * @param stream the stream
	 * @param wanted the configuration (see {@link #pinned}), with a durable name
	 * @throws IOException when the server cannot be reached
	 * @throws JetStreamApiException when the server refuses the consumer
	 */
	public static void rewind(Connection connection, String stream, ConsumerConfiguration.Builder wanted)
			throws IOException, JetStreamApiException {
		JetStreamManagement jsm = connection.jetStreamManagement();
		String name = Objects.requireNonNull(wanted.build().getDurable(), "durable");
		ConsumerInfo existing = find(jsm, stream, name);
		if (existing == null || existing.getNumAckPending() == 0) {
			ensure(connection, stream, wanted);
			return;
		}
		recreate(jsm, stream, name, wanted, existing);
	}

	/**
	 * Check, on taking over the consumer with a new pin and before processing anything,
	 * whether events other than the ones in hand are delivered and unacknowledged: held
	 * by an earlier pin holder that died, hangs or lost the pin. When there are any the
	 * consumer is {@linkplain #rewind rewound} and the events in hand are to be dropped:
	 * they are delivered again, in order.
	 * @param connection the connection
	 * @param stream the stream
	 * @param wanted the configuration (see {@link #pinned}), with a durable name
	 * @param inHand how many events the caller holds
	 * @return whether the consumer was rewound
	 * @throws IOException when the server cannot be reached
	 * @throws JetStreamApiException when the server refuses the consumer
	 * @throws InterruptedException when interrupted while flushing
	 */
	public static boolean rewindIfHeldElsewhere(Connection connection, String stream,
			ConsumerConfiguration.Builder wanted, int inHand)
			throws IOException, JetStreamApiException, InterruptedException {
		boolean flushed;
		try {
			// Acknowledgements sent before are counted.
			connection.flush(Duration.ofSeconds(5));
			flushed = true;
		}
		catch (TimeoutException ex) {
			flushed = false;
		}
		String name = Objects.requireNonNull(wanted.build().getDurable(), "durable");
		ConsumerInfo info = connection.jetStreamManagement().getConsumerInfo(stream, name);
		if (flushed && info.getNumAckPending() <= inHand) {
			return false;
		}
		rewind(connection, stream, wanted);
		return true;
	}

	private static void recreate(JetStreamManagement jsm, String stream, String name,
			ConsumerConfiguration.Builder wanted, ConsumerInfo existing) throws IOException, JetStreamApiException {
		long start = existing.getAckFloor().getStreamSequence() + 1;
		try {
			jsm.deleteConsumer(stream, name);
		}
		catch (JetStreamApiException ex) {
			// Deleted meanwhile by another instance.
		}
		create(jsm, stream, wanted.deliverPolicy(DeliverPolicy.ByStartSequence).startSequence(start).build());
	}

	private static void create(JetStreamManagement jsm, String stream, ConsumerConfiguration configuration)
			throws IOException, JetStreamApiException {
		try {
			jsm.createConsumer(stream, configuration);
		}
		catch (JetStreamApiException ex) {
			// Another instance created it meanwhile; its start is no later than ours
			// would be, as acknowledged events only move forward.
			if (find(jsm, stream, Objects.requireNonNull(configuration.getDurable())) == null) {
				throw ex;
			}
		}
	}

	private static @Nullable ConsumerInfo find(JetStreamManagement jsm, String stream, String name) throws IOException {
		try {
			return jsm.getConsumerInfo(stream, name);
		}
		catch (JetStreamApiException ex) {
			return null;
		}
	}

}
