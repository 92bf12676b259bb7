package dev.cim.persistence.testsupport;

import dev.cim.persistence.autoconfigure.counter.Counter;
import dev.cim.persistence.repository.LoadedAggregate;
import dev.cim.persistence.repository.support.NatsRepository;
import io.nats.client.Connection;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link ProvisionedStoreExtension}: each parameter gets a provisioned store of its own.
 */
@NatsIntegrationTest
class ProvisionedStoreExtensionIntegrationTests {

	private static ProvisionedStore classStore;

	private ProvisionedStore eachStore;

	@BeforeAll
	static void rememberClassStore(ProvisionedStore store) {
		classStore = store;
	}

	@BeforeEach
	void rememberEachStore(ProvisionedStore store) {
		this.eachStore = store;
	}

	@Test
	void aStoreIsProvisionedAndItsRepositoriesSaveAndLoad(ProvisionedStore store) throws Exception {
		assertThat(store.jetStreamManagement().getStreamNames()).contains(store.config().eventStreamName(),
				store.config().aggregateStreamName());
		assertThat(store.config().eventStreamName()).startsWith(store.prefix());
		NatsRepository<Counter> counters = store.repository(Counter.class);
		String id = Ids.next("c");
		Counter counter = Counter.create();
		LoadedAggregate<Counter> saved = counters.save(counter, Counter.start(id));
		counters.save(saved, counter.add(3));
		assertThat(store.repository(Counter.class).load(id).aggregate().value()).isEqualTo(3);
		assertThat(store.eventStore().history(dev.cim.persistence.repository.AggregateRef.of("test", "Counter", id)))
			.hasSize(2);
	}

	@Test
	void everyParameterHasItsOwnPrefixAndTheClassStoreOutlivesTheTests(ProvisionedStore first,
			ProvisionedStore second) {
		assertThat(first.prefix()).isNotEqualTo(second.prefix())
			.isNotEqualTo(classStore.prefix())
			.isNotEqualTo(this.eachStore.prefix());
		assertThat(classStore.connection().getStatus()).isEqualTo(Connection.Status.CONNECTED);
		assertThat(this.eachStore.connection().getStatus()).isEqualTo(Connection.Status.CONNECTED);
	}

	@Test
	void settingsOnTheParameterAreApplied(
			@StoreSettings(snapshotEvery = 7, ipldCodec = "dag-cbor", verifyOnLoad = true) ProvisionedStore store,
			@StoreSettings(enableIpld = false) ProvisionedStore plain) {
		assertThat(store.config().snapshotEvery()).isEqualTo(7);
		assertThat(store.config().ipldCodec()).isEqualTo("dag-cbor");
		assertThat(store.config().verifyOnLoad()).isTrue();
		assertThat(plain.config().enableIpld()).isFalse();
		assertThat(plain.config().snapshotEvery()).isEqualTo(100);
	}

	@Test
	void configProvisionsAnotherStoreWithTheSettingsChangedAndClosesItWithTheFirst(
			@StoreSettings(snapshotEvery = 7) ProvisionedStore store) throws Exception {
		ProvisionedStore other = store.config((config) -> config.verifyOnLoad(true));
		assertThat(other.prefix()).isNotEqualTo(store.prefix());
		assertThat(other.config().snapshotEvery()).isEqualTo(7);
		assertThat(other.config().verifyOnLoad()).isTrue();
		assertThat(other.jetStreamManagement().getStreamNames()).contains(other.config().eventStreamName());
		store.close();
		assertThat(other.connection().getStatus()).isEqualTo(Connection.Status.CLOSED);
		assertThat(store.connection().getStatus()).isEqualTo(Connection.Status.CLOSED);
	}

}
