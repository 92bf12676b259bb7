package dev.cim.persistence.readmodel;

import java.time.Duration;
import java.util.List;

import dev.cim.persistence.nats.NatsRepositoryConfig;
import dev.cim.persistence.readmodel.LedgerEvents.Credited;
import dev.cim.persistence.readmodel.LedgerEvents.Opened;
import dev.cim.persistence.testsupport.NatsIntegrationTest;
import dev.cim.persistence.testsupport.ProvisionedStore;
import io.nats.client.Connection;
import io.nats.client.JetStreamManagement;
import io.nats.client.JetStreamSubscription;
import io.nats.client.Message;
import io.nats.client.PullSubscribeOptions;
import io.nats.client.api.AckPolicy;
import io.nats.client.api.ConsumerConfiguration;
import io.nats.client.api.ConsumerInfo;
import io.nats.client.api.PriorityPolicy;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Projection consumers against a real server: their priority group, and how they are
 * brought to it and rewound without losing their position.
 */
@NatsIntegrationTest
class ProjectionConsumersIntegrationTests {

	private static NatsRepositoryConfig config;

	private static final ReadModelDefinition<Balance> BALANCE = ReadModelDefinition.of(Balance.class);

	private static Connection connection;

	private static Ledgers ledgers;

	@BeforeAll
	static void provision(ProvisionedStore provisioned) {
		config = provisioned.config();
		connection = provisioned.connection();
		ledgers = new Ledgers(provisioned.eventStore());
	}

	@Test
	void aNewConsumerHasAPinnedClientGroupWithTheConfiguredTtl() throws Exception {
		ProjectionOptions options = options("fresh");
		ProjectionConsumers.ensure(connection, config, options, BALANCE, "v1");
		ConsumerInfo created = info(options);
		ConsumerConfiguration configuration = created.getConsumerConfiguration();
		assertThat(configuration.getPriorityPolicy()).isEqualTo(PriorityPolicy.PinnedClient);
		assertThat(configuration.getPriorityGroups()).containsExactly(PinnedPuller.GROUP);
		assertThat(configuration.getPriorityTimeout()).isEqualTo(Duration.ofSeconds(3));
		// Every instance ensures it when it starts, while another may be consuming: the
		// consumer is left as it is.
		ProjectionConsumers.ensure(connection, config, options, BALANCE, "v1");
		assertThat(info(options).getCreationTime()).isEqualTo(created.getCreationTime());
	}

	@Test
	void aConsumerFromBeforePriorityGroupsGetsTheGroupAndKeepsItsAcknowledgedPosition() throws Exception {
		ProjectionOptions options = options("older");
		String name = ProjectionConsumers.name(options, BALANCE, "v1");
		String id = Ledgers.newId("older");
		ledgers.append(id, new Opened("o"), new Credited(1), new Credited(2));
		JetStreamManagement jsm = connection.jetStreamManagement();
		jsm.addOrUpdateConsumer(config.eventStreamName(),
				ConsumerConfiguration.builder()
					.durable(name)
					.filterSubjects(List.of(config.subjectPrefix() + ".events.*.*.*.LedgerOpened.*",
							config.subjectPrefix() + ".events.*.*.*.LedgerCredited.*"))
					.ackPolicy(AckPolicy.Explicit)
					.build());
		JetStreamSubscription subscription = connection.jetStream()
			.subscribe(null, PullSubscribeOptions.bind(config.eventStreamName(), name));
		List<Message> delivered = subscription.fetch(100, Duration.ofSeconds(2));
		assertThat(delivered).isNotEmpty();
		delivered.forEach(Message::ack);
		connection.flush(Duration.ofSeconds(5));
		long floor = info(options).getAckFloor().getStreamSequence();
		subscription.unsubscribe();
		ProjectionConsumers.ensure(connection, config, options, BALANCE, "v1");
		ConsumerInfo updated = info(options);
		assertThat(updated.getConsumerConfiguration().getPriorityPolicy()).isEqualTo(PriorityPolicy.PinnedClient);
		assertThat(updated.getNumPending()).as("events still to deliver").isZero();
		assertThat(updated.getAckFloor().getStreamSequence()).isGreaterThanOrEqualTo(floor);
	}

	@Test
	void rewindingRecreatesTheConsumerAtTheFirstUnacknowledgedEvent() throws Exception {
		ProjectionOptions options = options("rewind");
		String id = Ledgers.newId("rewind");
		long first = ledgers.append(id, new Opened("o"));
		ProjectionConsumers.ensure(connection, config, options, BALANCE, "v1");
		try (PinnedPuller puller = new PinnedPuller(connection, config.eventStreamName(),
				ProjectionConsumers.name(options, BALANCE, "v1"))) {
			List<Message> all = puller.pull(1000, Duration.ofSeconds(1)).messages();
			long before = ledgers.append(id, new Credited(5));
			// Everything up to the Opened event acknowledged; nothing after it.
			all.stream().filter((message) -> message.metaData().streamSequence() <= first).forEach(Message::ack);
			List<Message> held = puller.pull(1000, Duration.ofSeconds(1)).messages();
			assertThat(held).extracting((message) -> message.metaData().streamSequence()).contains(before);
			connection.flush(Duration.ofSeconds(5));
			assertThat(ProjectionConsumers.rewindIfHeldElsewhere(connection, config, options, BALANCE, "v1", 0))
				.isTrue();
		}
		ConsumerInfo rewound = info(options);
		assertThat(rewound.getNumAckPending()).isZero();
		assertThat(rewound.getConsumerConfiguration().getStartSequence()).isEqualTo(first + 1);
		assertThat(rewound.getConsumerConfiguration().getPriorityPolicy()).isEqualTo(PriorityPolicy.PinnedClient);
	}

	private static ProjectionOptions options(String prefix) {
		return ProjectionOptions.builder().consumerPrefix("pc-" + prefix).pinnedTtl(Duration.ofSeconds(3)).build();
	}

	private static ConsumerInfo info(ProjectionOptions options) throws Exception {
		return connection.jetStreamManagement()
			.getConsumerInfo(config.eventStreamName(), ProjectionConsumers.name(options, BALANCE, "v1"));
	}

}
