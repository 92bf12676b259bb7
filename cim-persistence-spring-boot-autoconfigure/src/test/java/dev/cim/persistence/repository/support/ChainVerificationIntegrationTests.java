package dev.cim.persistence.repository.support;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.cim.persistence.event.EncodedEvent;
import dev.cim.persistence.event.EventBlock;
import dev.cim.persistence.event.EventBlockCodec;
import dev.cim.persistence.event.EventMeta;
import dev.cim.persistence.ipld.Cid;
import dev.cim.persistence.testsupport.NatsIntegrationTest;
import dev.cim.persistence.testsupport.ProvisionedStore;
import dev.cim.persistence.testsupport.StoreSettings;
import io.nats.client.impl.Headers;
import io.nats.client.impl.NatsMessage;
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

/**
 * Verification of hash chains against a real nats-server, with events forged through a
 * raw connection.
 */
@NatsIntegrationTest
class ChainVerificationIntegrationTests {

	private static final EventBlockCodec CODEC = new EventBlockCodec(true);

	private static ProvisionedStore provisioned;

	private static EventStore store;

	private static NatsRepository<Account> repository;

	@BeforeAll
	static void provision(ProvisionedStore shared) {
		provisioned = shared;
		store = shared.eventStore();
		repository = shared.repository(Account.class);
	}

	@Test
	void verifyOfASoundChainShouldReportItValidWithItsLengthAndHead() {
		String id = createWithDeposits(4);
		ChainVerification verification = repository.verify(id);
		assertThat(verification.valid()).as("%s", verification.problems()).isTrue();
		assertThat(verification.length()).isEqualTo(5);
		assertThat(verification.head()).isEqualTo(String.valueOf(store.head(ref(id)).orElseThrow().cid()));
		assertThat(repository.load(id, LoadOptions.defaults().withVerification()).aggregate().balance())
			.isEqualByComparingTo("10");
	}

