package dev.cim.persistence.repository.support;

import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.cim.persistence.autoconfigure.metrics.MicrometerRepositoryObserver;
import dev.cim.persistence.embedded.EmbeddedNatsServer;
import dev.cim.persistence.nats.JetStreamProvisioner;
import dev.cim.persistence.nats.NatsRepositoryConfig;
import dev.cim.persistence.nats.PayloadLimits;
import dev.cim.persistence.testsupport.Ids;
import dev.cim.persistence.testsupport.NatsIntegrationTest;
import dev.cim.persistence.testsupport.NatsTestServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.nats.client.Connection;
import io.nats.client.Nats;
import io.nats.client.ObjectStore;
import io.nats.client.api.ObjectInfo;
import io.nats.client.api.ObjectMeta;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import dev.cim.persistence.repository.AggregateRef;
import dev.cim.persistence.repository.EventTooLargeException;
import dev.cim.persistence.repository.LoadOptions;
import dev.cim.persistence.repository.LoadSource;
import dev.cim.persistence.repository.LoadedAggregate;
import dev.cim.persistence.repository.RepositoryObserver;

/**
 * Aggregates whose state outgrows the server's max payload, against a real nats-server
 * started with {@code max_payload: 65536}.
 */
@NatsIntegrationTest
class OversizedStateIntegrationTests {

	private static final int MAX_PAYLOAD = 64 * 1024;

	private static final int NOTE = 8_000;

	private static final NatsRepositoryConfig CONFIG = NatsRepositoryConfig.builder().snapshotEvery(10).build();

	private static final String SNAPSHOT_OBJECTS = CONFIG.snapshotObjectBucket();

	private static EmbeddedNatsServer small;

	private static final List<Connection> connections = new ArrayList<>();

	@BeforeAll
	static void startSmallServer(NatsTestServer server) throws Exception {
		small = server.startAnotherWithConfiguration("max_payload: " + MAX_PAYLOAD + "\n");
		new JetStreamProvisioner(connect(), CONFIG).provision();
	}

	@AfterAll
	static void close() throws InterruptedException {
		for (Connection connection : connections) {
			connection.close();
		}
	}

	@Test
	void theServerReportsTheSmallMaxPayload() throws Exception {
		Connection connection = connect();
		assertThat(connection.getServerInfo().getMaxPayload()).isEqualTo(MAX_PAYLOAD);
		assertThat(new PayloadLimits(connection, CONFIG).maxStateBytes())
			.isEqualTo(MAX_PAYLOAD - PayloadLimits.HEADER_ROOM);
	}

	@Test
	void theSaveThatFirstMakesTheStateTooLargeReportsSuccess() throws Exception {
		CountingObserver observer = new CountingObserver();
		NatsRepository<Dossier> repository = repository(connect(), observer);
		// Eight notes of 8,000 characters make the state larger than 64 KiB.
		String id = grown(repository, 9);
		assertThat(repository.findEvents(id, 1, Long.MAX_VALUE)).hasSize(10);
		assertThat(observer.count("cache.write.failed.state.too_large")).isPositive();
		assertThat(observer.count("save.success")).isEqualTo(10);
		LoadedAggregate<Dossier> loaded = repository(connect(), observer).load(id);
		assertThat(loaded.metadata().version()).isEqualTo(10);
		assertThat(loaded.aggregate().notes()).hasSize(9).last().isEqualTo(note(9));
	}

