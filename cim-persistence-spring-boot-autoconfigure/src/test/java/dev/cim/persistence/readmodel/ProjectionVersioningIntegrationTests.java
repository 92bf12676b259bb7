package dev.cim.persistence.readmodel;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import dev.cim.persistence.nats.JetStreamProvisioner;
import dev.cim.persistence.nats.NatsRepositoryConfig;
import dev.cim.persistence.readmodel.LedgerEvents.Credited;
import dev.cim.persistence.readmodel.LedgerEvents.Debited;
import dev.cim.persistence.readmodel.LedgerEvents.Opened;
import dev.cim.persistence.testsupport.NatsIntegrationTest;
import dev.cim.persistence.testsupport.NatsTestServer;
import io.nats.client.Connection;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import dev.cim.persistence.repository.support.EventStore;

/**
 * Schema versions against a real nats-server: a version bump and an explicit rebuild fill
 * a new slot from the first event while the old slot serves reads, then switch.
 */
@NatsIntegrationTest
class ProjectionVersioningIntegrationTests {

	private static final NatsRepositoryConfig CONFIG = NatsRepositoryConfig.defaults();

	private static final Duration WAIT = Duration.ofSeconds(60);

	static volatile String gatedId = "";

	static volatile CountDownLatch reached = new CountDownLatch(0);

	static volatile CountDownLatch gate = new CountDownLatch(0);

	static volatile boolean gateOpenedInTime = true;

	@Test
	void versionBumpRebuildsBesideTheServingVersionAndSwitchesWhenCaughtUp(NatsTestServer server) throws Exception {
		Connection connection = server.connect();
		new JetStreamProvisioner(connection, CONFIG).provision();
		Ledgers ledgers = new Ledgers(new EventStore(connection, CONFIG));
		ReadModelStore store = new ReadModelStore(connection, CONFIG);
		String run = Ledgers.newId("v");
		List<String> ids = IntStream.range(0, 20).mapToObj((i) -> run + "-" + i).toList();
		long last = ledgers.appendRounds(ids, 5, 10);

		ProjectionRunner first = runner(connection, LedgerV1.class);
		first.start();
		first.awaitSequence("Ledger", last, WAIT);
		first.stop();
		assertThat(store.activeVersion("Ledger")).contains(new ActiveVersion("v1", null));

		gatedId = ids.get(7);
		reached = new CountDownLatch(1);
		gate = new CountDownLatch(1);
		gateOpenedInTime = true;
		ProjectionRunner second = runner(server.connect(), LedgerV2.class);
		second.start();
		assertThat(reached.await(60, TimeUnit.SECONDS)).isTrue();
		// The new version is held mid-rebuild: reads are still served by version 1.
		assertThat(second.status("Ledger").orElseThrow().state()).isEqualTo(ProjectionState.REBUILDING);
		assertThat(store.activeVersion("Ledger")).contains(new ActiveVersion("v1", "v2"));
		for (String id : ids) {
			assertThat(store.findEntryById(LedgerV1.class, id)).hasValueSatisfying((entry) -> {
				assertThat(entry.value()).isEqualTo(expectedV1(ledgers, id));
				assertThat(entry.metadata().schemaVersion()).isEqualTo(1);
			});
		}
		gate.countDown();
		await().atMost(WAIT)
			.until(() -> store.activeVersion("Ledger").map(ActiveVersion::slot).orElse(""), "v2"::equals);
		assertThat(gateOpenedInTime).as("the held event went on when the gate opened, not on a timeout").isTrue();
		for (String id : ids) {
			assertThat(store.findById(LedgerV2.class, id)).as(id).contains(expectedV2(ledgers, id));
		}
		await().atMost(WAIT)
			.untilAsserted(() -> assertThat(connection.jetStreamManagement().getConsumerNames(CONFIG.eventStreamName()))
				.contains("cim-rm-Ledger-v2")
				.doesNotContain("cim-rm-Ledger-v1"));
		await().atMost(WAIT)
			.untilAsserted(() -> assertThat(store.keys(ReadModelKeys.entries("Ledger", "v1"))).as("old slot purged")
				.isEmpty());

		// An explicit rebuild of the same version goes through a new slot too.
		String id = ids.get(0);
		long more = ledgers.append(id, new Credited(1000));
		second.rebuild("Ledger");
		await().atMost(WAIT)
			.until(() -> store.activeVersion("Ledger").map(ActiveVersion::slot).orElse(""), "v2-r1"::equals);
		second.awaitSequence("Ledger", more, WAIT);
		for (String each : ids) {
			assertThat(store.findById(LedgerV2.class, each)).as(each).contains(expectedV2(ledgers, each));
		}
		// The switch comes first, the purge of the replaced slot right after it.
		await().atMost(WAIT)
			.untilAsserted(() -> assertThat(store.keys(ReadModelKeys.entries("Ledger", "v2"))).isEmpty());
		assertThat(second.status("Ledger").orElseThrow().state()).isEqualTo(ProjectionState.LIVE);
		second.stop();
	}

	private static ProjectionRunner runner(Connection connection, Class<?> model) {
		ProjectionOptions options = ProjectionOptions.builder()
			.batchSize(50)
			.fetchTimeout(Duration.ofSeconds(1))
			.build();
		return new ProjectionRunner(connection, CONFIG, List.of(ReadModelDefinition.of(model)), options,
				ProjectionObserver.NONE);
	}

	private static LedgerV1 expectedV1(Ledgers ledgers, String id) {
		Balance balance = ledgers.expectedBalance(id);
		return new LedgerV1(id, balance.total(), balance.applied());
	}

	private static LedgerV2 expectedV2(Ledgers ledgers, String id) {
		long credits = ledgers.eventsOf(id).stream().filter(Credited.class::isInstance).count();
		Balance balance = ledgers.expectedBalance(id);
		return new LedgerV2(id, balance.owner(), balance.total(), credits, balance.applied());
	}

	@ReadModel(type = "Ledger", version = 1)
	record LedgerV1(String id, long total, int applied) {

		@Apply
		static LedgerV1 on(Opened event, EventContext context) {
			return new LedgerV1(context.aggregateId(), 0, 1);
		}

		@Apply
		LedgerV1 on(Credited event) {
			return new LedgerV1(this.id, this.total + event.amount(), this.applied + 1);
		}

		@Apply
		LedgerV1 on(Debited event) {
			return new LedgerV1(this.id, this.total - event.amount(), this.applied + 1);
		}

	}

	@ReadModel(type = "Ledger", version = 2)
	record LedgerV2(String id, String owner, long total, long credits, int applied) {

		@Apply
		static LedgerV2 on(Opened event, EventContext context) {
			return new LedgerV2(context.aggregateId(), event.owner(), 0, 0, 1);
		}

		@Apply
		LedgerV2 on(Credited event) throws InterruptedException {
			if (this.id.equals(gatedId)) {
				reached.countDown();
				if (!gate.await(WAIT.toSeconds(), TimeUnit.SECONDS)) {
					gateOpenedInTime = false;
					throw new IllegalStateException("The gate of " + this.id + " was not opened within " + WAIT);
				}
			}
			return new LedgerV2(this.id, this.owner, this.total + event.amount(), this.credits + 1, this.applied + 1);
		}

		@Apply
		LedgerV2 on(Debited event) {
			return new LedgerV2(this.id, this.owner, this.total - event.amount(), this.credits, this.applied + 1);
		}

	}

}
