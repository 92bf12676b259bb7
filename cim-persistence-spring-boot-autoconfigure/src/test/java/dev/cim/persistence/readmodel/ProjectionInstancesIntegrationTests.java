package dev.cim.persistence.readmodel;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;

import dev.cim.persistence.nats.NatsRepositoryConfig;
import dev.cim.persistence.testsupport.NatsIntegrationTest;
import dev.cim.persistence.testsupport.ProvisionedStore;
import dev.cim.persistence.testsupport.NatsTestServer;
import io.nats.client.Connection;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import dev.cim.persistence.repository.support.EventStore;

/**
 * Several application instances run the same projection against one server, each with a
 * connection of its own, while events are written: every entry ends as the fold of its
 * events, computed from the written history without the read model, whatever instance
 * applied them and when one of them dies.
 */
@NatsIntegrationTest
class ProjectionInstancesIntegrationTests {

	private static NatsRepositoryConfig config;

	private static final Duration WAIT = Duration.ofSeconds(90);

	private static final ProjectionOptions OPTIONS = ProjectionOptions.builder()
		.batchSize(32)
		.ackWait(Duration.ofSeconds(5))
		.pinnedTtl(Duration.ofSeconds(2))
		.build();

	private static NatsTestServer server;

	private static ReadModelStore store;

	private final List<ProjectionRunner> runners = new ArrayList<>();

	private final List<Connection> connections = new ArrayList<>();

	@BeforeAll
	static void provision(NatsTestServer natsServer, ProvisionedStore provisioned) {
		server = natsServer;
		config = provisioned.config();
		store = new ReadModelStore(provisioned.connection(), config);
	}

	@AfterEach
	void stopInstances() throws Exception {
		for (ProjectionRunner runner : this.runners) {
			runner.stop();
		}
		for (Connection connection : this.connections) {
			connection.close();
		}
	}

	@Test
	void twoInstancesFoldEveryEntryWhileEventsAreWritten() throws Exception {
		Ledgers ledgers = new Ledgers(new EventStore(connect(), config));
		List<String> ids = ids("two", 60);
		instance(ProjectionObserver.NONE).start();
		instance(ProjectionObserver.NONE).start();
		long last = writeConcurrently(ledgers, ids, 12).get();
		this.runners.get(0).awaitSequence(Balance.class, last, WAIT);
		assertFolded(ledgers, ids);
	}

	@Test
	void threeInstancesFoldEveryEntryWhenOneIsKilledMidway() throws Exception {
		Ledgers ledgers = new Ledgers(new EventStore(connect(), config));
		List<String> ids = ids("three", 60);
		AtomicInteger appliedByVictim = new AtomicInteger();
		AtomicReference<Connection> victimConnection = new AtomicReference<>();
		// The first instance to apply events is killed in the middle of a batch: its
		// connection goes away without draining, with events applied but not
		// acknowledged and events not yet applied in hand.
		ProjectionObserver killer = new ProjectionObserver() {
			@Override
			public void applied(String projection, String eventType, long sequence) {
				if (appliedByVictim.incrementAndGet() == 50) {
					closeQuietly(victimConnection.get());
				}
			}
		};
		ProjectionRunner victim = instance(killer, OPTIONS);
		victimConnection.set(this.connections.get(this.connections.size() - 1));
		victim.start();
		CompletableFuture<Long> writing = writeConcurrently(ledgers, ids, 12);
		Awaitility.await().atMost(WAIT).until(() -> appliedByVictim.get() > 0);
		instance(ProjectionObserver.NONE, OPTIONS).start();
		instance(ProjectionObserver.NONE, OPTIONS).start();
		long last = writing.get();
		Awaitility.await().atMost(WAIT).until(() -> victimConnection.get().getStatus() == Connection.Status.CLOSED);
		this.runners.get(1).awaitSequence(Balance.class, last, WAIT);
		assertFolded(ledgers, ids);
	}

	@Test
	void threeInstancesFoldEveryEntryWhenOneIsKilledBeforeWritingItsBatch() throws Exception {
		Ledgers ledgers = new Ledgers(new EventStore(connect(), config));
		List<String> ids = ids("unwritten", 60);
		ProjectionRunner victim = instance(ProjectionObserver.NONE, OPTIONS, PausableBalance.class);
		Connection victimConnection = this.connections.get(this.connections.size() - 1);
		victim.start();
		long first = ledgers.appendRounds(ids, 1, 3);
		victim.awaitSequence(PausableBalance.class, first, WAIT);
		instance(ProjectionObserver.NONE, OPTIONS, PausableBalance.class).start();
		instance(ProjectionObserver.NONE, OPTIONS, PausableBalance.class).start();
		// The instance consuming loses its connection while it applies a batch: the
		// batch is delivered to it and neither written nor acknowledged.
		PausableBalance.NEXT_CALL.set(() -> closeQuietly(victimConnection));
		ledgers.appendMore(ids, 3);
		Awaitility.await().atMost(WAIT).until(() -> victimConnection.getStatus() == Connection.Status.CLOSED);
		// Newer events of the same entries arrive while the lost batch waits for its ack
		// wait: another instance takes over and must apply the lost batch first.
		long last = writeConcurrently(ledgers, ids, 8, false).get();
		this.runners.get(1).awaitSequence(PausableBalance.class, last, WAIT);
		assertPausableFolded(ledgers, ids);
	}

