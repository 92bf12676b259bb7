package dev.cim.persistence.repository.support;

import java.time.Duration;

import dev.cim.persistence.repository.AggregateNotFoundException;
import dev.cim.persistence.repository.LoadOptions;
import dev.cim.persistence.repository.LoadSource;
import dev.cim.persistence.repository.LoadedAggregate;
import dev.cim.persistence.testsupport.NatsIntegrationTest;
import dev.cim.persistence.testsupport.ProvisionedStore;
import dev.cim.persistence.testsupport.StoreSettings;
import io.nats.client.KeyValue;
import io.nats.client.api.MessageInfo;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Where the aggregate loader takes a load from, and what it repairs, against a real
 * nats-server with a snapshot every five events.
 */
@NatsIntegrationTest
class AggregateLoaderIntegrationTests {

	private final CountingObserver observer = new CountingObserver();

	/** Open an account and deposit 1, 2, ... until it is at the version, then flush. */
	private static String accountAt(NatsRepository<Account> repository, int version) {
		String id = Accounts.openWithDeposits(repository, version - 1);
		assertThat(repository.flush(Duration.ofSeconds(10))).isTrue();
		return id;
	}

	private static String balanceAt(int version) {
		return Integer.toString((version - 1) * version / 2);
	}

	private NatsRepository<Account> fresh(ProvisionedStore store) {
		return store.repository(Account.class, this.observer);
	}

	private static void purgeStates(ProvisionedStore store) throws Exception {
		store.jetStreamManagement().purgeStream(store.config().aggregateStreamName());
	}

	private static KeyValue snapshots(ProvisionedStore store) throws Exception {
		return store.connection().keyValue(store.config().snapshotBucket());
	}

	private static String snapshotKey(ProvisionedStore store, String id) throws Exception {
		return snapshots(store).keys()
			.stream()
			.filter((key) -> key.endsWith("." + id))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no snapshot of " + id));
	}

	private static long snapshotVersion(ProvisionedStore store, String id) throws Exception {
		return StateDocument.decode(snapshots(store).get(snapshotKey(store, id)).getValue()).version();
	}

	private static MessageInfo lastState(ProvisionedStore store) throws Exception {
		return store.jetStreamManagement().getLastMessage(store.config().aggregateStreamName(), store.prefix() + ".>");
	}

	@Test
	void aLoadFromTheStateIsFollowedByACacheHit(@StoreSettings(snapshotEvery = 5) ProvisionedStore store) {
		String id = accountAt(store.repository(Account.class), 3);
		NatsRepository<Account> repository = fresh(store);
		assertThat(repository.load(id).metadata().source()).isEqualTo(LoadSource.STATE);
		LoadedAggregate<Account> again = repository.load(id);
		assertThat(again.metadata().source()).isEqualTo(LoadSource.CACHE);
		assertThat(again.aggregate().balance()).isEqualByComparingTo(balanceAt(3));
		assertThat(this.observer.count("cache.hit")).isEqualTo(1);
	}

	@Test
	void aReplayWithoutSnapshotsIsKeptInTheCache(@StoreSettings(snapshotEvery = 5) ProvisionedStore store) {
		String id = accountAt(store.repository(Account.class), 3);
		NatsRepository<Account> repository = fresh(store);
		LoadedAggregate<Account> replayed = repository.load(id, LoadOptions.defaults().withoutSnapshots());
		assertThat(replayed.metadata().source()).isEqualTo(LoadSource.REPLAY);
		assertThat(repository.load(id).metadata().source()).isEqualTo(LoadSource.CACHE);
	}

	@Test
	void anUpdateOfACachedAggregateCountsACacheHit(@StoreSettings(snapshotEvery = 5) ProvisionedStore store) {
		String id = accountAt(store.repository(Account.class), 3);
		NatsRepository<Account> repository = fresh(store);
		repository.load(id);
		this.observer.reset();
		LoadedAggregate<Account> updated = repository.update(id, (account) -> account.deposit("4"));
		assertThat(updated.metadata().version()).isEqualTo(4);
		assertThat(this.observer.count("cache.hit")).isEqualTo(1);
		assertThat(this.observer.count("cache.miss")).isZero();
	}

