package dev.cim.persistence.repository.support;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.cim.persistence.ipld.DagJson;
import dev.cim.persistence.nats.NatsRepositoryConfig;
import dev.cim.persistence.testsupport.Ids;
import dev.cim.persistence.testsupport.NatsIntegrationTest;
import dev.cim.persistence.testsupport.ProvisionedStore;
import dev.cim.persistence.testsupport.StoreSettings;
import io.nats.client.Connection;
import io.nats.client.JetStreamManagement;
import io.nats.client.PurgeOptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import dev.cim.persistence.repository.AggregateAlreadyExistsException;
import dev.cim.persistence.repository.AggregateMetadata;
import dev.cim.persistence.repository.AggregateNotFoundException;
import dev.cim.persistence.repository.AggregateRef;
import dev.cim.persistence.repository.LoadOptions;
import dev.cim.persistence.repository.LoadSource;
import dev.cim.persistence.repository.LoadedAggregate;
import dev.cim.persistence.repository.RepositoryObserver;
import dev.cim.persistence.repository.SaveOptions;
import dev.cim.persistence.repository.StoredEvent;
import dev.cim.persistence.repository.VersionConflictException;

/**
 * The aggregate repository against a real nats-server.
 */
@NatsIntegrationTest
class NatsRepositoryIntegrationTests {

	private static ProvisionedStore provisioned;

	private static NatsRepositoryConfig config;

	private static Connection connection;

	private static EventStore store;

	private static JetStreamManagement jsm;

	private final CountingObserver observer = new CountingObserver();

	private NatsRepository<Account> repository;

	@BeforeAll
	static void provision(@StoreSettings(snapshotEvery = 50) ProvisionedStore shared) {
		provisioned = shared;
		config = shared.config();
		connection = shared.connection();
		store = shared.eventStore();
		jsm = shared.jetStreamManagement();
	}

	@BeforeEach
	void createRepository() {
		created.clear();
		this.repository = newRepository(this.observer);
	}

	private static final List<NatsRepository<Account>> created = new java.util.concurrent.CopyOnWriteArrayList<>();

	private static NatsRepository<Account> newRepository(RepositoryObserver observer) {
		NatsRepository<Account> repository = provisioned.repository(Account.class, observer);
		created.add(repository);
		return repository;
	}

	/** Wait for the state and snapshot writes every repository of the test made. */
	private static void flushAll() {
		for (NatsRepository<Account> repository : created) {
			assertThat(repository.flush(java.time.Duration.ofSeconds(10))).isTrue();
		}
	}

	@Test
	void saveThenLoadRoundTripsTheState() {
		String id = Accounts.newId();
		Account account = Account.create();
		LoadedAggregate<Account> saved = this.repository.save(account, Account.open(id, "ada"));
		AggregateMetadata created = saved.metadata();
		assertThat(created.version()).isEqualTo(1);
		assertThat(created.headCid()).isNotNull();
		AggregateMetadata deposited = this.repository.save(saved, account.deposit("10.50")).metadata();
		assertThat(deposited.version()).isEqualTo(2);
		assertThat(deposited.sequence()).isGreaterThan(created.sequence());

		LoadedAggregate<Account> cached = this.repository.load(id);
		assertThat(cached.metadata().source()).isEqualTo(LoadSource.CACHE);
		assertThat(cached.aggregate().balance()).isEqualByComparingTo("10.50");
		assertThat(cached.aggregate().balance().toPlainString()).isEqualTo("10.50");
		assertThat(cached.aggregate().owner()).isEqualTo("ada");
		flushAll();
		LoadedAggregate<Account> fromState = this.repository.load(id, LoadOptions.defaults().withoutCache());
		assertThat(fromState.metadata().source()).isEqualTo(LoadSource.STATE);
		assertThat(fromState.aggregate().balance().toPlainString()).isEqualTo("10.50");
		LoadedAggregate<Account> replayed = this.repository.load(id, LoadOptions.defaults().withoutSnapshots());
		assertThat(replayed.metadata().source()).isEqualTo(LoadSource.REPLAY);
		assertThat(replayed.aggregate().log()).containsExactly("+10.50");
		assertThat(replayed.metadata().version()).isEqualTo(2);
		assertThat(replayed.metadata().headCid()).isEqualTo(deposited.headCid());

		assertThat(this.repository.existsById(id)).isTrue();
		assertThat(this.repository.findById(id)).isPresent();
		assertThat(this.repository.findById(Accounts.newId())).isEmpty();
		assertThatExceptionOfType(AggregateNotFoundException.class)
			.isThrownBy(() -> this.repository.load(Accounts.newId()));
		assertThat(this.repository.findEvents(id, 1, 2)).extracting(StoredEvent::type)
			.containsExactly("AccountOpened", "Deposited");
	}

