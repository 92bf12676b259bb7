package dev.cim.persistence.readmodel;

import java.time.Duration;
import java.util.List;

import dev.cim.persistence.nats.NatsRepositoryConfig;
import dev.cim.persistence.readmodel.LedgerEvents.Credited;
import dev.cim.persistence.readmodel.LedgerEvents.Opened;
import dev.cim.persistence.testsupport.NatsIntegrationTest;
import dev.cim.persistence.testsupport.ProvisionedStore;
import dev.cim.persistence.testsupport.NatsTestServer;
import io.nats.client.Message;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.dao.DataAccessResourceFailureException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Pulling as a member of a projection consumer's pinned-client group, against a real
 * server: one puller receives at a time, the pin moves after the pinned TTL, and a puller
 * that lost it hears so and drops its pin.
 */
@NatsIntegrationTest
class PinnedPullerIntegrationTests {

	private static NatsRepositoryConfig config;

	private static final Duration EXPIRES = Duration.ofSeconds(1);

	private static NatsTestServer server;

	private static Ledgers ledgers;

	@BeforeAll
	static void provision(NatsTestServer natsServer, ProvisionedStore provisioned) {
		config = provisioned.config();
		server = natsServer;
		ledgers = new Ledgers(provisioned.eventStore());
	}

	@Test
	void onlyThePinnedPullerReceivesAndThePinMovesWhenItStopsAsking() throws Exception {
		String consumer = consumer("Balance", Duration.ofSeconds(2));
		try (PinnedPuller first = puller(consumer); PinnedPuller second = puller(consumer)) {
			String id = Ledgers.newId("pin");
			ledgers.append(id, new Opened("o"), new Credited(1));
			PinnedPuller.Batch taken = first.pull(100, EXPIRES);
			assertThat(taken.messages()).isNotEmpty();
			assertThat(taken.newPin()).isTrue();
			ack(taken);
			ledgers.append(id, new Credited(2));
			// The second asks too, but the server keeps delivering to the pinned one.
			assertThat(second.pull(100, EXPIRES).messages()).isEmpty();
			PinnedPuller.Batch next = first.pull(100, EXPIRES);
			assertThat(next.messages()).isNotEmpty();
			assertThat(next.newPin()).as("the same pin").isFalse();
			ack(next);
			// The first stops asking for longer than the pinned TTL: the next event goes
			// to the second, with a new pin.
			Thread.sleep(Duration.ofSeconds(3).toMillis());
			ledgers.append(id, new Credited(3));
			PinnedPuller.Batch moved = pullUntilSomething(second);
			assertThat(moved.newPin()).isTrue();
			ack(moved);
			// The first hears that its pin is stale, drops it, and gets nothing.
			assertThat(first.pull(100, EXPIRES).messages()).isEmpty();
			assertThat(first.pinned()).isFalse();
		}
	}

	@Test
	void aPullerThatStopsHandsThePinOverAtOnce() throws Exception {
		String consumer = consumer("Handover", Duration.ofMinutes(5));
		try (PinnedPuller second = puller(consumer)) {
			String id = Ledgers.newId("handover");
			PinnedPuller first = puller(consumer);
			ledgers.append(id, new Opened("o"));
			ack(first.pull(100, EXPIRES));
			first.close();
			// Well within the five minutes of the pinned TTL.
			ledgers.append(id, new Credited(1));
			PinnedPuller.Batch taken = pullUntilSomething(second);
			assertThat(taken.newPin()).isTrue();
			ack(taken);
		}
	}

	@Test
	void pullingFromAConsumerThatIsGoneFails() throws Exception {
		try (PinnedPuller puller = new PinnedPuller(server.connect(), config.eventStreamName(), "no-such-consumer")) {
			assertThatExceptionOfType(DataAccessResourceFailureException.class)
				.isThrownBy(() -> puller.pull(100, EXPIRES))
				.withMessageContaining("no-such-consumer");
		}
	}

	private static String consumer(String prefix, Duration pinnedTtl) throws Exception {
		ProjectionOptions options = ProjectionOptions.builder()
			.consumerPrefix("pin-" + prefix)
			.pinnedTtl(pinnedTtl)
			.build();
		ReadModelDefinition<Balance> definition = ReadModelDefinition.of(Balance.class);
		ProjectionConsumers.ensure(server.connect(), config, options, definition, "v1");
		return ProjectionConsumers.name(options, definition, "v1");
	}

	private static PinnedPuller puller(String consumer) throws Exception {
		return new PinnedPuller(server.connect(), config.eventStreamName(), consumer);
	}

	private static PinnedPuller.Batch pullUntilSomething(PinnedPuller puller) throws InterruptedException {
		for (int i = 0; i < 30; i++) {
			PinnedPuller.Batch batch = puller.pull(100, EXPIRES);
			if (!batch.messages().isEmpty()) {
				return batch;
			}
		}
		throw new AssertionError("nothing was delivered");
	}

	private static void ack(PinnedPuller.Batch batch) {
		List<Message> messages = batch.messages();
		messages.forEach(Message::ack);
	}

}