	@Test
	void aReplayReachingTheIntervalWritesASnapshot(@StoreSettings(snapshotEvery = 5) ProvisionedStore store)
			throws Exception {
		String id = accountAt(store.repository(Account.class), 5);
		purgeStates(store);
		snapshots(store).purge(snapshotKey(store, id));
		NatsRepository<Account> repository = fresh(store);
		LoadedAggregate<Account> loaded = repository.load(id);
		assertThat(loaded.metadata().source()).isEqualTo(LoadSource.REPLAY);
		assertThat(repository.flush(Duration.ofSeconds(10))).isTrue();
		assertThat(this.observer.count("snapshot.written")).isEqualTo(1);
		assertThat(this.observer.count("snapshot.discarded")).isZero();
		assertThat(this.observer.count("state.repaired")).isEqualTo(1);
		assertThat(snapshotVersion(store, id)).isEqualTo(5);
	}

	@Test
	void aReplayShortOfTheIntervalWritesNoSnapshot(@StoreSettings(snapshotEvery = 5) ProvisionedStore store)
			throws Exception {
		String id = accountAt(store.repository(Account.class), 4);
		purgeStates(store);
		NatsRepository<Account> repository = fresh(store);
		assertThat(repository.load(id).metadata().source()).isEqualTo(LoadSource.REPLAY);
		assertThat(repository.flush(Duration.ofSeconds(10))).isTrue();
		assertThat(this.observer.count("state.repaired")).isEqualTo(1);
		assertThat(this.observer.count("snapshot.written")).isZero();
	}

	@Test
	void aSnapshotInTheCurrentIntervalIsNotWrittenAgain(@StoreSettings(snapshotEvery = 5) ProvisionedStore store)
			throws Exception {
		String id = accountAt(store.repository(Account.class), 7);
		purgeStates(store);
		NatsRepository<Account> repository = fresh(store);
		LoadedAggregate<Account> loaded = repository.load(id);
		assertThat(loaded.metadata().source()).isEqualTo(LoadSource.SNAPSHOT);
		assertThat(loaded.metadata().version()).isEqualTo(7);
		assertThat(loaded.aggregate().balance()).isEqualByComparingTo(balanceAt(7));
		assertThat(repository.flush(Duration.ofSeconds(10))).isTrue();
		assertThat(this.observer.count("snapshot.used")).isEqualTo(1);
		assertThat(this.observer.count("snapshot.written")).isZero();
		assertThat(snapshotVersion(store, id)).isEqualTo(5);
	}

	@Test
	void aSnapshotOfAnEarlierIntervalIsWrittenAgain(@StoreSettings(snapshotEvery = 5) ProvisionedStore store)
			throws Exception {
		NatsRepository<Account> writer = store.repository(Account.class);
		String id = accountAt(writer, 5);
		byte[] atFive = snapshots(store).get(snapshotKey(store, id)).getValue();
		for (int i = 5; i <= 9; i++) {
			writer.update(id, (account) -> account.deposit("0"));
		}
		assertThat(writer.flush(Duration.ofSeconds(10))).isTrue();
		assertThat(snapshotVersion(store, id)).isEqualTo(10);
		snapshots(store).put(snapshotKey(store, id), atFive);
		purgeStates(store);
		NatsRepository<Account> repository = fresh(store);
		LoadedAggregate<Account> loaded = repository.load(id);
		assertThat(loaded.metadata().source()).isEqualTo(LoadSource.SNAPSHOT);
		assertThat(loaded.metadata().version()).isEqualTo(10);
		assertThat(repository.flush(Duration.ofSeconds(10))).isTrue();
		assertThat(this.observer.count("snapshot.written")).isEqualTo(1);
		assertThat(snapshotVersion(store, id)).isEqualTo(10);
	}