	@Test
	void aStaleInstanceCannotBeSaved() {
		String id = Accounts.newId();
		this.repository.save(Account.create(), Account.open(id, "ada"));
		LoadedAggregate<Account> first = this.repository.load(id);
		LoadedAggregate<Account> second = this.repository.load(id);
		this.repository.save(first, first.aggregate().deposit("1"));
		assertThatExceptionOfType(VersionConflictException.class)
			.isThrownBy(() -> this.repository.save(second, second.aggregate().deposit("2")))
			.satisfies((ex) -> {
				assertThat(ex.getExpectedVersion()).isEqualTo(1);
				assertThat(ex.getActualVersion()).isEqualTo(2);
			});
		assertThatExceptionOfType(AggregateAlreadyExistsException.class)
			.isThrownBy(() -> this.repository.save(Account.create(), Account.open(id, "eve")));
		assertThat(this.observer.count("conflict")).isEqualTo(2);
		Account third = this.repository.load(id).aggregate();
		assertThatExceptionOfType(VersionConflictException.class)
			.isThrownBy(() -> this.repository.save(third, third.deposit("3"), SaveOptions.defaults().expectVersion(1)));
		AggregateMetadata saved = this.repository
			.save(third, third.deposit("3"), SaveOptions.defaults().expectVersion(2))
			.metadata();
		assertThat(saved.version()).isEqualTo(3);
	}