	@Test
	void verifyShouldReportAnAlteredBodyAndAVerifyingLoadShouldFail() throws Exception {
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
	void verifyShouldReportAWrongPrevLinkAsABrokenLink() throws Exception {
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
		try (NatsRepositoryFactory verifyingFactory = NatsRepositoryFactory
			.builder(provisioned.connection(), provisioned.config().toBuilder().verifyOnLoad(true).build())
			.build()) {
			NatsRepository<Account> verifying = verifyingFactory.getRepository(Account.class);
			assertThatExceptionOfType(ChainIntegrityException.class).isThrownBy(() -> verifying.load(id));
		}
		assertThat(repository.load(id).aggregate().balance()).isEqualByComparingTo("15");
	}

	@Test
	void verifyShouldReportASecondEventForAVersionAsAFork() throws Exception {
		String id = createWithDeposits(3);
		RecordedEvent third = store.eventAt(ref(id), 3).orElseThrow();
		EncodedEvent fork = deposit(id, 4, third.prev(), "9");
		forge(id, fork, fork.bytes(), -1);
		ChainVerification verification = repository.verify(id);
		assertThat(verification.problems(ChainProblem.Kind.FORK)).singleElement()
			.satisfies((problem) -> assertThat(problem.version()).isEqualTo(4));
	}

	@Test
	void verifyWithoutContentAddressingShouldReportNotContentAddressed(
			@StoreSettings(enableIpld = false) ProvisionedStore plain) throws Exception {
		NatsRepository<Account> plainRepository = plain.repository(Account.class);
		String id = Accounts.newId();
		Account account = Account.create();
		var accountSaved = plainRepository.save(account, Account.open(id, "ada"));
		accountSaved = plainRepository.save(accountSaved, account.deposit("2"));
		assertThat(plainRepository.load(id, LoadOptions.defaults().withoutSnapshots()).aggregate().balance())
			.isEqualByComparingTo("2");
		ChainVerification verification = plainRepository.verify(id);
		assertThat(verification.valid()).isFalse();
		assertThat(verification.problems()).singleElement()
			.satisfies((problem) -> assertThat(problem.kind()).isEqualTo(ChainProblem.Kind.NOT_CONTENT_ADDRESSED));
		assertThat(plain.jetStreamManagement()
			.getLastMessage(plain.config().eventStreamName(), plain.prefix() + ".events.bank.Account." + id + ".>")
			.getHeaders()
			.getFirst("Cim-Cid")).isNull();
	}

	@Test
	void aCarExportOf1000EventsShouldImportElsewhereAndVerifyWithTheSameHead(ProvisionedStore imported)
			throws Exception {
		String id = Accounts.newId();
		Account account = Account.create();
		var accountSaved = repository.save(account, Account.open(id, "ada"));
		for (int from = 1; from < 1000; from += 111) {
			accountSaved = repository.save(accountSaved, Accounts.deposits(from, Math.min(999, from + 110)));
		}
		java.io.ByteArrayOutputStream car = new java.io.ByteArrayOutputStream();
		ChainVerification exported = repository.exportCar(id, car);
		assertThat(exported.valid()).isTrue();
		assertThat(exported.length()).isEqualTo(1000);

		NatsRepository<Account> elsewhere = imported.repository(Account.class);
		AggregateMetadata metadata = elsewhere.importCar(new java.io.ByteArrayInputStream(car.toByteArray()));
		assertThat(metadata.version()).isEqualTo(1000);
		assertThat(metadata.headCid()).isEqualTo(exported.head());
		ChainVerification verification = elsewhere.verify(id);
		assertThat(verification.valid()).as("%s", verification.problems()).isTrue();
		assertThat(verification.length()).isEqualTo(1000);
		assertThat(verification.head()).isEqualTo(exported.head());
		assertThat(elsewhere.load(id).aggregate().balance()).isEqualByComparingTo(account.balance());
		// Importing the same archive again stores nothing and reports the same head.
		String importedEvents = imported.config().eventStreamName();
		long messages = imported.jetStreamManagement().getStreamInfo(importedEvents).getStreamState().getMsgCount();
		assertThat(elsewhere.importCar(new java.io.ByteArrayInputStream(car.toByteArray())).headCid())
			.isEqualTo(exported.head());
		assertThat(imported.jetStreamManagement().getStreamInfo(importedEvents).getStreamState().getMsgCount())
			.isEqualTo(messages);
		// Another history for an id that exists there is refused, and nothing is stored.
		String otherId = Accounts.openWithDeposits(repository, 2);
		java.io.ByteArrayOutputStream other = new java.io.ByteArrayOutputStream();
		repository.exportCar(otherId, other);
		elsewhere.save(Account.create(), Account.open(otherId, "eve"));
		assertThatExceptionOfType(AggregateAlreadyExistsException.class)
			.isThrownBy(() -> elsewhere.importCar(new java.io.ByteArrayInputStream(other.toByteArray())));
		assertThat(elsewhere.verify(otherId).length()).isEqualTo(1);
	}

	@Test
	void aTamperedCarShouldBeRefusedAndNothingStored(ProvisionedStore tamperedStore) throws Exception {
		String id = createWithDeposits(3);
		java.io.ByteArrayOutputStream car = new java.io.ByteArrayOutputStream();
		repository.exportCar(id, car);
		byte[] bytes = car.toByteArray();
		String text = new String(bytes, StandardCharsets.ISO_8859_1);
		int at = text.indexOf("\"amount\":\"2\"");
		assertThat(at).isPositive();
		bytes[at + 10] = '7';
		byte[] tampered = bytes;
		NatsRepository<Account> elsewhere = tamperedStore.repository(Account.class);
		assertThatExceptionOfType(ChainImportException.class)
			.isThrownBy(() -> elsewhere.importCar(new java.io.ByteArrayInputStream(tampered)));
		assertThat(elsewhere.existsById(id)).isFalse();
	}

	@Test
	void dagCborEventsShouldBeContentAddressedAndVerify(
			@StoreSettings(ipldCodec = "dag-cbor") ProvisionedStore cborStore) throws Exception {
		NatsRepository<Account> cbor = cborStore.repository(Account.class);
		String id = Accounts.newId();
		Account account = Account.create();
		var accountSaved = cbor.save(account, Account.open(id, "ada"));
		AggregateMetadata saved = cbor.save(accountSaved, account.deposit("1.25")).metadata();
		assertThat(saved.headCid().toString()).startsWith("bafy");
		io.nats.client.api.MessageInfo raw = cborStore.jetStreamManagement()
			.getMessage(cborStore.config().eventStreamName(), saved.sequence());
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

	private static String createWithDeposits(int deposits) {
		return Accounts.openWithDeposits(repository, deposits);
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
			headers.put("Nats-Expected-Last-Subject-Sequence-Subject", eventSubjects(id) + ".>");
		}
		provisioned.connection()
			.jetStream()
			.publish(NatsMessage.builder()
				.subject(eventSubjects(id) + ".Deposited." + genuine.block().version())
				.headers(headers)
				.data(body)
				.build());
	}

	private static String eventSubjects(String id) {
		return provisioned.prefix() + ".events.bank.Account." + id;
	}

	private static AggregateRef ref(String id) {
		return AggregateRef.of("bank", "Account", id);
	}

}