	@Test
	void anAggregateSeveralTimesTheMaxPayloadLoadsAndSavesAfterARestart() throws Exception {
		NatsRepository<Dossier> repository = repository(connect(), new CountingObserver());
		String id = Ids.next("d");
		Dossier dossier = Dossier.create();
		var dossierSaved = repository.save(dossier, Dossier.open(id));
		for (int i = 1; i <= 40; i++) {
			dossierSaved = repository.save(dossierSaved, dossier.note(note(i)));
		}
		assertThat(repository.flush(Duration.ofSeconds(30))).isTrue();

		// A restart: a new connection, event store and repository.
		SimpleMeterRegistry meters = new SimpleMeterRegistry();
		Connection connection = connect();
		NatsRepository<Dossier> restarted = repository(connection, new MicrometerRepositoryObserver(meters));
		LoadedAggregate<Dossier> loaded = restarted.load(id);
		assertThat(loaded.metadata().version()).isEqualTo(41);
		assertThat(loaded.metadata().source()).isEqualTo(LoadSource.SNAPSHOT);
		assertThat(loaded.aggregate().notes()).hasSize(40).last().isEqualTo(note(40));
		ObjectInfo object = connection.objectStore(SNAPSHOT_OBJECTS).getInfo(key(id));
		assertThat(object).isNotNull();
		assertThat(object.getSize()).isGreaterThan(4L * MAX_PAYLOAD);
		byte[] entry = connection.keyValue(CONFIG.snapshotBucket()).get(key(id)).getValue();
		assertThat(SnapshotPointer.decode(entry)).hasValueSatisfying((pointer) -> {
			assertThat(pointer.version()).isEqualTo(40);
			assertThat(pointer.digest()).isEqualTo(object.getDigest());
		});

		LoadedAggregate<Dossier> updated = restarted.update(id, (d) -> d.note(note(41)));
		assertThat(updated.metadata().version()).isEqualTo(42);
		assertThat(restarted.flush(Duration.ofSeconds(30))).isTrue();
		LoadedAggregate<Dossier> reloaded = restarted.load(id, LoadOptions.defaults().withoutCache());
		assertThat(reloaded.metadata().version()).isEqualTo(42);
		assertThat(reloaded.metadata().source()).isEqualTo(LoadSource.SNAPSHOT);
		assertThat(reloaded.aggregate().notes()).hasSize(41);
		assertThat(restarted.verify(id).valid()).isTrue();
		assertThat(meters.get(MicrometerRepositoryObserver.CACHE_WRITE_FAILURES)
			.tags("kind", "state", "reason", "too_large")
			.counter()
			.count()).isPositive();
		assertThat(meters.get(MicrometerRepositoryObserver.SNAPSHOTS_USED).counter().count()).isEqualTo(2);
	}

	@Test
	void theLastStateThatFittedIsNeverTakenForTheCurrentOne() throws Exception {
		Connection connection = connect();
		CountingObserver observer = new CountingObserver();
		NatsRepository<Dossier> repository = repository(connection, observer);
		String id = grown(repository, 12);
		AggregateStateStore states = new AggregateStateStore(connection, connection.jetStream(),
				connection.jetStreamManagement(), CONFIG);
		byte[] stored = states.read(AggregateRef.of("files", "Dossier", id)).orElseThrow().body();
		assertThat(stored.length).isLessThan(1024);
		assertThat(OversizedState.decode(stored)).hasValueSatisfying((marker) -> {
			assertThat(marker.id()).isEqualTo(id);
			assertThat(marker.version()).isEqualTo(13);
			assertThat(marker.size()).isGreaterThan(MAX_PAYLOAD);
		});

		assertThat(repository.findAllByIdPattern(id)).singleElement().satisfies((found) -> {
			assertThat(found.metadata().version()).isEqualTo(13);
			assertThat(found.aggregate().notes()).hasSize(12);
		});
		assertThat(repository.findAllByIdPattern("d-*")).filteredOn((found) -> found.metadata().id().equals(id))
			.singleElement()
			.satisfies((found) -> assertThat(found.metadata().version()).isEqualTo(13));

		observer.reset();
		LoadedAggregate<Dossier> loaded = repository(connection, observer).load(id);
		assertThat(loaded.metadata().source()).isEqualTo(LoadSource.SNAPSHOT);
		assertThat(loaded.aggregate().notes()).hasSize(12);
		assertThat(observer.count("state.repaired")).isZero();
	}

	@Test
	void aSnapshotObjectThatFailsValidationIsDiscardedCountedAndReplaced() throws Exception {
		Connection connection = connect();
		CountingObserver observer = new CountingObserver();
		NatsRepository<Dossier> repository = repository(connection, observer);
		String id = grown(repository, 20);
		AggregateRef ref = AggregateRef.of("files", "Dossier", id);
		SnapshotStore snapshots = new SnapshotStore(connection, CONFIG);
		StateDocument genuine = StateDocument.decode(snapshots.resolve(snapshots.read(ref).orElseThrow()).document());
		StateDocument foreign = new StateDocument(genuine.version(), genuine.sequence(), genuine.covers(),
				"0123456789abcdef0123456789abcdef", genuine.state(), genuine.stateCid());
		byte[] body = foreign.encode();
		ObjectStore objects = connection.objectStore(SNAPSHOT_OBJECTS);
		String digest = objects
			.put(ObjectMeta.builder(key(id)).chunkSize(16 * 1024).build(), new ByteArrayInputStream(body))
			.getDigest();
		snapshots.write(ref, new SnapshotPointer(key(id), genuine.version(), digest, body.length)
			.encode(dev.cim.persistence.ipld.IpldCodec.DAG_JSON));

		observer.reset();
		NatsRepository<Dossier> fresh = repository(connection, observer);
		LoadedAggregate<Dossier> loaded = fresh.load(id);
		assertThat(loaded.metadata().version()).isEqualTo(21);
		// The state stream holds no state that fitted: the events are replayed.
		assertThat(loaded.metadata().source()).isEqualTo(LoadSource.REPLAY);
		assertThat(loaded.aggregate().notes()).hasSize(20);
		assertThat(observer.count("snapshot.discarded")).isEqualTo(1);
		assertThat(observer.reasons).singleElement().asString().contains("fingerprint");
		assertThat(fresh.flush(Duration.ofSeconds(30))).isTrue();

		observer.reset();
		LoadedAggregate<Dossier> again = repository(connection, observer).load(id);
		assertThat(again.metadata().source()).isEqualTo(LoadSource.SNAPSHOT);
		assertThat(observer.count("snapshot.discarded")).isZero();
	}

