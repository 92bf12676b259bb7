package dev.cim.persistence.readmodel;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;

import dev.cim.persistence.nats.JetStreamProvisioner;
import dev.cim.persistence.nats.NatsRepositoryConfig;
import dev.cim.persistence.readmodel.LedgerEvents.Audited;
import dev.cim.persistence.readmodel.LedgerEvents.Closed;
import dev.cim.persistence.readmodel.LedgerEvents.Credited;
import dev.cim.persistence.readmodel.LedgerEvents.Opened;
import dev.cim.persistence.testsupport.NatsIntegrationTest;
import dev.cim.persistence.testsupport.NatsTestServer;
import io.nats.client.Connection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import dev.cim.persistence.repository.support.EventStore;

/**
 * The projection runner against a real nats-server: every entry is the fold of its
 * aggregate's events, whatever stops, crashes and redeliveries happen in between. The
 * tests share the {@link Balance} projection and each checks its own ledgers.
 */
@NatsIntegrationTest
class ProjectionRunnerIntegrationTests {

	private static final NatsRepositoryConfig CONFIG = NatsRepositoryConfig.defaults();

	private static final Duration WAIT = Duration.ofSeconds(60);

	private static NatsTestServer server;

	private static Ledgers ledgers;

	private static ReadModelStore store;

	private final AtomicInteger applied = new AtomicInteger();

	private ProjectionRunner runner;

	@BeforeAll
	static void provision(NatsTestServer natsServer) throws Exception {
		server = natsServer;
		Connection connection = server.connect();
		new JetStreamProvisioner(connection, CONFIG).provision();
		ledgers = new Ledgers(new EventStore(connection, CONFIG));
		store = new ReadModelStore(connection, CONFIG);
	}

	@BeforeEach
	void resetCount() {
		this.applied.set(0);
	}

	@AfterEach
	void stopRunner() {
		if (this.runner != null) {
			this.runner.stop();
		}
	}

	@Test
	void tenThousandEventsOverAHundredAggregatesFoldIntoTheirEntries() throws Exception {
		List<String> ids = ids("fold", 100);
		long last = ledgers.appendRounds(ids, 10, 10);
		this.runner = runner(server.connect(), ProjectionObserver.NONE);
		this.runner.start();
		this.runner.awaitSequence(Balance.class, last, WAIT);
		assertFolded(ids);
		org.awaitility.Awaitility.await()
			.atMost(WAIT)
			.until(() -> this.runner.status("Balance").orElseThrow().state() == ProjectionState.LIVE);
		ProjectionStatus status = this.runner.status("Balance").orElseThrow();
		assertThat(status.lag()).isZero();
		assertThat(status.failures()).isEmpty();
		assertThat(store.activeVersion("Balance")).contains(new ActiveVersion("v1", null));
	}

	@Test
	void stoppingMidBatchAndStartingAgainNeitherSkipsNorDoublesAnEvent() throws Exception {
		List<String> ids = ids("stop", 30);
		long last = ledgers.appendRounds(ids, 10, 10);
		AtomicReference<ProjectionRunner> first = new AtomicReference<>();
		ProjectionRunner stopping = runner(server.connect(), counting(1000, () -> first.get().requestStop()));
		first.set(stopping);
		stopping.start();
		org.awaitility.Awaitility.await()
			.atMost(WAIT)
			.until(() -> !stopping.statuses().isEmpty()
					&& stopping.statuses().get(0).state() == ProjectionState.STOPPED);
		assertThat(stopping.stop()).isTrue();
		assertThat(this.applied.get()).as("the stop took effect before the end of the events")
			.isBetween(1000, 1000 + 63);
		this.runner = runner(server.connect(), ProjectionObserver.NONE);
		this.runner.start();
		this.runner.awaitSequence("Balance", last, WAIT);
		assertFolded(ids);
	}

	@Test
	void aCrashWithEventsAppliedButNotAcknowledgedNeitherSkipsNorDoublesAnEvent() throws Exception {
		List<String> ids = ids("crash", 30);
		long last = ledgers.appendRounds(ids, 10, 10);
		Connection crashing = server.connect();
		ProjectionRunner crashed = runner(crashing, counting(1000, () -> closeQuietly(crashing)));
		crashed.start();
		org.awaitility.Awaitility.await().atMost(WAIT).until(() -> crashing.getStatus() == Connection.Status.CLOSED);
		crashed.stop();
		assertThat(this.applied.get()).isLessThan(3000);
		this.runner = runner(server.connect(), ProjectionObserver.NONE);
		this.runner.start();
		this.runner.awaitSequence("Balance", last, WAIT);
		assertFolded(ids);
	}

	@Test
	void replayingEveryEventFromTheStartChangesNothing() throws Exception {
		List<String> ids = ids("replay", 10);
		long last = ledgers.appendRounds(ids, 5, 10);
		this.runner = runner(server.connect(), ProjectionObserver.NONE);
		this.runner.start();
		this.runner.awaitSequence("Balance", last, WAIT);
		this.runner.stop();
		Connection connection = server.connect();
		connection.jetStreamManagement().deleteConsumer(CONFIG.eventStreamName(), "cim-rm-Balance-v1");
		AtomicInteger skipped = new AtomicInteger();
		this.runner = runner(connection, new ProjectionObserver() {
			@Override
			public void skipped(String projection, long sequence) {
				skipped.incrementAndGet();
			}
		});
		this.runner.start();
		this.runner.awaitSequence("Balance", last, WAIT);
		assertThat(skipped.get()).isGreaterThanOrEqualTo(500);
		assertFolded(ids);
	}

