package dev.cim.persistence.readmodel;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeoutException;

import dev.cim.persistence.event.EventType;
import dev.cim.persistence.nats.JetStreamErrors;
import dev.cim.persistence.nats.NatsRepositoryConfig;
import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.PurgeOptions;
import io.nats.client.api.AckPolicy;
import io.nats.client.api.ConsumerConfiguration;
import io.nats.client.api.ConsumerInfo;
import io.nats.client.api.DeliverPolicy;
import io.nats.client.api.PriorityPolicy;
import org.jspecify.annotations.Nullable;

/**
 * Creates projection consumers, keeps their delivery in stream order, and retires the
 * consumer and entries of a replaced slot.
 *
 * <p>
 * Every projection consumer has one priority group ({@link PinnedPuller#GROUP}) with the
 * pinned-client policy: however many instances pull from it, the server delivers to one
 * of them at a time, so the events of an entry are applied in stream order by one
 * instance. When that instance stops asking for events for the pinned TTL (it died, hung
 * or lost its connection), the server hands the consumer to another instance.
 */
final class ProjectionConsumers {

	private ProjectionConsumers() {
	}

	/**
	 * Create the consumer when it is missing, or bring an existing one to the current
	 * filters and priority settings. Nothing already delivered is touched: several
	 * instances call this when they start, while one of them may be consuming.
	 */
	static void ensure(Connection connection, NatsRepositoryConfig config, ProjectionOptions options,
			ReadModelDefinition<?> definition, String slot) throws IOException, JetStreamApiException {
		String name = name(options, definition, slot);
		JetStreamManagement jsm = connection.jetStreamManagement();
		String stream = config.eventStreamName();
		ConsumerConfiguration.Builder wanted = configuration(config, options, definition, slot);
		ConsumerInfo existing = find(jsm, stream, name);
		if (existing == null) {
			create(jsm, stream, wanted.deliverPolicy(DeliverPolicy.All).build());
			return;
		}
		ConsumerConfiguration current = existing.getConsumerConfiguration();
		ConsumerConfiguration target = wanted.build();
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
	 * Make the consumer deliver in stream order again. Events delivered but never
	 * acknowledged (held by an instance that died or lost the consumer, or left by an
	 * error mid-batch) would otherwise come back only after the ack wait, behind newer
	 * events of the same entries, whose sequence would then hide them. So when any are
	 * pending, the consumer is recreated at the first unacknowledged sequence: what
	 * follows is delivered again in order, and what was already applied is skipped by the
	 * entries' sequences. An instance still holding the old deliveries can do no harm:
	 * its acknowledgements go nowhere and its writes are compare-and-set on revisions
	 * that the replay has moved on.
	 */
	static void rewind(Connection connection, NatsRepositoryConfig config, ProjectionOptions options,
			ReadModelDefinition<?> definition, String slot) throws IOException, JetStreamApiException {
		String name = name(options, definition, slot);
		JetStreamManagement jsm = connection.jetStreamManagement();
		String stream = config.eventStreamName();
		ConsumerInfo existing = find(jsm, stream, name);
		if (existing == null || existing.getNumAckPending() == 0) {
			ensure(connection, config, options, definition, slot);
			return;
		}
		recreate(jsm, stream, name, configuration(config, options, definition, slot), existing);
	}

	/**
	 * Check, on taking over the consumer with a new pin and before applying anything,
	 * whether events other than the ones in hand are delivered and unacknowledged: held
	 * by an earlier pin holder that died, hangs or lost the pin. They would come back
	 * only after the ack wait, behind the ones in hand, so when there are any the
	 * consumer is {@linkplain #rewind rewound} and the events in hand are to be dropped:
	 * they are delivered again, in order.
	 * @return whether the consumer was rewound
	 */
	static boolean rewindIfHeldElsewhere(Connection connection, NatsRepositoryConfig config, ProjectionOptions options,
			ReadModelDefinition<?> definition, String slot, int inHand)
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
		ConsumerInfo info = connection.jetStreamManagement()
			.getConsumerInfo(config.eventStreamName(), name(options, definition, slot));
		if (flushed && info.getNumAckPending() <= inHand) {
			return false;
		}
		rewind(connection, config, options, definition, slot);
		return true;
	}

	/**
	 * Delete a replaced slot's consumer and, if configured, its entries.
	 */
	static void retire(Connection connection, NatsRepositoryConfig config, ProjectionOptions options, String type,
			String slot) throws IOException, JetStreamApiException {
		JetStreamManagement jsm = connection.jetStreamManagement();
		try {
			jsm.deleteConsumer(config.eventStreamName(), ReadModelKeys.consumer(options.consumerPrefix(), type, slot));
		}
		catch (JetStreamApiException ex) {
			// Already gone.
		}
		if (options.purgeOldSlot()) {
			String bucket = config.readModelBucket();
			jsm.purgeStream("KV_" + bucket, PurgeOptions.subject("$KV." + bucket + "." + type + "." + slot + ".>"));
			purgeIndexes(jsm, config.indexBucket(), type, slot);
		}
	}

	/**
	 * Purge a replaced slot's index entries and registry. Nothing to do without an index
	 * bucket.
	 */
	private static void purgeIndexes(JetStreamManagement jsm, String bucket, String type, String slot)
			throws IOException, JetStreamApiException {
		try {
			jsm.purgeStream("KV_" + bucket,
					PurgeOptions.subject("$KV." + bucket + "." + ReadModelIndexKeys.slotFilter(type, slot)));
			jsm.purgeStream("KV_" + bucket,
					PurgeOptions.subject("$KV." + bucket + "." + ReadModelIndexKeys.registry(type, slot)));
		}
		catch (JetStreamApiException ex) {
			if (!JetStreamErrors.is(ex, JetStreamErrors.STREAM_NOT_FOUND)) {
				throw ex;
			}
		}
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

	static String name(ProjectionOptions options, ReadModelDefinition<?> definition, String slot) {
		return ReadModelKeys.consumer(options.consumerPrefix(), definition.type(), slot);
	}

	private static ConsumerConfiguration.Builder configuration(NatsRepositoryConfig config, ProjectionOptions options,
			ReadModelDefinition<?> definition, String slot) {
		List<String> filters = definition.eventTypes()
			.stream()
			.map(EventType::name)
			.sorted()
			.map((type) -> config.subjectPrefix() + ".events.*.*.*." + type + ".*")
			.toList();
		return ConsumerConfiguration.builder()
			.durable(name(options, definition, slot))
			.description("CIM projection " + definition.type() + " " + slot)
			.filterSubjects(filters)
			.ackPolicy(AckPolicy.Explicit)
			.ackWait(options.ackWait())
			.maxAckPending(options.maxAckPending())
			.priorityPolicy(PriorityPolicy.PinnedClient)
			.priorityGroups(PinnedPuller.GROUP)
			.priorityTimeout(options.pinnedTtl());
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