	@Test
	void aDeletedSnapshotEntryIsIgnored(@StoreSettings(snapshotEvery = 5) ProvisionedStore store) throws Exception {
		String id = accountAt(store.repository(Account.class), 7);
		purgeStates(store);
		snapshots(store).delete(snapshotKey(store, id));
		NatsRepository<Account> repository = fresh(store);
		LoadedAggregate<Account> loaded = repository.load(id);
		assertThat(loaded.metadata().source()).isEqualTo(LoadSource.REPLAY);
		assertThat(loaded.aggregate().balance()).isEqualByComparingTo(balanceAt(7));
		assertThat(repository.flush(Duration.ofSeconds(10))).isTrue();
		assertThat(this.observer.count("snapshot.discarded")).isZero();
		// Seven events and no snapshot: the replay writes the one of the interval.
		assertThat(this.observer.count("snapshot.written")).isEqualTo(1);
	}

	@Test
	void aSnapshotNewerThanTheStateWins(@StoreSettings(snapshotEvery = 5) ProvisionedStore store) throws Exception {
		NatsRepository<Account> writer = store.repository(Account.class);
		String id = accountAt(writer, 3);
		MessageInfo state = lastState(store);
		for (int i = 3; i <= 6; i++) {
			writer.update(id, (account) -> account.deposit("0"));
		}
		assertThat(writer.flush(Duration.ofSeconds(10))).isTrue();
		purgeStates(store);
		store.connection().jetStream().publish(state.getSubject(), state.getData());
		LoadedAggregate<Account> loaded = fresh(store).load(id);
		assertThat(loaded.metadata().source()).isEqualTo(LoadSource.SNAPSHOT);
		assertThat(loaded.metadata().version()).isEqualTo(7);
		assertThat(loaded.aggregate().balance()).isEqualByComparingTo(balanceAt(3));
		assertThat(this.observer.count("snapshot.used")).isEqualTo(1);
	}

	@Test
	void aStateAsNewAsTheSnapshotIsPreferred(@StoreSettings(snapshotEvery = 5) ProvisionedStore store)
			throws Exception {
		NatsRepository<Account> writer = store.repository(Account.class);
		String id = accountAt(writer, 5);
		MessageInfo state = lastState(store);
		writer.update(id, (account) -> account.deposit("5"));
		writer.update(id, (account) -> account.deposit("6"));
		assertThat(writer.flush(Duration.ofSeconds(10))).isTrue();
		purgeStates(store);
		store.connection().jetStream().publish(state.getSubject(), state.getData());
		LoadedAggregate<Account> loaded = fresh(store).load(id);
		assertThat(loaded.metadata().source()).isEqualTo(LoadSource.STATE);
		assertThat(loaded.metadata().version()).isEqualTo(7);
		assertThat(loaded.aggregate().balance()).isEqualByComparingTo(balanceAt(7));
		assertThat(this.observer.count("snapshot.used")).isZero();
	}

	@Test
	void aSnapshotOfAnotherHistoryIsDiscardedAndReplaced(@StoreSettings(snapshotEvery = 5) ProvisionedStore store)
			throws Exception {
		NatsRepository<Account> writer = store.repository(Account.class);
		String other = accountAt(writer, 7);
		String id = accountAt(writer, 7);
		KeyValue snapshots = snapshots(store);
		snapshots.put(snapshotKey(store, id), snapshots.get(snapshotKey(store, other)).getValue());
		purgeStates(store);
		NatsRepository<Account> repository = fresh(store);
		LoadedAggregate<Account> loaded = repository.load(id);
		assertThat(loaded.metadata().source()).isEqualTo(LoadSource.REPLAY);
		assertThat(loaded.aggregate().id()).isEqualTo(id);
		assertThat(loaded.aggregate().balance()).isEqualByComparingTo(balanceAt(7));
		assertThat(this.observer.count("snapshot.discarded")).isEqualTo(1);
		assertThat(this.observer.reasons).singleElement().asString().contains("not in the stream");
		assertThat(repository.flush(Duration.ofSeconds(10))).isTrue();
		assertThat(this.observer.count("snapshot.written")).isEqualTo(1);
	}

