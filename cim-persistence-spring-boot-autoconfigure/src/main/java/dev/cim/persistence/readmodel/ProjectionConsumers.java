package dev.cim.persistence.readmodel;

import java.io.IOException;
import java.util.List;

import dev.cim.persistence.event.EventType;
import dev.cim.persistence.nats.JetStreamErrors;
import dev.cim.persistence.nats.NatsRepositoryConfig;
import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.PurgeOptions;
import io.nats.client.api.ConsumerConfiguration;

/**
 * Creates projection consumers, keeps their delivery in stream order, and retires the
 * consumer and entries of a replaced slot.
 *
 * <p>
 * Every projection consumer is a {@linkplain PinnedConsumers pinned consumer}: however
 * many instances pull from it, the server delivers to one of them at a time, so the
 * events of an entry are applied in stream order by one instance. When that instance
 * stops asking for events for the pinned TTL (it died, hung or lost its connection), the
 * server hands the consumer to another instance.
 */
final class ProjectionConsumers {

	private ProjectionConsumers() {
	}

	/**
	 * Create the consumer when it is missing, or bring an existing one to the current
	 * filters and priority settings (see {@link PinnedConsumers#ensure}).
	 */
	static void ensure(Connection connection, NatsRepositoryConfig config, ProjectionOptions options,
			ReadModelDefinition<?> definition, String slot) throws IOException, JetStreamApiException {
		PinnedConsumers.ensure(connection, config.eventStreamName(), configuration(config, options, definition, slot));
	}

	/**
	 * Make the consumer deliver in stream order again (see
	 * {@link PinnedConsumers#rewind}): what follows the first unacknowledged event is
	 * delivered again in order, and what was already applied is skipped by the entries'
	 * sequences. An instance still holding the old deliveries can do no harm: its
	 * acknowledgements go nowhere and its writes are compare-and-set on revisions that
	 * the replay has moved on.
	 */
	static void rewind(Connection connection, NatsRepositoryConfig config, ProjectionOptions options,
			ReadModelDefinition<?> definition, String slot) throws IOException, JetStreamApiException {
		PinnedConsumers.rewind(connection, config.eventStreamName(), configuration(config, options, definition, slot));
	}

	/**
	 * Rewind the consumer when events other than the ones in hand are delivered and
	 * unacknowledged (see {@link PinnedConsumers#rewindIfHeldElsewhere}).
	 * @return whether the consumer was rewound
	 */
	static boolean rewindIfHeldElsewhere(Connection connection, NatsRepositoryConfig config, ProjectionOptions options,
			ReadModelDefinition<?> definition, String slot, int inHand)
			throws IOException, JetStreamApiException, InterruptedException {
		return PinnedConsumers.rewindIfHeldElsewhere(connection, config.eventStreamName(),
				configuration(config, options, definition, slot), inHand);
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
		return PinnedConsumers.pinned(ConsumerConfiguration.builder()
			.durable(name(options, definition, slot))
			.description("CIM projection " + definition.type() + " " + slot)
			.filterSubjects(filters)
			.ackWait(options.ackWait())
			.maxAckPending(options.maxAckPending()), options.pinnedTtl());
	}

}