	@Test
	void anInstancePausedMidBatchThatLostTheConsumerWritesNothingStale() throws Exception {
		Ledgers ledgers = new Ledgers(new EventStore(connect(), config));
		List<String> ids = ids("paused", 40);
		ProjectionOptions options = ProjectionOptions.builder()
			.batchSize(32)
			.ackWait(Duration.ofSeconds(30))
			.pinnedTtl(Duration.ofSeconds(2))
			.build();
		AtomicInteger appliedLate = new AtomicInteger();
		AtomicInteger skippedLate = new AtomicInteger();
		AtomicBoolean released = new AtomicBoolean();
		ProjectionRunner paused = instance(new ProjectionObserver() {
			@Override
			public void applied(String projection, String eventType, long sequence) {
				if (released.get()) {
					appliedLate.incrementAndGet();
				}
			}

			@Override
			public void skipped(String projection, long sequence) {
				if (released.get()) {
					skippedLate.incrementAndGet();
				}
			}
		}, options, PausableBalance.class);
		paused.start();
		long first = ledgers.appendRounds(ids, 1, 3);
		paused.awaitSequence(PausableBalance.class, first, WAIT);
		CountDownLatch pause = new CountDownLatch(1);
		CountDownLatch hasPaused = new CountDownLatch(1);
		PausableBalance.pauseNextCall(pause, hasPaused);
		try {
			ledgers.appendMore(ids, 3);
			assertThat(hasPaused.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
			// The paused instance holds a batch read but not written. Another instance
			// takes the consumer over once the pinned TTL has passed, and applies
			// everything, the paused batch included.
			ProjectionRunner other = instance(ProjectionObserver.NONE, options, PausableBalance.class);
			other.start();
			long last = ledgers.appendMore(ids, 3);
			other.awaitSequence(PausableBalance.class, last, WAIT);
			assertPausableFolded(ledgers, ids);
		}
		finally {
			released.set(true);
			pause.countDown();
		}
		// The paused instance wakes up and writes its batch: every write finds its entry
		// moved on, and its events are skipped.
		Awaitility.await().atMost(WAIT).until(() -> skippedLate.get() + appliedLate.get() > 0);
		assertThat(paused.stop()).isTrue();
		assertThat(appliedLate.get()).as("events the paused instance applied after waking up").isZero();
		assertPausableFolded(ledgers, ids);
	}

	private CompletableFuture<Long> writeConcurrently(Ledgers ledgers, List<String> ids, int rounds) {
		return writeConcurrently(ledgers, ids, rounds, true);
	}

	private CompletableFuture<Long> writeConcurrently(Ledgers ledgers, List<String> ids, int rounds, boolean open) {
		return CompletableFuture.supplyAsync(() -> {
			long last = 0;
			for (int round = 0; round < rounds; round++) {
				last = (open && round == 0) ? ledgers.appendRounds(ids, 1, 3) : ledgers.appendMore(ids, 3);
			}
			return last;
		});
	}

	private ProjectionRunner instance(ProjectionObserver observer) throws Exception {
		return instance(observer, OPTIONS);
	}

	private ProjectionRunner instance(ProjectionObserver observer, ProjectionOptions options) throws Exception {
		return instance(observer, options, Balance.class);
	}

	private ProjectionRunner instance(ProjectionObserver observer, ProjectionOptions options, Class<?> readModel)
			throws Exception {
		ProjectionRunner runner = new ProjectionRunner(connect(), config, List.of(ReadModelDefinition.of(readModel)),
				options, observer);
		this.runners.add(runner);
		return runner;
	}

	private static void closeQuietly(Connection connection) {
		try {
			connection.close();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private Connection connect() throws Exception {
		Connection connection = server.connect();
		this.connections.add(connection);
		return connection;
	}

	private static void assertFolded(Ledgers ledgers, List<String> ids) {
		List<String> wrong = new ArrayList<>();
		for (String id : ids) {
			Balance expected = ledgers.expectedBalance(id);
			Balance actual = store.findById(Balance.class, id).orElse(null);
			if (!expected.equals(actual)) {
				wrong.add(id + ": expected " + expected + " but was " + actual);
			}
		}
		assertThat(wrong).as("entries that differ from the fold of their events").isEmpty();
	}

	private static void assertPausableFolded(Ledgers ledgers, List<String> ids) {
		List<String> wrong = new ArrayList<>();
		for (String id : ids) {
			Balance expected = ledgers.expectedBalance(id);
			Balance actual = store.findById(PausableBalance.class, id).map(PausableBalance::asBalance).orElse(null);
			if (!expected.equals(actual)) {
				wrong.add(id + ": expected " + expected + " but was " + actual);
			}
		}
		assertThat(wrong).as("entries that differ from the fold of their events").isEmpty();
	}

	private static List<String> ids(String prefix, int count) {
		String run = Ledgers.newId(prefix);
		return IntStream.range(0, count).mapToObj((i) -> run + "-" + i).toList();
	}

}