	@Test
	void eventsOfAnotherTypeAreRefused() {
		Account account = Account.create();
		assertThatIllegalArgumentException().isThrownBy(() -> this.repository.save(account, List.of("not an event")))
			.withMessageContaining("is not an event of bank.Account");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.repository.save(Account.create(), Account.open("bad.id", "ada")))
			.withMessageContaining("aggregate id 'bad.id'");
	}

	@Test
	void saveAsyncKeepsManySavesInFlightAndReportsConflicts() throws Exception {
		List<String> ids = new ArrayList<>();
		List<java.util.concurrent.CompletableFuture<LoadedAggregate<Account>>> saves = new ArrayList<>();
		for (int i = 0; i < 200; i++) {
			String id = Accounts.newId();
			ids.add(id);
			saves.add(
					this.repository.saveAsync(Account.create(), Account.open(id, "owner" + i), SaveOptions.defaults()));
		}
		for (int i = 0; i < saves.size(); i++) {
			AggregateMetadata saved = saves.get(i).get(30, TimeUnit.SECONDS).metadata();
			assertThat(saved.id()).isEqualTo(ids.get(i));
			assertThat(saved.version()).isEqualTo(1);
		}
		assertThat(this.observer.count("save.success")).isEqualTo(200);
		assertThat(this.repository.load(ids.get(7), LoadOptions.defaults().withoutCache()).aggregate().owner())
			.isEqualTo("owner7");

		String id = ids.get(0);
		LoadedAggregate<Account> firstLoaded = this.repository.load(id);
		LoadedAggregate<Account> secondLoaded = this.repository.load(id);
		Account first = firstLoaded.aggregate();
		Account second = secondLoaded.aggregate();
		LoadedAggregate<Account> depositedLoaded = this.repository
			.saveAsync(firstLoaded, first.deposit("4"), SaveOptions.defaults())
			.get(30, TimeUnit.SECONDS);
		AggregateMetadata deposited = depositedLoaded.metadata();
		assertThat(deposited.version()).isEqualTo(2);
		assertThatExceptionOfType(java.util.concurrent.ExecutionException.class)
			.isThrownBy(() -> this.repository.saveAsync(secondLoaded, second.deposit("5"), SaveOptions.defaults())
				.get(30, TimeUnit.SECONDS))
			.havingCause()
			.isInstanceOfSatisfying(VersionConflictException.class, (ex) -> {
				assertThat(ex.getExpectedVersion()).isEqualTo(1);
				assertThat(ex.getActualVersion()).isEqualTo(2);
			});
		assertThat(this.observer.count("conflict")).isEqualTo(1);
		AggregateMetadata third = this.repository.saveAsync(depositedLoaded, first.deposit("6"), SaveOptions.defaults())
			.get(30, TimeUnit.SECONDS)
			.metadata();
		assertThat(third.version()).isEqualTo(3);
		assertThat(this.repository.load(id, LoadOptions.defaults().withoutSnapshots()).aggregate().balance())
			.isEqualByComparingTo("10");
	}

	@Test
	void anIdenticalAsyncAppendSentTwiceSucceedsTwiceAndIsStoredOnce() throws Exception {
		AggregateRef ref = AggregateRef.of("bank", "Account", Accounts.newId());
		PreparedAppend append = store.prepare(ref, EventHead.NONE,
				List.of(new NewEvent("AccountOpened", 1,
						com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode()
							.put("accountId", ref.id())
							.put("owner", "ada"))),
				AppendOptions.defaults());
		AppendResult first = store.appendAsync(append).get(30, TimeUnit.SECONDS);
		AppendResult second = store.appendAsync(append).get(30, TimeUnit.SECONDS);
		assertThat(second.head()).isEqualTo(first.head());
		assertThat(store.history(ref)).hasSize(1);
	}

	@Test
	void loadAtAPastVersionShouldFoldOnlyTheEventsUpToIt() {
		String id = Accounts.openWithDeposits(this.repository, 5);
		LoadedAggregate<Account> v3 = this.repository.load(id, LoadOptions.atVersion(3));
		assertThat(v3.metadata().version()).isEqualTo(3);
		assertThat(v3.aggregate().balance()).isEqualByComparingTo("3");
		assertThat(v3.aggregate().log()).containsExactly("+1", "+2");
		assertThat(this.repository.load(id, LoadOptions.atVersion(6)).aggregate().balance()).isEqualByComparingTo("15");
		assertThatExceptionOfType(AggregateNotFoundException.class)
			.isThrownBy(() -> this.repository.load(id, LoadOptions.atVersion(7)));
	}

	@Test
	void aSnapshotServesALongHistory() throws Exception {
		String id = Accounts.newId();
		Account account = Account.create();
		var accountSaved = this.repository.save(account, Account.open(id, "ada"));
		depositInBatches(accountSaved, 120);
		flushAll();
		assertThat(this.observer.count("snapshot.written")).isEqualTo(2);
		Account expected = this.repository.load(id, LoadOptions.defaults().withoutSnapshots()).aggregate();
		purgeState(id);

		NatsRepository<Account> fresh = newRepository(this.observer);
		this.observer.reset();
		LoadedAggregate<Account> loaded = fresh.load(id);
		assertThat(loaded.metadata().source()).as("discarded: %s", this.observer.reasons)
			.isEqualTo(LoadSource.SNAPSHOT);
		assertThat(this.observer.count("snapshot.used")).isEqualTo(1);
		assertThat(loaded.metadata().version()).isEqualTo(121);
		assertThat(loaded.aggregate().balance()).isEqualByComparingTo(expected.balance());
		assertThat(loaded.aggregate().log()).isEqualTo(expected.log());
		// A past version at or above the snapshot starts from it too.
		assertThat(fresh.load(id, LoadOptions.atVersion(110)).metadata().source()).isEqualTo(LoadSource.SNAPSHOT);
		assertThat(fresh.load(id, LoadOptions.atVersion(40)).metadata().source()).isEqualTo(LoadSource.REPLAY);
	}

	@Test
	void aCorruptedSnapshotIsIgnoredCountedAndReplaced() throws Exception {
		String id = Accounts.newId();
		Account account = Account.create();
		var accountSaved = this.repository.save(account, Account.open(id, "ada"));
		depositInBatches(accountSaved, 60);
		flushAll();
		Account expected = this.repository.load(id, LoadOptions.defaults().withoutSnapshots()).aggregate();
		SnapshotStore snapshots = new SnapshotStore(connection, config);
		AggregateRef ref = AggregateRef.of("bank", "Account", id);
		String original = new String(snapshots.read(ref).orElseThrow(), java.nio.charset.StandardCharsets.UTF_8);
		// Same document, altered balance: the state no longer matches its CID.
		String altered = original.replace("\"balance\":\"" + balanceAt(50) + "\"", "\"balance\":\"999999\"");
		assertThat(altered).isNotEqualTo(original);
		snapshots.write(ref, altered.getBytes(java.nio.charset.StandardCharsets.UTF_8));
		purgeState(id);

		this.observer.reset();
		LoadedAggregate<Account> loaded = newRepository(this.observer).load(id);
		assertThat(loaded.metadata().source()).isEqualTo(LoadSource.REPLAY);
		assertThat(loaded.aggregate().balance()).isEqualByComparingTo(expected.balance());
		assertThat(this.observer.count("snapshot.discarded")).isEqualTo(1);
		flushAll();
		assertThat(this.observer.count("snapshot.written")).isEqualTo(1);
		// The replacement is valid and used.
		purgeState(id);
		this.observer.reset();
		assertThat(newRepository(this.observer).load(id).metadata().source()).isEqualTo(LoadSource.SNAPSHOT);
		assertThat(this.observer.count("snapshot.discarded")).isZero();
	}

	@Test
	void aForeignSnapshotIsIgnored() throws Exception {
		String id = Accounts.newId();
		Account account = Account.create();
		var accountSaved = this.repository.save(account, Account.open(id, "ada"));
		depositInBatches(accountSaved, 60);
		flushAll();
		SnapshotStore snapshots = new SnapshotStore(connection, config);
		AggregateRef ref = AggregateRef.of("bank", "Account", id);
		StateDocument genuine = StateDocument.decode(snapshots.read(ref).orElseThrow());
		StateDocument foreign = new StateDocument(genuine.version(), genuine.sequence(), genuine.covers(),
				"0123456789abcdef0123456789abcdef", genuine.state(), genuine.stateCid());
		snapshots.write(ref, foreign.encode());
		purgeState(id);
		this.observer.reset();
		LoadedAggregate<Account> loaded = newRepository(this.observer).load(id);
		assertThat(loaded.metadata().source()).isEqualTo(LoadSource.REPLAY);
		assertThat(loaded.aggregate().balance()).isEqualByComparingTo(balanceAt(61));
		assertThat(this.observer.count("snapshot.discarded")).isEqualTo(1);
		assertThat(DagJson.decode(snapshots.read(ref).orElseThrow())).isNotNull();
	}

	@Test
	void eventsStoredWithoutTheirStateLoadCorrectlyAndRepairTheState() throws Exception {
		String id = Accounts.newId();
		Account account = Account.create();
		var accountSaved = this.repository.save(account, Account.open(id, "ada"));
		accountSaved = this.repository.save(accountSaved, account.deposit("5"));
		AggregateRef ref = AggregateRef.of("bank", "Account", id);
		// A process that appended and died before writing the state.
		EventHead head = store.head(ref).orElseThrow();
		store.append(ref, head, List.of(new NewEvent("Deposited", 1,
				com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode().put("amount", "7"))));

		this.observer.reset();
		NatsRepository<Account> fresh = newRepository(this.observer);
		LoadedAggregate<Account> loaded = fresh.load(id);
		assertThat(loaded.metadata().version()).isEqualTo(3);
		assertThat(loaded.metadata().source()).isEqualTo(LoadSource.STATE);
		assertThat(loaded.aggregate().balance()).isEqualByComparingTo("12");
		assertThat(this.observer.count("state.repaired")).isEqualTo(1);
		flushAll();
		AggregateStateStore states = new AggregateStateStore(connection, connection.jetStream(),
				connection.jetStreamManagement(), config);
		assertThat(StateDocument.decode(states.read(ref).orElseThrow().body()).version()).isEqualTo(3);
		assertThat(newRepository(this.observer).load(id).metadata().source()).isEqualTo(LoadSource.STATE);
	}

	@Test
	void cacheHitsAndMissesAreCounted() {
		String id = Accounts.newId();
		Account account = Account.create();
		this.repository.save(account, Account.open(id, "ada"));
		this.observer.reset();
		this.repository.load(id);
		this.repository.load(id);
		assertThat(this.observer.count("cache.hit")).isEqualTo(2);
		assertThat(this.observer.count("load.success.CACHE")).isEqualTo(2);
		// Another writer moves the head: the cached entry is no longer current.
		newRepository(RepositoryObserver.NONE).update(id, (a) -> a.deposit("1"));
		flushAll();
		assertThat(this.repository.load(id).metadata().source()).isEqualTo(LoadSource.STATE);
		assertThat(this.observer.count("cache.miss")).isEqualTo(1);
	}

	@Test
	void updateUnderContentionAppliesEveryCommandExactlyOnce() throws Exception {
		String id = Accounts.newId();
		this.repository.save(Account.create(), Account.open(id, "ada"));
		int threads = 8;
		int perThread = 25;
		AtomicInteger runs = new AtomicInteger();
		ExecutorService pool = Executors.newFixedThreadPool(threads);
		try {
			List<Future<?>> futures = new ArrayList<>();
			for (int t = 0; t < threads; t++) {
				NatsRepository<Account> writer = newRepository(this.observer);
				futures.add(pool.submit(() -> {
					for (int i = 0; i < perThread; i++) {
						writer.update(id, (a) -> {
							runs.incrementAndGet();
							return a.deposit("1");
						});
					}
					return null;
				}));
			}
			for (Future<?> future : futures) {
				future.get(120, TimeUnit.SECONDS);
			}
		}
		finally {
			pool.shutdownNow();
		}
		LoadedAggregate<Account> loaded = this.repository.load(id, LoadOptions.defaults().withoutSnapshots());
		assertThat(loaded.aggregate().balance()).isEqualByComparingTo(Integer.toString(threads * perThread));
		assertThat(loaded.metadata().version()).isEqualTo(1 + threads * perThread);
		assertThat(this.repository.findEvents(id, 1, Long.MAX_VALUE)).hasSize(1 + threads * perThread);
		assertThat(runs.get()).isGreaterThanOrEqualTo(threads * perThread);
	}

	@Test
	void queryReadsTheStateOfMatchingAggregates() {
		String prefix = Ids.nextShort("q");
		for (int i = 1; i <= 3; i++) {
			Account account = Account.create();
			var accountSaved = this.repository.save(account, Account.open(prefix + "-" + i, "owner" + i));
			accountSaved = this.repository.save(accountSaved, account.deposit(Integer.toString(i)));
		}
		flushAll();
		List<LoadedAggregate<Account>> found = this.repository.findAllByIdPattern(prefix + "-*");
		assertThat(found).extracting((loaded) -> loaded.metadata().id())
			.containsExactly(prefix + "-1", prefix + "-2", prefix + "-3");
		assertThat(found).allSatisfy((loaded) -> assertThat(loaded.metadata().version()).isEqualTo(2));
		assertThat(found.get(2).aggregate().balance()).isEqualByComparingTo("3");
		assertThat(this.repository.findAllByIdPattern(prefix + "-2")).hasSize(1);
		assertThat(this.repository.findAllByIdPattern("*")).hasSizeGreaterThanOrEqualTo(3);
		assertThatIllegalArgumentException().isThrownBy(() -> this.repository.findAllByIdPattern("a.b"));
	}

	private void depositInBatches(LoadedAggregate<Account> created, int deposits) {
		LoadedAggregate<Account> current = created;
		int done = 0;
		while (done < deposits) {
			int last = Math.min(deposits, done + 7);
			current = this.repository.save(current, Accounts.deposits(done + 1, last));
			done = last;
		}
	}

	/** The balance after deposits 1..n-1, that is at version n. */
	private static String balanceAt(int version) {
		int n = version - 1;
		return Integer.toString(n * (n + 1) / 2);
	}

	private static void purgeState(String id) throws Exception {
		flushAll();
		jsm.purgeStream(config.aggregateStreamName(),
				PurgeOptions.subject(config.subjectPrefix() + ".aggregates.bank.Account." + id + ".state"));
	}

}
