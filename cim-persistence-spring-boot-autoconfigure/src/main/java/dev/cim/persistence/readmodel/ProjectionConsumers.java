package dev.cim.persistence.readmodel;

import java.io.IOException;
import java.util.List;

import dev.cim.persistence.event.EventType;
import dev.cim.persistence.nats.NatsRepositoryConfig;
import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.api.AckPolicy;
import io.nats.client.api.ConsumerConfiguration;
import io.nats.client.api.ConsumerInfo;
import io.nats.client.api.DeliverPolicy;
import org.jspecify.annotations.Nullable;

/**
 * Creates projection consumers and keeps their delivery in stream order.
 */
final class ProjectionConsumers {

	private ProjectionConsumers() {
	}

	/**
	 * Create the consumer, or make the existing one deliver in stream order again. Events
	 * delivered but never acknowledged (left by a crash, a lost connection or an error
	 * mid-batch) would otherwise come back only after the ack wait, behind newer events
	 * of the same entries, whose sequence would then hide them. So when any are pending,
	 * the consumer is recreated at the first unacknowledged sequence: what follows is
	 * delivered again in order, and what was already applied is skipped by the entries'
	 * sequences.
	 */
	static void ensureInOrder(Connection connection, NatsRepositoryConfig config, ProjectionOptions options,
			ReadModelDefinition<?> definition, String slot) throws IOException, JetStreamApiException {
		String name = ReadModelKeys.consumer(options.consumerPrefix(), definition.type(), slot);
		JetStreamManagement jsm = connection.jetStreamManagement();
		String stream = config.eventStreamName();
		List<String> filters = definition.eventTypes()
			.stream()
			.map(EventType::name)
			.sorted()
			.map((type) -> config.subjectPrefix() + ".events.*.*.*." + type + ".*")
			.toList();
		@Nullable ConsumerInfo existing = null;
		try {
			existing = jsm.getConsumerInfo(stream, name);
		}
		catch (JetStreamApiException ex) {
			// Not found: created below.
		}
		ConsumerConfiguration.Builder configuration = ConsumerConfiguration.builder()
			.durable(name)
			.description("CIM projection " + definition.type() + " " + slot)
			.filterSubjects(filters)
			.ackPolicy(AckPolicy.Explicit)
			.ackWait(options.ackWait())
			.maxAckPending(options.maxAckPending());
		if (existing == null) {
			jsm.addOrUpdateConsumer(stream, configuration.deliverPolicy(DeliverPolicy.All).build());
		}
		else if (existing.getNumAckPending() > 0) {
			long start = existing.getAckFloor().getStreamSequence() + 1;
			jsm.deleteConsumer(stream, name);
			jsm.addOrUpdateConsumer(stream,
					configuration.deliverPolicy(DeliverPolicy.ByStartSequence).startSequence(start).build());
		}
		else if (!existing.getConsumerConfiguration().getFilterSubjects().equals(filters)) {
			jsm.addOrUpdateConsumer(stream,
					ConsumerConfiguration.builder(existing.getConsumerConfiguration()).filterSubjects(filters).build());
		}
	}

}