	@Test
	void awaitSequenceReturnsOnceTheWrittenStateCanBeRead() throws Exception {
		this.runner = runner(server.connect(), ProjectionObserver.NONE);
		this.runner.start();
		String id = Ledgers.newId("ryw");
		ledgers.append(id, new Opened("owner-" + id));
		long sequence = ledgers.append(id, new Credited(25));
		this.runner.awaitSequence(Balance.class, sequence, WAIT);
		assertThat(store.findById(Balance.class, id)).contains(new Balance(id, "owner-" + id, 25, 2, 2));
		assertThat(store.findEntryById(Balance.class, id).orElseThrow().metadata().lastSequence()).isEqualTo(sequence);
	}

	@Test
	void awaitSequenceOfAnEventTheProjectionDoesNotHandleReturnsOnceTheEventsBeforeItAreApplied() throws Exception {
		String opened = Ledgers.newId("opened");
		String audited = Ledgers.newId("audit");
		ledgers.append(opened, new Opened("owner-" + opened));
		long sequence = ledgers.append(audited, new Audited("auditor"));
		this.runner = runner(server.connect(), ProjectionObserver.NONE);
		this.runner.start();
		this.runner.awaitSequence("Balance", sequence, WAIT);
		assertThat(store.findById(Balance.class, opened)).as("the handled event before the awaited one")
			.contains(ledgers.expectedBalance(opened));
		assertThat(store.findById(Balance.class, audited)).isEmpty();
		assertThatExceptionOfType(ProjectionTimeoutException.class)
			.isThrownBy(() -> this.runner.awaitSequence("Balance", sequence + 1000, Duration.ofMillis(300)))
			.satisfies((ex) -> assertThat(ex.getReached()).as("the position covers the unhandled event")
				.isGreaterThanOrEqualTo(sequence));
	}

	@Test
	void awaitSequenceTimesOutWhenTheSequenceNeverComes() throws Exception {
		this.runner = runner(server.connect(), ProjectionObserver.NONE);
		this.runner.start();
		long beyond = ledgers.append(Ledgers.newId("never"), new Opened("x")) + 1000;
		assertThatExceptionOfType(ProjectionTimeoutException.class)
			.isThrownBy(() -> this.runner.awaitSequence("Balance", beyond, Duration.ofMillis(300)))
			.satisfies((ex) -> {
				assertThat(ex.getProjection()).isEqualTo("Balance");
				assertThat(ex.getSequence()).isEqualTo(beyond);
				assertThat(ex.getReached()).isLessThan(beyond);
			});
	}

	@Test
	void anEventReturningNullDeletesTheEntryAndALaterRedeliveryDoesNotRecreateIt() throws Exception {
		this.runner = runner(server.connect(), ProjectionObserver.NONE);
		this.runner.start();
		String id = Ledgers.newId("closed");
		ledgers.append(id, new Opened("o"));
		long sequence = ledgers.append(id, new Closed());
		this.runner.awaitSequence("Balance", sequence, WAIT);
		assertThat(store.findById(Balance.class, id)).isEmpty();
		assertThat(store.read(ReadModelKeys.entry("Balance", "v1", id)).orElseThrow().metadata().lastSequence())
			.as("a tombstone keeps the sequence")
			.isEqualTo(sequence);
	}

	@Test
	void theStatusIsRecordedInTheStatusBucket() throws Exception {
		this.runner = runner(server.connect(), ProjectionObserver.NONE);
		this.runner.start();
		long sequence = ledgers.append(Ledgers.newId("status"), new Opened("o"));
		this.runner.awaitSequence("Balance", sequence, WAIT);
		org.awaitility.Awaitility.await()
			.atMost(WAIT)
			.untilAsserted(() -> assertThat(this.runner.statusStore().find("Balance")).hasValueSatisfying((status) -> {
				assertThat(status.state()).isEqualTo(ProjectionState.LIVE);
				assertThat(status.lastSequence()).isGreaterThanOrEqualTo(sequence);
				assertThat(status.slot()).isEqualTo("v1");
			}));
	}

	private static void assertFolded(List<String> ids) {
		for (String id : ids) {
			assertThat(store.findById(Balance.class, id)).as(id).contains(ledgers.expectedBalance(id));
		}
	}

	private ProjectionRunner runner(Connection connection, ProjectionObserver observer) {
		ProjectionOptions options = ProjectionOptions.builder()
			.batchSize(64)
			.fetchTimeout(Duration.ofSeconds(1))
			.ackWait(Duration.ofSeconds(2))
			.build();
		return new ProjectionRunner(connection, CONFIG, List.of(ReadModelDefinition.of(Balance.class)), options,
				observer);
	}

	private ProjectionObserver counting(int at, Runnable action) {
		return new ProjectionObserver() {
			@Override
			public void applied(String projection, String eventType, long sequence) {
				if (ProjectionRunnerIntegrationTests.this.applied.incrementAndGet() == at) {
					action.run();
				}
			}
		};
	}

	private static List<String> ids(String prefix, int count) {
		String run = Ledgers.newId(prefix);
		return IntStream.range(0, count).mapToObj((i) -> run + "-" + i).toList();
	}

	private static void closeQuietly(Connection connection) {
		try {
			connection.close();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
