package dev.cim.persistence.faults;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import dev.cim.persistence.nats.JetStreamProvisioner;
import dev.cim.persistence.nats.NatsRepositoryConfig;
import dev.cim.persistence.testsupport.NatsTestCluster;
import dev.cim.persistence.testsupport.ClusterNode;
import io.nats.client.Connection;
import io.nats.client.JetStreamManagement;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import dev.cim.persistence.repository.AggregateMetadata;
import dev.cim.persistence.repository.LoadOptions;
import dev.cim.persistence.repository.LoadedAggregate;
import dev.cim.persistence.repository.RepositoryObserver;
import dev.cim.persistence.repository.SaveOptions;
import dev.cim.persistence.repository.VersionConflictException;
import dev.cim.persistence.repository.support.NatsRepository;
import dev.cim.persistence.repository.support.NatsRepositoryFactory;

/**
 * The repository on a three-node JetStream cluster (every stream and bucket with three
 * replicas) while nodes are killed, paused and restarted under continuous saves. Every
 * test keeps a {@link SaveLedger} of what its saves were told and compares it with the
 * stream: nothing acknowledged is lost, nothing refused as a conflict is stored, nothing
 * is stored twice, every chain verifies, and the same repository objects keep working.
 *
 * <p>
 * The short form runs in the normal build; {@code -Dcim.faults.long=true} runs more
 * writers for longer.
 */
class ClusterFaultIntegrationTests {

	static final boolean LONG = Boolean.getBoolean("cim.faults.long");

	static final NatsRepositoryConfig CONFIG = NatsRepositoryConfig.builder()
		.replicas(3)
		.snapshotEvery(25)
		.publishTimeout(Duration.ofSeconds(2))
		.build();

	static final Duration WAIT = Duration.ofSeconds(120);

	private static final int THREADS = LONG ? 6 : 3;

	private static final int AGGREGATES_PER_THREAD = LONG ? 5 : 2;

	private static final int SAVES_PER_PHASE = LONG ? 1500 : 60;

	private static NatsTestCluster cluster;

	private static Connection connection;

	private static JetStreamManagement management;

	private static NatsRepository<Tally> repository;

	@BeforeAll
	static void startCluster() throws Exception {
		cluster = NatsTestCluster.start();
		connection = cluster.connect();
		new JetStreamProvisioner(connection, CONFIG).provision();
		management = connection.jetStreamManagement();
		cluster.awaitStreamLeaders(management, WAIT);
		repository = repository(connection);
	}

	@AfterEach
	void restoreCluster() {
		cluster.restoreAll();
	}

	@AfterAll
	static void stopCluster() {
		if (cluster != null) {
			cluster.close();
		}
	}

	static NatsRepository<Tally> repository(Connection connection) {
		return NatsRepositoryFactory.builder(connection, CONFIG)
			.observer(RepositoryObserver.NONE)
			.build()
			.getRepository(Tally.class);
	}

	@Test
	void competingWritersOnOneAggregateGetExactlyOneSuccessPerVersion() throws Exception {
		Connection first = cluster.connectFirstTo(cluster.node("n1"));
		Connection second = cluster.connectFirstTo(cluster.node("n2"));
		assertThat(first.getConnectedUrl()).isNotEqualTo(second.getConnectedUrl());
		List<NatsRepository<Tally>> writers = List.of(repository(first), repository(second));
		String id = "compete-" + UUID.randomUUID().toString().substring(0, 8);
		SaveLedger ledger = new SaveLedger();
		Tally created = Tally.blank();
		String createOp = UUID.randomUUID().toString();
		AggregateMetadata start = writers.get(0)
			.save(created, Tally.start(id, createOp), SaveOptions.defaults())
			.metadata();
		ledger.acknowledged(createOp, id, 1, start.headCid());
		int rounds = LONG ? 500 : 40;
		ExecutorService pool = Executors.newFixedThreadPool(2);
		try {
			for (int round = 0; round < rounds; round++) {
				CyclicBarrier barrier = new CyclicBarrier(2);
				List<Future<Outcome>> outcomes = new ArrayList<>();
				for (NatsRepository<Tally> writer : writers) {
					// A load is answered by any replica, and one may not have applied the
					// last save yet: wait until both writers see the same version.
					long version = round + 1;
					LoadedAggregate<Tally> loaded = Awaitility.await()
						.atMost(WAIT)
						.until(() -> writer.load(id, LoadOptions.defaults().withoutCache()),
								(candidate) -> candidate.metadata().version() == version);
					outcomes.add(pool.submit(() -> {
						String op = UUID.randomUUID().toString();
						barrier.await();
						try {
							AggregateMetadata saved = writer
								.save(loaded, loaded.aggregate().add(op, 1), SaveOptions.defaults())
								.metadata();
							ledger.acknowledged(op, id, saved.version(), saved.headCid());
							return Outcome.SAVED;
						}
						catch (VersionConflictException ex) {
							ledger.conflict(op);
							assertThat(ex.getExpectedVersion()).isEqualTo(loaded.metadata().version());
							return Outcome.CONFLICT;
						}
					}));
				}
				List<Outcome> results = new ArrayList<>();
				for (Future<Outcome> outcome : outcomes) {
					results.add(outcome.get());
				}
				assertThat(results).as("round %d", round).containsExactlyInAnyOrder(Outcome.SAVED, Outcome.CONFLICT);
			}
		}
		finally {
			pool.shutdownNow();
		}
		SaveLedger.Comparison stored = ledger.compareWith(connection, CONFIG, id);
		assertThat(stored.stored()).isEqualTo(rounds + 1);
		assertThat(ledger.conflictCount()).isEqualTo(rounds);
		assertThat(repository.verify(id).valid()).isTrue();
		FaultResults.record("competing writers", ledger, stored, null);
	}