	@Test
	void aSnapshotObjectOverwrittenBehindItsPointerIsDiscarded() throws Exception {
		Connection connection = connect();
		CountingObserver observer = new CountingObserver();
		NatsRepository<Dossier> repository = repository(connection, observer);
		String id = grown(repository, 20);
		ObjectStore objects = connection.objectStore(SNAPSHOT_OBJECTS);
		objects.put(key(id), "{\"not\":\"the snapshot the pointer names\"}".getBytes());

		observer.reset();
		LoadedAggregate<Dossier> loaded = repository(connection, observer).load(id);
		// The state stream holds no state that fitted: the events are replayed.
		assertThat(loaded.metadata().source()).isEqualTo(LoadSource.REPLAY);
		assertThat(loaded.aggregate().notes()).hasSize(20);
		assertThat(observer.count("snapshot.discarded")).isEqualTo(1);
		assertThat(observer.reasons).singleElement().asString().contains("another snapshot");
	}

	@Test
	void aStaleObjectNeverWinsOverANewerSnapshotInTheBucket() throws Exception {
		Connection connection = connect();
		CountingObserver observer = new CountingObserver();
		NatsRepository<Dossier> repository = repository(connection, observer);
		String id = grown(repository, 10);
		LoadedAggregate<Dossier> dossierSaved = repository.load(id);
		Dossier dossier = dossierSaved.aggregate();
		dossierSaved = repository.save(dossierSaved, dossier.clear());
		for (int i = 1; i <= 9; i++) {
			dossierSaved = repository.save(dossierSaved, dossier.note("short " + i));
		}
		assertThat(repository.flush(Duration.ofSeconds(30))).isTrue();
		// The object of version 10 is still there; spoil it so that reading it would
		// show.
		ObjectStore objects = connection.objectStore(SNAPSHOT_OBJECTS);
		assertThat(objects.getInfo(key(id))).isNotNull();
		objects.put(key(id), "spoiled".getBytes());
		purgeState(connection, id);

		observer.reset();
		LoadedAggregate<Dossier> loaded = repository(connection, observer).load(id);
		assertThat(loaded.metadata().version()).isEqualTo(21);
		assertThat(loaded.metadata().source()).isEqualTo(LoadSource.SNAPSHOT);
		assertThat(loaded.aggregate().notes()).hasSize(9).first().isEqualTo("short 1");
		assertThat(observer.count("snapshot.discarded")).isZero();
	}

	@Test
	void anEventLargerThanTheServerMaxPayloadIsRefusedBeforeAnythingIsSent() throws Exception {
		assertThat(CONFIG.maxEventBytes()).isGreaterThan(MAX_PAYLOAD);
		NatsRepository<Dossier> repository = repository(connect(), new CountingObserver());
		String id = Ids.next("d");
		Dossier dossier = Dossier.create();
		var dossierSaved = repository.save(dossier, Dossier.open(id));
		assertThatExceptionOfType(EventTooLargeException.class)
			.isThrownBy(() -> repository.save(dossierSaved, dossier.note("x".repeat(MAX_PAYLOAD))))
			.satisfies((ex) -> {
				assertThat(ex.getLimit()).isEqualTo(MAX_PAYLOAD - PayloadLimits.HEADER_ROOM);
				assertThat(ex.getSize()).isGreaterThan(MAX_PAYLOAD);
			})
			.withMessageContaining("max payload of " + MAX_PAYLOAD);
		assertThat(repository.findEvents(id, 1, Long.MAX_VALUE)).hasSize(1);
		String other = Ids.next("d");
		Dossier fresh = Dossier.create();
		assertThatExceptionOfType(EventTooLargeException.class).isThrownBy(() -> repository.save(fresh,
				List.of(new Dossier.Opened(other), new Dossier.Noted("x".repeat(MAX_PAYLOAD)))));
		assertThat(repository.existsById(other)).isFalse();
	}