	@Test
	void aLoadAtTheSnapshotsVersionStartsFromTheSnapshot(@StoreSettings(snapshotEvery = 5) ProvisionedStore store) {
		String id = accountAt(store.repository(Account.class), 7);
		NatsRepository<Account> repository = fresh(store);
		LoadedAggregate<Account> atFive = repository.load(id, LoadOptions.atVersion(5));
		assertThat(atFive.metadata().source()).isEqualTo(LoadSource.SNAPSHOT);
		assertThat(atFive.metadata().version()).isEqualTo(5);
		assertThat(atFive.aggregate().balance()).isEqualByComparingTo(balanceAt(5));
		LoadedAggregate<Account> atSix = repository.load(id, LoadOptions.atVersion(6));
		assertThat(atSix.metadata().source()).isEqualTo(LoadSource.SNAPSHOT);
		assertThat(atSix.metadata().version()).isEqualTo(6);
		assertThat(atSix.aggregate().balance()).isEqualByComparingTo(balanceAt(6));
		LoadedAggregate<Account> atFour = repository.load(id, LoadOptions.atVersion(4));
		assertThat(atFour.metadata().source()).isEqualTo(LoadSource.REPLAY);
		assertThat(atFour.metadata().version()).isEqualTo(4);
		assertThat(atFour.aggregate().balance()).isEqualByComparingTo(balanceAt(4));
		assertThat(this.observer.count("snapshot.discarded")).isZero();
	}

	@Test
	void aLoadAtAVersionDiscardsASnapshotOfAnotherHistory(@StoreSettings(snapshotEvery = 5) ProvisionedStore store)
			throws Exception {
		NatsRepository<Account> writer = store.repository(Account.class);
		String other = accountAt(writer, 7);
		String id = accountAt(writer, 7);
		KeyValue snapshots = snapshots(store);
		snapshots.put(snapshotKey(store, id), snapshots.get(snapshotKey(store, other)).getValue());
		LoadedAggregate<Account> atSix = fresh(store).load(id, LoadOptions.atVersion(6));
		assertThat(atSix.metadata().source()).isEqualTo(LoadSource.REPLAY);
		assertThat(atSix.aggregate().id()).isEqualTo(id);
		assertThat(atSix.aggregate().balance()).isEqualByComparingTo(balanceAt(6));
		assertThat(this.observer.count("snapshot.discarded")).isEqualTo(1);
	}

	@Test
	void aVerifiedLoadAtAVersionFoldsExactlyToIt(@StoreSettings(snapshotEvery = 5) ProvisionedStore store) {
		String id = accountAt(store.repository(Account.class), 4);
		NatsRepository<Account> repository = fresh(store);
		LoadedAggregate<Account> atThree = repository.load(id, LoadOptions.atVersion(3).withVerification());
		assertThat(atThree.metadata().source()).isEqualTo(LoadSource.REPLAY);
		assertThat(atThree.metadata().version()).isEqualTo(3);
		assertThat(atThree.aggregate().balance()).isEqualByComparingTo(balanceAt(3));
		LoadedAggregate<Account> atFour = repository.load(id, LoadOptions.atVersion(4).withVerification());
		assertThat(atFour.metadata().version()).isEqualTo(4);
		assertThat(atFour.aggregate().balance()).isEqualByComparingTo(balanceAt(4));
		LoadedAggregate<Account> newest = repository.load(id, LoadOptions.defaults().withVerification());
		assertThat(newest.metadata().version()).isEqualTo(4);
		assertThatExceptionOfType(AggregateNotFoundException.class)
			.isThrownBy(() -> repository.load(id, LoadOptions.atVersion(5).withVerification()));
	}

}
