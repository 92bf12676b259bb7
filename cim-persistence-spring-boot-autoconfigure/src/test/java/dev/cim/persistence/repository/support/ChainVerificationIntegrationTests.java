package dev.cim.persistence.repository.support;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.cim.persistence.event.EncodedEvent;
import dev.cim.persistence.event.EventBlock;
import dev.cim.persistence.event.EventBlockCodec;
import dev.cim.persistence.event.EventMeta;
import dev.cim.persistence.ipld.Cid;
import dev.cim.persistence.nats.JetStreamProvisioner;
import dev.cim.persistence.nats.NatsRepositoryConfig;
import dev.cim.persistence.testsupport.NatsIntegrationTest;
import dev.cim.persistence.testsupport.NatsTestServer;
import io.nats.client.Connection;
import io.nats.client.impl.Headers;
import io.nats.client.impl.NatsMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import dev.cim.persistence.repository.AggregateAlreadyExistsException;
import dev.cim.persistence.repository.AggregateMetadata;
import dev.cim.persistence.repository.AggregateRef;
import dev.cim.persistence.repository.ChainImportException;
import dev.cim.persistence.repository.ChainIntegrityException;
import dev.cim.persistence.repository.ChainProblem;
import dev.cim.persistence.repository.ChainVerification;
import dev.cim.persistence.repository.LoadOptions;
import dev.cim.persistence.repository.LoadSource;
import dev.cim.persistence.repository.RepositoryObserver;

/**
 * Verification of hash chains against a real nats-server, with events forged through a
 * raw connection.
 */
@NatsIntegrationTest
class ChainVerificationIntegrationTests {

	private static final NatsRepositoryConfig CONFIG = NatsRepositoryConfig.defaults();

	private static final EventBlockCodec CODEC = new EventBlockCodec(true);

	private static Connection connection;

	private static EventStore store;

	private static NatsRepository<Account> repository;

	@BeforeAll
	static void provision(NatsTestServer server) throws Exception {
		connection = server.connect();
		new JetStreamProvisioner(connection, CONFIG).provision();
		store = new EventStore(connection, CONFIG);
		repository = Repositories.of(store, Account.class, RepositoryObserver.NONE);
	}

	@AfterAll
	static void close() throws InterruptedException {
		connection.close();
	}

	@Test
	void aSoundChainVerifies() {
		String id = createWithDeposits(4);
		ChainVerification verification = repository.verify(id);
		assertThat(verification.valid()).as("%s", verification.problems()).isTrue();
		assertThat(verification.length()).isEqualTo(5);
		assertThat(verification.head()).isEqualTo(String.valueOf(store.head(ref(id)).orElseThrow().cid()));
		assertThat(repository.load(id, LoadOptions.defaults().withVerification()).aggregate().balance())
			.isEqualByComparingTo("10");
	}

	@Test
	void anAlteredBodyIsReportedAndFailsAVerifyingLoad() throws Exception {
		String id = createWithDeposits(4);
		EventHead head = store.head(ref(id)).orElseThrow();
		EncodedEvent genuine = deposit(id, 6, head.cid(), "5");
		String altered = new String(genuine.bytes(), StandardCharsets.UTF_8).replace("\"amount\":\"5\"",
				"\"amount\":\"500\"");
		assertThat(altered).isNotEqualTo(new String(genuine.bytes(), StandardCharsets.UTF_8));
		forge(id, genuine, altered.getBytes(StandardCharsets.UTF_8), head.sequence());

		ChainVerification verification = repository.verify(id);
		assertThat(verification.valid()).isFalse();
		assertThat(verification.problems(ChainProblem.Kind.CONTENT_ALTERED)).singleElement()
			.satisfies((problem) -> assertThat(problem.version()).isEqualTo(6));
		assertThatExceptionOfType(ChainIntegrityException.class)
			.isThrownBy(() -> repository.load(id, LoadOptions.defaults().withVerification()))
			.satisfies((ex) -> assertThat(ex.getVerification().problems()).isNotEmpty());
	}

	@Test
	void aWrongPrevLinkIsReportedAsABrokenLink() throws Exception {
		String id = createWithDeposits(4);
		EventHead head = store.head(ref(id)).orElseThrow();
		Cid older = store.eventAt(ref(id), 3).orElseThrow().cid();
		EncodedEvent forged = deposit(id, 6, older, "5");
		forge(id, forged, forged.bytes(), head.sequence());

		ChainVerification verification = repository.verify(id);
		assertThat(verification.problems()).singleElement().satisfies((problem) -> {
			assertThat(problem.kind()).isEqualTo(ChainProblem.Kind.BROKEN_LINK);
			assertThat(problem.version()).isEqualTo(6);
			assertThat(problem.message()).contains(older.toString());
		});
		assertThatExceptionOfType(ChainIntegrityException.class)
			.isThrownBy(() -> repository.load(id, LoadOptions.defaults().withVerification()));
		// With verify-on-load every load verifies; without it the cached state is served.
		NatsRepository<Account> verifying = NatsRepositoryFactory
			.builder(connection, CONFIG.toBuilder().verifyOnLoad(true).build())
			.observer(RepositoryObserver.NONE)
			.build()
			.getRepository(Account.class);
		assertThatExceptionOfType(ChainIntegrityException.class).isThrownBy(() -> verifying.load(id));
		assertThat(repository.load(id).aggregate().balance()).isEqualByComparingTo("15");
	}