	@Test
	void aStateWriteTheServerRefusesIsCountedAndFailsNeitherSaveNorLoad(NatsTestServer server) throws Exception {
		NatsRepositoryConfig config = NatsRepositoryConfig.builder()
			.eventStreamName("EVENTS_refused")
			.aggregateStreamName("AGGREGATES_refused")
			.snapshotBucket("snapshots_refused")
			.readModelBucket("readmodels_refused")
			.snapshotObjectBucket("snapshot-objects_refused")
			.subjectPrefix("refused")
			.snapshotEvery(0)
			.build();
		Connection connection = server.connect();
		// A state stream that refuses messages above 4 KiB, which provisioning accepts.
		connection.jetStreamManagement()
			.addStream(StreamConfiguration
				.builder(new JetStreamProvisioner(connection, config).aggregateStreamConfiguration())
				.maximumMessageSize(4096)
				.storageType(StorageType.File)
				.build());
		new JetStreamProvisioner(connection, config).provision();
		CountingObserver observer = new CountingObserver();
		NatsRepository<Dossier> repository = NatsRepositoryFactory.builder(connection, config)
			.observer(observer)
			.build()
			.getRepository(Dossier.class);
		String id = Ids.next("d");
		Dossier dossier = Dossier.create();
		var dossierSaved = repository.save(dossier, Dossier.open(id));
		for (int i = 1; i <= 3; i++) {
			dossierSaved = repository.save(dossierSaved, dossier.note("n".repeat(2_000)));
			assertThat(dossierSaved.version()).isEqualTo(i + 1);
		}
		assertThat(repository.flush(Duration.ofSeconds(30))).isTrue();
		assertThat(observer.count("cache.write.failed.state.error")).isPositive();
		assertThat(observer.count("save.success")).isEqualTo(4);

		// A load that finds the state behind repairs it, and the repair is refused too.
		observer.reset();
		NatsRepository<Dossier> fresh = NatsRepositoryFactory.builder(connection, config)
			.observer(observer)
			.build()
			.getRepository(Dossier.class);
		LoadedAggregate<Dossier> loaded = fresh.load(id);
		assertThat(loaded.metadata().version()).isEqualTo(4);
		assertThat(loaded.aggregate().notes()).hasSize(3);
		assertThat(fresh.flush(Duration.ofSeconds(30))).isTrue();
		assertThat(observer.count("state.repaired")).isEqualTo(1);
		assertThat(observer.count("cache.write.failed.state.error")).isEqualTo(1);
		assertThat(observer.count("load.success.STATE")).isEqualTo(1);
	}

	@Test
	void aSnapshotWriteThatFailsIsCountedAndFailsNeitherSaveNorLoad() throws Exception {
		NatsRepositoryConfig config = CONFIG.toBuilder().snapshotObjectBucket("never-provisioned").build();
		Connection connection = connect();
		CountingObserver observer = new CountingObserver();
		NatsRepository<Dossier> repository = NatsRepositoryFactory.builder(connection, config)
			.observer(observer)
			.build()
			.getRepository(Dossier.class);
		String id = grown(repository, 10);
		assertThat(observer.count("cache.write.failed.snapshot.error")).isEqualTo(1);
		assertThat(observer.count("snapshot.written")).isZero();
		LoadedAggregate<Dossier> loaded = NatsRepositoryFactory.builder(connection, config)
			.observer(observer)
			.build()
			.getRepository(Dossier.class)
			.load(id);
		assertThat(loaded.metadata().version()).isEqualTo(11);
		assertThat(loaded.aggregate().notes()).hasSize(10);
	}

	private static String grown(NatsRepository<Dossier> repository, int notes) {
		String id = Ids.next("d");
		Dossier dossier = Dossier.create();
		var dossierSaved = repository.save(dossier, Dossier.open(id));
		for (int i = 1; i <= notes; i++) {
			dossierSaved = repository.save(dossierSaved, dossier.note(note(i)));
			assertThat(dossierSaved.version()).isEqualTo(i + 1);
		}
		assertThat(repository.flush(Duration.ofSeconds(30))).isTrue();
		return id;
	}

	private static void purgeState(Connection connection, String id) throws Exception {
		connection.jetStreamManagement()
			.purgeStream(CONFIG.aggregateStreamName(),
					io.nats.client.PurgeOptions.subject("cim.aggregates.files.Dossier." + id + ".state"));
	}

	private static NatsRepository<Dossier> repository(Connection connection, RepositoryObserver observer) {
		return NatsRepositoryFactory.builder(connection, CONFIG)
			.observer(observer)
			.build()
			.getRepository(Dossier.class);
	}

	private static Connection connect() throws Exception {
		Connection connection = Nats.connect(small.url());
		connections.add(connection);
		return connection;
	}

	private static String note(int i) {
		String prefix = "note " + i + " ";
		return prefix + "n".repeat(NOTE - prefix.length());
	}

	private static String key(String id) {
		return "files.Dossier." + id;
	}

}
