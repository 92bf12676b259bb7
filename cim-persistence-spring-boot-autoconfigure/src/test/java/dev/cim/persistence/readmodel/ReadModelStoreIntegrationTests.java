package dev.cim.persistence.readmodel;

import java.util.List;

import dev.cim.persistence.nats.JetStreamProvisioner;
import dev.cim.persistence.nats.NatsRepositoryConfig;
import dev.cim.persistence.readmodel.LedgerEvents.Opened;
import dev.cim.persistence.testsupport.NatsIntegrationTest;
import dev.cim.persistence.testsupport.NatsTestServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link ReadModelStore} against a real nats-server: save, find, delete, query, and the
 * active slot.
 */
@NatsIntegrationTest
class ReadModelStoreIntegrationTests {

	private static final NatsRepositoryConfig CONFIG = NatsRepositoryConfig.defaults();

	private static ReadModelStore store;

	@BeforeAll
	static void provision(NatsTestServer server) throws Exception {
		var connection = server.connect();
		new JetStreamProvisioner(connection, CONFIG).provision();
		store = new ReadModelStore(connection, CONFIG);
	}

	@Test
	void saveThenFindByIdReturnsTheValueWithItsMetadata() {
		Summary summary = new Summary("s-1", "PLACED", "c-1", 30);
		ReadModelMetadata written = store.save(Summary.class, "s-1", summary, 42);
		ReadModelEntry<Summary> entry = store.findEntryById(Summary.class, "s-1").orElseThrow();
		assertThat(entry.value()).isEqualTo(summary);
		assertThat(entry.metadata()).isEqualTo(written);
		assertThat(entry.metadata().schemaVersion()).isEqualTo(1);
		assertThat(entry.metadata().lastSequence()).isEqualTo(42);
		assertThat(store.findById(Summary.class, "s-1")).contains(summary);
	}

	@Test
	void findByIdOfAMissingEntryIsEmpty() {
		assertThat(store.findById(Summary.class, "missing")).isEmpty();
	}

	@Test
	void deleteRemovesTheEntryAndOnlyThatEntry() {
		Summary deleted = new Summary("d-1", "PLACED", "c-9", 1);
		Summary kept = new Summary("d-2", "PLACED", "c-9", 2);
		store.save(Summary.class, "d-1", deleted, 1);
		store.save(Summary.class, "d-2", kept, 2);
		assertThat(store.findById(Summary.class, "d-1")).as("the entry before the delete").contains(deleted);
		store.delete(Summary.class, "d-1");
		assertThat(store.findById(Summary.class, "d-1")).isEmpty();
		assertThat(store.findAll(Summary.class, ReadModelQuery.idPattern("d-*"))).containsExactly(kept);
	}

	@Test
	void queryFiltersByIdPatternAndFieldEquality() {
		store.save(Summary.class, "q-1", new Summary("q-1", "PLACED", "c-1", 10), 1);
		store.save(Summary.class, "q-2", new Summary("q-2", "SHIPPED", "c-1", 20), 2);
		store.save(Summary.class, "q-3", new Summary("q-3", "PLACED", "c-2", 30), 3);
		store.save(Summary.class, "other-1", new Summary("other-1", "PLACED", "c-1", 40), 4);
		assertThat(store.findAll(Summary.class, ReadModelQuery.idPattern("q-*"))).extracting(Summary::id)
			.containsExactly("q-1", "q-2", "q-3");
		assertThat(store.findAll(Summary.class, ReadModelQuery.idPattern("q-*").where("status", "PLACED")))
			.extracting(Summary::id)
			.containsExactly("q-1", "q-3");
		assertThat(store.findAll(Summary.class, ReadModelQuery.all().where("customerId", "c-1").where("amount", 40)))
			.extracting(Summary::id)
			.containsExactly("other-1");
		assertThat(store.findAll(Summary.class, ReadModelQuery.idPattern("q-2"))).extracting(Summary::id)
			.containsExactly("q-2");
		assertThat(store.query(Summary.class, ReadModelQuery.all().where("status", "CANCELLED"))).isEmpty();
	}

	@Test
	void readsFollowTheActiveSlot() {
		store.save(Summary.class, "a-1", new Summary("a-1", "OLD", "c", 1), 1);
		var record = store.readActive("Summary");
		long revision = record.map(ReadModelStore.Versioned::revision).orElse(0L);
		assertThat(store.writeActive("Summary", new ActiveVersion("v1-r1", null), revision)).isTrue();
		assertThat(store.findById(Summary.class, "a-1")).isEmpty();
		store.save(Summary.class, "a-1", new Summary("a-1", "NEW", "c", 2), 2);
		assertThat(store.findEntry(Summary.class, "v1", "a-1")).isPresent();
		assertThat(store.findById(Summary.class, "a-1").map(Summary::status)).contains("NEW");
		assertThat(store.activeVersion("Summary")).contains(new ActiveVersion("v1-r1", null));
		assertThat(store.writeActive("Summary", new ActiveVersion("v1", null), revision))
			.as("a stale revision is refused")
			.isFalse();
		assertThat(store.keys(ReadModelKeys.entries("Summary", "v1-r1"))).containsExactly("Summary.v1-r1.a-1");
		assertThat(List.of(ReadModelKeys.versionOf("v1-r1"), ReadModelKeys.rebuildOf("v1-r1"))).containsExactly(1, 1);
	}

	@ReadModel(type = "Summary")
	record Summary(String id, String status, String customerId, long amount) {

		@Apply
		static Summary on(Opened event, EventContext context) {
			return new Summary(context.aggregateId(), "OPEN", event.owner(), 0);
		}

	}

}