	@Test
	void aSecondEventForAVersionIsReportedAsAFork() throws Exception {
		String id = createWithDeposits(3);
		RecordedEvent third = store.eventAt(ref(id), 3).orElseThrow();
		EncodedEvent fork = deposit(id, 4, third.prev(), "9");
		forge(id, fork, fork.bytes(), -1);
		ChainVerification verification = repository.verify(id);
		assertThat(verification.problems(ChainProblem.Kind.FORK)).singleElement()
			.satisfies((problem) -> assertThat(problem.version()).isEqualTo(4));
	}

	@Test
	void withoutContentAddressingVerificationSaysSo() throws Exception {
		NatsRepositoryConfig plain = NatsRepositoryConfig.builder()
			.enableIpld(false)
			.eventStreamName("PLAIN_EVENTS")
			.aggregateStreamName("PLAIN_AGGREGATES")
			.snapshotBucket("plain_snapshots")
			.readModelBucket("plain_readmodels")
			.subjectPrefix("plain")
			.build();
		new JetStreamProvisioner(connection, plain).provision();
		NatsRepository<Account> plainRepository = NatsRepositoryFactory.builder(connection, plain)
			.observer(RepositoryObserver.NONE)
			.build()
			.getRepository(Account.class);
		String id = "p-" + UUID.randomUUID();
		Account account = Account.create();
		var accountSaved = plainRepository.save(account, Account.open(id, "ada"));
		accountSaved = plainRepository.save(accountSaved, account.deposit("2"));
		assertThat(plainRepository.load(id, LoadOptions.defaults().withoutSnapshots()).aggregate().balance())
			.isEqualByComparingTo("2");
		ChainVerification verification = plainRepository.verify(id);
		assertThat(verification.valid()).isFalse();
		assertThat(verification.problems()).singleElement()
			.satisfies((problem) -> assertThat(problem.kind()).isEqualTo(ChainProblem.Kind.NOT_CONTENT_ADDRESSED));
		assertThat(connection.jetStreamManagement()
			.getLastMessage("PLAIN_EVENTS", "plain.events.bank.Account." + id + ".>")
			.getHeaders()
			.getFirst("Cim-Cid")).isNull();
	}

	@Test
	void aCarExportOf1000EventsImportsAndVerifies() throws Exception {
		String id = "car-" + UUID.randomUUID();
		Account account = Account.create();
		var accountSaved = repository.save(account, Account.open(id, "ada"));
		for (int from = 1; from < 1000; from += 111) {
			List<Account.AccountEvent> batch = new java.util.ArrayList<>();
			for (int i = from; i < Math.min(1000, from + 111); i++) {
				batch.add(new Account.Deposited(new java.math.BigDecimal(i)));
			}
			accountSaved = repository.save(accountSaved, batch);
		}
		java.io.ByteArrayOutputStream car = new java.io.ByteArrayOutputStream();
		ChainVerification exported = repository.exportCar(id, car);
		assertThat(exported.valid()).isTrue();
		assertThat(exported.length()).isEqualTo(1000);

		NatsRepository<Account> elsewhere = repositoryFor(separateStore("imported", "dag-json"));
		AggregateMetadata imported = elsewhere.importCar(new java.io.ByteArrayInputStream(car.toByteArray()));
		assertThat(imported.version()).isEqualTo(1000);
		assertThat(imported.headCid()).isEqualTo(exported.head());
		ChainVerification verification = elsewhere.verify(id);
		assertThat(verification.valid()).as("%s", verification.problems()).isTrue();
		assertThat(verification.length()).isEqualTo(1000);
		assertThat(verification.head()).isEqualTo(exported.head());
		assertThat(elsewhere.load(id).aggregate().balance()).isEqualByComparingTo(account.balance());
		// Importing the same archive again stores nothing and reports the same head.
		long messages = connection.jetStreamManagement()
			.getStreamInfo("imported_EVENTS")
			.getStreamState()
			.getMsgCount();
		assertThat(elsewhere.importCar(new java.io.ByteArrayInputStream(car.toByteArray())).headCid())
			.isEqualTo(exported.head());
		assertThat(connection.jetStreamManagement().getStreamInfo("imported_EVENTS").getStreamState().getMsgCount())
			.isEqualTo(messages);
		// Another history for an id that exists there is refused, and nothing is stored.
		String otherId = createWithDeposits(2);
		java.io.ByteArrayOutputStream other = new java.io.ByteArrayOutputStream();
		repository.exportCar(otherId, other);
		elsewhere.save(Account.create(), Account.open(otherId, "eve"));
		assertThatExceptionOfType(AggregateAlreadyExistsException.class)
			.isThrownBy(() -> elsewhere.importCar(new java.io.ByteArrayInputStream(other.toByteArray())));
		assertThat(elsewhere.verify(otherId).length()).isEqualTo(1);
	}

