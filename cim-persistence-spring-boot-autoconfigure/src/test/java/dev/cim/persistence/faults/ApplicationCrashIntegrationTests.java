package dev.cim.persistence.faults;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cim.persistence.event.StoreObjectMappers;
import dev.cim.persistence.nats.JetStreamProvisioner;
import dev.cim.persistence.nats.NatsRepositoryConfig;
import dev.cim.persistence.readmodel.ProjectionObserver;
import dev.cim.persistence.readmodel.ProjectionOptions;
import dev.cim.persistence.readmodel.ProjectionRunner;
import dev.cim.persistence.readmodel.ReadModelDefinition;
import dev.cim.persistence.readmodel.ReadModelStore;
import dev.cim.persistence.testsupport.NatsTestCluster;
import dev.cim.persistence.testsupport.ClusterNode;
import io.nats.client.Connection;
import io.nats.client.api.MessageInfo;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import dev.cim.persistence.repository.AggregateMetadata;
import dev.cim.persistence.repository.AggregateNotFoundException;
import dev.cim.persistence.repository.LoadOptions;
import dev.cim.persistence.repository.LoadedAggregate;
import dev.cim.persistence.repository.SaveOptions;
import dev.cim.persistence.repository.support.AppendResult;
import dev.cim.persistence.repository.support.EventHead;
import dev.cim.persistence.repository.support.EventStore;
import dev.cim.persistence.repository.support.NatsRepository;
import dev.cim.persistence.repository.support.NewEvent;

/**
 * An application that dies between its writes, on a three-node cluster: after the events
 * of a save are stored but before its state is written, right after saves are
 * acknowledged, and in the middle of a projection batch (while the stream leader is
 * killed). After a restart nothing is lost and nothing is applied twice.
 */
class ApplicationCrashIntegrationTests {

	private static final NatsRepositoryConfig CONFIG = ClusterFaultIntegrationTests.CONFIG;

	private static final Duration WAIT = ClusterFaultIntegrationTests.WAIT;

	private static final ObjectMapper EVENTS = StoreObjectMappers.forEvents();

	private static NatsTestCluster cluster;