	@Test
	void killingAFollowerAndThenTheStreamLeaderLosesNoAcknowledgedSave() throws Exception {
		String prefix = "kill-" + UUID.randomUUID().toString().substring(0, 6);
		SaveLedger ledger = new SaveLedger();
		Long leaderRecovery = null;
		try (Writers writers = new Writers(repository, ledger, prefix, THREADS, AGGREGATES_PER_THREAD, !LONG).start()) {
			writers.awaitMoreAcknowledged(SAVES_PER_PHASE, WAIT);
			ClusterNode leader = cluster.streamLeader(management, CONFIG.eventStreamName(), WAIT);
			ClusterNode follower = cluster.nodes().stream().filter((node) -> node != leader).findFirst().orElseThrow();
			follower.kill();
			writers.awaitMoreAcknowledged(SAVES_PER_PHASE, WAIT);
			follower.restart();
			writers.awaitMoreAcknowledged(SAVES_PER_PHASE, WAIT);
			ClusterNode current = cluster.streamLeader(management, CONFIG.eventStreamName(), WAIT);
			long killed = System.nanoTime();
			current.kill();
			writers.awaitMoreAcknowledged(SAVES_PER_PHASE, WAIT);
			current.restart();
			writers.awaitMoreAcknowledged(SAVES_PER_PHASE, WAIT);
			// Measured at the end, when every writer had time to save again.
			leaderRecovery = writers.allRecoveredMillis(killed).orElse(-1);
		}
		cluster.awaitReady();
		checkEverything(prefix, ledger, "kill follower, then leader", leaderRecovery);
	}

	@Test
	void aRollingRestartUnderLoadLosesNoAcknowledgedSave() throws Exception {
		String prefix = "roll-" + UUID.randomUUID().toString().substring(0, 6);
		SaveLedger ledger = new SaveLedger();
		try (Writers writers = new Writers(repository, ledger, prefix, THREADS, AGGREGATES_PER_THREAD, !LONG).start()) {
			writers.awaitMoreAcknowledged(SAVES_PER_PHASE, WAIT);
			for (ClusterNode node : cluster.nodes()) {
				node.kill();
				writers.awaitMoreAcknowledged(SAVES_PER_PHASE / 2, WAIT);
				node.restart();
				writers.awaitMoreAcknowledged(SAVES_PER_PHASE / 2, WAIT);
			}
		}
		cluster.awaitReady();
		checkEverything(prefix, ledger, "rolling restart", null);
	}

	@Test
	void pausingTheStreamLeaderLosesNothingAndAcceptsNoSaveOnAStaleHead() throws Exception {
		String prefix = "pause-" + UUID.randomUUID().toString().substring(0, 6);
		SaveLedger ledger = new SaveLedger();
		Long recovery;
		int duringPause;
		ClusterNode leader = cluster.streamLeader(management, CONFIG.eventStreamName(), WAIT);
		ClusterNode follower = cluster.nodes().stream().filter((node) -> node != leader).findFirst().orElseThrow();
		// Connected to a node that stays up: a client of the frozen node itself sees its
		// requests time out until the node resumes.
		NatsRepository<Tally> writing = repository(cluster.connectFirstTo(follower));
		try (Writers writers = new Writers(writing, ledger, prefix, THREADS, AGGREGATES_PER_THREAD, !LONG).start()) {
			writers.awaitMoreAcknowledged(SAVES_PER_PHASE, WAIT);
			leader.pause();
			long paused = System.nanoTime();
			int before = ledger.acknowledgedCount();
			try {
				Thread.sleep(Duration.ofSeconds(15).toMillis());
			}
			finally {
				leader.resume();
			}
			duringPause = ledger.acknowledgedCount() - before;
			writers.awaitMoreAcknowledged(SAVES_PER_PHASE, WAIT);
			recovery = writers.firstRecoveryMillis(paused).orElse(-1);
		}
		cluster.awaitReady();
		checkEverything(prefix, ledger, "pause leader 15 s (acknowledged during the pause: " + duringPause + ")",
				recovery);
	}

	private static void checkEverything(String prefix, SaveLedger ledger, String scenario, Long recoveryMillis)
			throws Exception {
		SaveLedger.Comparison stored = ledger.compareWith(connection, CONFIG, prefix);
		List<String> ids = stored.byOp().values().stream().map(SaveLedger.Stored::id).distinct().toList();
		assertThat(ids).isNotEmpty();
		for (String id : ids) {
			assertThat(repository.verify(id).problems()).as("chain of %s", id).isEmpty();
			LoadedAggregate<Tally> loaded = repository.load(id, LoadOptions.defaults().withoutCache());
			long events = stored.byOp().values().stream().filter((event) -> event.id().equals(id)).count();
			assertThat(loaded.metadata().version()).as("version of %s", id).isEqualTo(events);
			assertThat(loaded.aggregate().count()).as("events folded into %s", id).isEqualTo(events);
		}
		FaultResults.record(scenario, ledger, stored, recoveryMillis);
		// The same repository keeps working after the faults.
		String id = ids.get(0);
		LoadedAggregate<Tally> loaded = repository.load(id);
		Tally tally = loaded.aggregate();
		String op = UUID.randomUUID().toString();
		AggregateMetadata saved = repository.save(loaded, tally.add(op, 1), SaveOptions.defaults()).metadata();
		assertThat(saved.version()).isEqualTo(tally.count());
	}

	enum Outcome {

		SAVED, CONFLICT

	}

}