	@Test
	void aTamperedCarIsRefusedAndNothingIsStored() throws Exception {
		String id = createWithDeposits(3);
		java.io.ByteArrayOutputStream car = new java.io.ByteArrayOutputStream();
		repository.exportCar(id, car);
		byte[] bytes = car.toByteArray();
		String text = new String(bytes, StandardCharsets.ISO_8859_1);
		int at = text.indexOf("\"amount\":\"2\"");
		assertThat(at).isPositive();
		bytes[at + 10] = '7';
		byte[] tampered = bytes;
		NatsRepository<Account> elsewhere = repositoryFor(separateStore("tampered", "dag-json"));
		assertThatExceptionOfType(ChainImportException.class)
			.isThrownBy(() -> elsewhere.importCar(new java.io.ByteArrayInputStream(tampered)));
		assertThat(elsewhere.existsById(id)).isFalse();
	}

	@Test
	void dagCborEventsAreContentAddressedAndVerify() throws Exception {
		EventStore cborStore = separateStore("cbor", "dag-cbor");
		NatsRepository<Account> cbor = repositoryFor(cborStore);
		String id = "c-" + UUID.randomUUID();
		Account account = Account.create();
		var accountSaved = cbor.save(account, Account.open(id, "ada"));
		AggregateMetadata saved = cbor.save(accountSaved, account.deposit("1.25")).metadata();
		assertThat(saved.headCid().toString()).startsWith("bafy");
		io.nats.client.api.MessageInfo raw = connection.jetStreamManagement()
			.getMessage("cbor_EVENTS", saved.sequence());
		assertThat(raw.getHeaders().getFirst("Content-Type")).isEqualTo("application/vnd.ipld.dag-cbor");
		assertThat(raw.getHeaders().getFirst("Cim-Cid")).isEqualTo(saved.headCid().toString());
		assertThat(Cid.of(Cid.DAG_CBOR, raw.getData()).toString()).isEqualTo(saved.headCid());
		assertThat(cbor.verify(id).valid()).isTrue();
		assertThat(cbor.load(id, LoadOptions.defaults().withVerification()).aggregate().balance().toPlainString())
			.isEqualTo("1.25");
		assertThat(cbor.flush(java.time.Duration.ofSeconds(10))).isTrue();
		assertThat(cbor.load(id, LoadOptions.defaults().withoutCache()).metadata().source())
			.isEqualTo(LoadSource.STATE);
	}

	private static EventStore separateStore(String prefix, String codec) {
		NatsRepositoryConfig config = NatsRepositoryConfig.builder()
			.eventStreamName(prefix + "_EVENTS")
			.aggregateStreamName(prefix + "_AGGREGATES")
			.snapshotBucket(prefix + "_snapshots")
			.readModelBucket(prefix + "_readmodels")
			.subjectPrefix(prefix)
			.ipldCodec(codec)
			.build();
		new JetStreamProvisioner(connection, config).provision();
		return new EventStore(connection, config);
	}

	private static NatsRepository<Account> repositoryFor(EventStore eventStore) {
		return Repositories.of(eventStore, Account.class, RepositoryObserver.NONE);
	}

	private static String createWithDeposits(int deposits) {
		String id = "v-" + UUID.randomUUID();
		Account account = Account.create();
		var accountSaved = repository.save(account, Account.open(id, "ada"));
		for (int i = 1; i <= deposits; i++) {
			accountSaved = repository.save(accountSaved, account.deposit(Integer.toString(i)));
		}
		return id;
	}

	private static EncodedEvent deposit(String id, long version, Cid prev, String amount) {
		EventMeta meta = new EventMeta(UUID.randomUUID().toString(), Instant.now(), null, null, Map.of());
		return CODEC.encode(new EventBlock("Deposited", 1, "bank", "Account", id, version,
				JsonNodeFactory.instance.objectNode().put("amount", amount), prev, meta));
	}

	/**
	 * Publish a message as the store would, with the headers of {@code genuine} and the
	 * given body, expecting the aggregate's last sequence when it is not negative.
	 */
	private static void forge(String id, EncodedEvent genuine, byte[] body, long expectedSequence) throws Exception {
		Headers headers = new Headers();
		headers.put("Nats-Msg-Id", genuine.cid().toString());
		headers.put("Cim-Cid", genuine.cid().toString());
		headers.put("Cim-Prev-Cid", genuine.block().prev().toString());
		headers.put("Cim-Event-Type", "Deposited");
		headers.put("Cim-Schema", "1");
		headers.put("Content-Type", "application/vnd.ipld.dag-json");
		if (expectedSequence >= 0) {
			headers.put("Nats-Expected-Last-Subject-Sequence", Long.toString(expectedSequence));
			headers.put("Nats-Expected-Last-Subject-Sequence-Subject", "cim.events.bank.Account." + id + ".>");
		}
		connection.jetStream()
			.publish(NatsMessage.builder()
				.subject("cim.events.bank.Account." + id + ".Deposited." + genuine.block().version())
				.headers(headers)
				.data(body)
				.build());
	}

	private static AggregateRef ref(String id) {
		return AggregateRef.of("bank", "Account", id);
	}

}