	@BeforeAll
	static void startCluster() throws Exception {
		cluster = NatsTestCluster.start();
		Connection connection = cluster.connect();
		new JetStreamProvisioner(connection, CONFIG).provision();
		// The projection runner creates its status bucket when it first starts; new
		// replicated streams answer nothing until they have a leader.
		Awaitility.await().atMost(WAIT).ignoreExceptions().until(() -> {
			ProjectionRunner first = runner(cluster.connect(), ProjectionObserver.NONE);
			try {
				first.start();
				return true;
			}
			finally {
				first.stop();
			}
		});
		cluster.awaitStreamLeaders(connection.jetStreamManagement(), WAIT);
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

	@Test
	void eventsStoredWithoutTheirStateAreFoldedOnTheNextLoadAndTheStateIsRepaired() throws Exception {
		String id = "nostate-" + UUID.randomUUID().toString().substring(0, 8);
		Connection dying = cluster.connect();
		NatsRepository<Tally> before = ClusterFaultIntegrationTests.repository(dying);
		Tally tally = Tally.blank();
		LoadedAggregate<Tally> current = before.save(tally, Tally.start(id, "op-0"), SaveOptions.defaults());
		for (int i = 1; i < 5; i++) {
			current = before.save(current, tally.add("op-" + i, 1), SaveOptions.defaults());
		}
		assertThat(before.flush(WAIT)).isTrue();
		// Usually 5; lower when a state write met a replica that had not applied the one
		// before it (the write is then left to the next load, a cache) or a direct get is
		// answered by such a replica. Either way the state is behind the events below.
		assertThat(stateVersion(dying, id)).isBetween(1L, 5L);
		// The process stores three more events and dies before it writes their state.
		EventStore events = new EventStore(dying, CONFIG);
		EventHead head = events.head(before.getDescriptor().ref(id)).orElseThrow();
		List<NewEvent> counted = new ArrayList<>();
		for (int i = 5; i < 8; i++) {
			counted.add(NewEvent.of("Counted", EVENTS.valueToTree(new Tally.Counted("op-" + i, 1))));
		}
		AppendResult appended = events.append(before.getDescriptor().ref(id), head, counted);
		assertThat(appended.head().version()).isEqualTo(8);
		dying.close();

		Connection restarted = cluster.connect();
		NatsRepository<Tally> after = ClusterFaultIntegrationTests.repository(restarted);
		LoadedAggregate<Tally> loaded = after.load(id);
		assertThat(loaded.metadata().version()).isEqualTo(8);
		assertThat(loaded.aggregate().count()).isEqualTo(8);
		assertThat(loaded.aggregate().sum()).isEqualTo(7);
		assertThat(after.flush(WAIT)).isTrue();
		Awaitility.await().atMost(WAIT).until(() -> stateVersion(restarted, id) == 8);
		AggregateMetadata saved = after.save(loaded, loaded.aggregate().add("op-8", 1), SaveOptions.defaults())
			.metadata();
		assertThat(saved.version()).isEqualTo(9);
		assertThat(after.verify(id).problems()).isEmpty();
	}

	@Test
	void connectionsClosedRightAfterTheirSavesLoseNothing() throws Exception {
		String prefix = "closed-" + UUID.randomUUID().toString().substring(0, 6);
		SaveLedger ledger = new SaveLedger();
		int saves = ClusterFaultIntegrationTests.LONG ? 200 : 24;
		for (int i = 0; i < saves; i++) {
			String id = prefix + "-" + (i % 4);
			Connection dying = cluster.connect();
			NatsRepository<Tally> repository = ClusterFaultIntegrationTests.repository(dying);
			String op = UUID.randomUUID().toString();
			AggregateMetadata saved;
			try {
				LoadedAggregate<Tally> loaded = repository.load(id);
				saved = repository.save(loaded, loaded.aggregate().add(op, 1), SaveOptions.defaults()).metadata();
			}
			catch (AggregateNotFoundException ex) {
				saved = repository.save(Tally.blank(), Tally.start(id, op), SaveOptions.defaults()).metadata();
			}
			ledger.acknowledged(op, id, saved.version(), saved.headCid());
			// Dies before the state and snapshot writes of the save are acknowledged.
			dying.close();
		}
		Connection restarted = cluster.connect();
		NatsRepository<Tally> repository = ClusterFaultIntegrationTests.repository(restarted);
		SaveLedger.Comparison stored = ledger.compareWith(restarted, CONFIG, prefix);
		assertThat(stored.stored()).isEqualTo(saves);
		for (int k = 0; k < 4; k++) {
			String id = prefix + "-" + k;
			LoadedAggregate<Tally> loaded = repository.load(id);
			assertThat(loaded.aggregate().count()).isEqualTo(loaded.metadata().version()).isEqualTo(saves / 4);
			assertThat(repository.verify(id).problems()).isEmpty();
		}
		FaultResults.record("connection closed after each save", ledger, stored, null);
	}

	@Test
	void aProjectionCrashedMidBatchWhileTheStreamLeaderIsKilledNeitherSkipsNorDoublesAnEvent() throws Exception {
		String prefix = "view-" + UUID.randomUUID().toString().substring(0, 6);
		Connection connection = cluster.connect();
		NatsRepository<Tally> repository = ClusterFaultIntegrationTests.repository(connection);
		List<String> ids = new ArrayList<>();
		long last = 0;
		for (int k = 0; k < 20; k++) {
			String id = prefix + "-" + k;
			ids.add(id);
			Tally tally = Tally.blank();
			LoadedAggregate<Tally> created = repository.save(tally, Tally.start(id, UUID.randomUUID().toString()),
					SaveOptions.defaults());
			List<Tally.TallyEvent> batch = new ArrayList<>();
			for (int i = 0; i < 9; i++) {
				batch.add(new Tally.Counted(UUID.randomUUID().toString(), k + i));
			}
			last = repository.save(created, batch, SaveOptions.defaults()).metadata().sequence();
		}
		Connection crashing = cluster.connect();
		AtomicInteger applied = new AtomicInteger();
		ProjectionRunner crashed = runner(crashing, new ProjectionObserver() {
			@Override
			public void applied(String projection, String eventType, long sequence) {
				if (applied.incrementAndGet() == 100) {
					try {
						crashing.close();
					}
					catch (InterruptedException ex) {
						Thread.currentThread().interrupt();
					}
				}
			}
		});
		crashed.start();
		Awaitility.await().atMost(WAIT).until(() -> crashing.getStatus() == Connection.Status.CLOSED);
		crashed.stop();
		assertThat(applied.get()).as("the crash came before the end of the events").isLessThan(200);

		ProjectionRunner runner = runner(cluster.connect(), ProjectionObserver.NONE);
		try {
			runner.start();
			ClusterNode leader = cluster.streamLeader(connection.jetStreamManagement(), CONFIG.eventStreamName(), WAIT);
			leader.kill();
			// More events while the cluster elects a new leader.
			for (String id : ids.subList(0, 5)) {
				last = Math.max(last, saveEventually(repository, id));
			}
			leader.restart();
			runner.awaitSequence(TallyView.class, last, WAIT);
			ReadModelStore views = new ReadModelStore(connection, CONFIG);
			for (String id : ids) {
				Tally tally = repository.load(id, LoadOptions.defaults().withoutCache()).aggregate();
				LoadedAggregate<Tally> loaded = repository.load(id);
				assertThat(views.findById(TallyView.class, id)).as("view of %s", id)
					.contains(new TallyView(id, tally.count(), tally.sum(), loaded.metadata().version()));
			}
		}
		finally {
			runner.stop();
		}
	}

	private static long saveEventually(NatsRepository<Tally> repository, String id) {
		long deadline = System.nanoTime() + WAIT.toNanos();
		while (true) {
			try {
				LoadedAggregate<Tally> loaded = repository.load(id, LoadOptions.defaults().withoutCache());
				Tally tally = loaded.aggregate();
				return repository.save(loaded, tally.add(UUID.randomUUID().toString(), 1), SaveOptions.defaults())
					.metadata()
					.sequence();
			}
			catch (org.springframework.dao.DataAccessException ex) {
				if (System.nanoTime() - deadline > 0) {
					throw ex;
				}
			}
		}
	}

	private static ProjectionRunner runner(Connection connection, ProjectionObserver observer) {
		ProjectionOptions options = ProjectionOptions.builder()
			.batchSize(64)
			.fetchTimeout(Duration.ofSeconds(1))
			.ackWait(Duration.ofSeconds(5))
			.build();
		return new ProjectionRunner(connection, CONFIG, List.of(ReadModelDefinition.of(TallyView.class)), options,
				observer);
	}

	private static long stateVersion(Connection connection, String id) throws Exception {
		MessageInfo state = connection.jetStreamManagement()
			.getLastMessage(CONFIG.aggregateStreamName(),
					CONFIG.subjectPrefix() + ".aggregates.faults.Tally." + id + ".state");
		return Long.parseLong(state.getHeaders().getFirst("Cim-Version"));
	}

}
