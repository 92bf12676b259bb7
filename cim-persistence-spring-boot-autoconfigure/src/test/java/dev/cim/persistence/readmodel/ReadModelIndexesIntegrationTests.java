package dev.cim.persistence.readmodel;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.IntStream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import dev.cim.persistence.event.StoreObjectMappers;
import dev.cim.persistence.query.Query;
import dev.cim.persistence.query.QueryHint;
import dev.cim.persistence.query.QueryOptimizer;
import dev.cim.persistence.query.QueryPlan;
import dev.cim.persistence.query.QueryResult;
import dev.cim.persistence.query.QueryRow;
import dev.cim.persistence.query.QueryStrategy;
import dev.cim.persistence.query.ReadModelSecondaryIndexes;
import dev.cim.persistence.readmodel.LedgerEvents.Closed;
import dev.cim.persistence.readmodel.LedgerEvents.Credited;
import dev.cim.persistence.readmodel.LedgerEvents.Debited;
import dev.cim.persistence.readmodel.LedgerEvents.Opened;
import dev.cim.persistence.testsupport.NatsIntegrationTest;
import dev.cim.persistence.testsupport.ProvisionedStore;
import io.nats.client.KeyValue;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Secondary indexes against a real nats-server: the projection runner keeps them in step
 * with the entries, a stale index entry is filtered out by the check against the entry,
 * {@code createIndex} indexes existing entries, a rebuild fills the new slot's indexes,
 * awkward values fit, and {@code findByIndex} agrees with a full scan on generated models
 * and updates.
 */
@NatsIntegrationTest
class ReadModelIndexesIntegrationTests {

	private static final Duration WAIT = Duration.ofSeconds(60);

	private static final ObjectMapper JSON = StoreObjectMappers.forEvents();

	private static final List<String> AWKWARD = List.of("", " ", "a.b", "a b", "*", ">", "a.*.>", "Zoë 東京 🚀",
			"tab\there", "q".repeat(97), "z".repeat(10 * 1024));

	private static ProvisionedStore provisioned;

	private static Ledgers ledgers;

	private static ProjectionRunner runner;

	private static ReadModelStore store;

	private static KeyValue indexBucket;

	@BeforeAll
	static void start(ProvisionedStore provisionedStore) throws Exception {
		provisioned = provisionedStore;
		ledgers = new Ledgers(provisionedStore.eventStore());
		runner = runner(provisionedStore, Holder.class);
		runner.start();
		store = runner.store();
		indexBucket = provisionedStore.connection().keyValue(provisionedStore.config().indexBucket());
	}

	@AfterAll
	static void stop() {
		if (runner != null) {
			runner.stop();
		}
	}

	@Test
	void indexEntriesAppearMoveAndDisappearAsEventsChangeTheModel() throws Exception {
		String id = Ledgers.newId("follow");
		String owner = "ann-" + id;
		applied(ledgers.append(id, new Opened(owner)));
		assertThat(indexKeysOf(id, "owner", "standing")).containsExactlyInAnyOrder(key("owner", owner, id),
				key("standing", "EVEN", id));
		assertThat(store.findByIndex(Holder.class, "owner", owner)).extracting(Holder::id).containsExactly(id);

		applied(ledgers.append(id, new Credited(10)));
		assertThat(indexKeysOf(id, "owner", "standing")).containsExactlyInAnyOrder(key("owner", owner, id),
				key("standing", "CREDIT", id));
		assertThat(store.findByIndex(Holder.class, "standing", "CREDIT")).extracting(Holder::id).contains(id);

		applied(ledgers.append(id, new Debited(30)));
		assertThat(indexKeysOf(id, "owner", "standing")).containsExactlyInAnyOrder(key("owner", owner, id),
				key("standing", "DEBT", id));
		assertThat(store.findByIndex(Holder.class, "standing", "DEBT")).extracting(Holder::id).contains(id);
		assertThat(store.findByIndex(Holder.class, "standing", "CREDIT")).extracting(Holder::id).doesNotContain(id);

		applied(ledgers.append(id, new Closed()));
		assertThat(indexKeysOf(id)).isEmpty();
		assertThat(store.findByIndex(Holder.class, "owner", owner)).isEmpty();
		assertThat(store.indexes().indexes("Holder")).contains("owner", "standing");
	}

	@Test
	void theQueryOptimizerPlansWithTheIndexesAndAgreesWithAFullScan() throws Exception {
		String owner = "erin-" + Ledgers.newId("planned");
		List<String> ids = new ArrayList<>();
		long last = 0;
		for (int i = 0; i < 3; i++) {
			String id = Ledgers.newId("planned");
			ids.add(id);
			last = ledgers.append(id, new Opened(owner));
		}
		applied(last);
		// A stale entry: the index says this holder has the owner, its entry says
		// otherwise.
		String other = Ledgers.newId("planned");
		applied(ledgers.append(other, new Opened("frank-" + other)));
		indexBucket.put(key("owner", owner, other), new byte[0]);

		try (QueryOptimizer optimizer = new QueryOptimizer(provisioned.connection(), provisioned.config(),
				new ReadModelSecondaryIndexes(store.indexes()))) {
			String query = "readmodel:Holder where owner = \"" + owner + "\"";
			QueryPlan plan = optimizer.createPlan(Query.parse(query), QueryHint.none());
			assertThat(plan.estimates()).filteredOn((estimate) -> estimate.strategy() == QueryStrategy.SECONDARY_INDEX)
				.singleElement()
				.satisfies((estimate) -> assertThat(estimate.applicable() && estimate.executable()).isTrue());
			QueryResult indexed = optimizer.execute(query, QueryHint.force(QueryStrategy.SECONDARY_INDEX));
			QueryResult scanned = optimizer.execute(query, QueryHint.force(QueryStrategy.FULL_SCAN));
			assertThat(indexed.performance().strategy()).isEqualTo(QueryStrategy.SECONDARY_INDEX);
			assertThat(ids(indexed)).containsExactlyInAnyOrderElementsOf(ids).isEqualTo(ids(scanned));
			// The index path reads the candidates only, the scan every entry of the slot.
			assertThat(indexed.performance().messagesRead()).isLessThan(scanned.performance().messagesRead());
		}
	}

	private static List<String> ids(QueryResult result) {
		return result.rows().stream().map((row) -> ((QueryRow.ReadModelRow) row).id()).sorted().toList();
	}

	@Test
	void aStaleIndexEntryPlantedByHandIsFilteredOutByTheCheckAgainstTheEntry() throws Exception {
		String id = Ledgers.newId("stale");
		String owner = "carl-" + id;
		String other = "dora-" + id;
		applied(ledgers.append(id, new Opened(owner)));
		indexBucket.put(key("owner", other, id), new byte[0]);
		indexBucket.put(key("owner", owner, "ghost-" + id), new byte[0]);

		assertThat(store.indexes().lookup("Holder", "owner", other)).containsExactly(id);
		assertThat(store.findByIndex(Holder.class, "owner", other)).isEmpty();
		assertThat(store.indexes().lookup("Holder", "owner", owner)).containsExactly("ghost-" + id, id);
		assertThat(store.findByIndex(Holder.class, "owner", owner)).extracting(Holder::id).containsExactly(id);
		assertThatExceptionOfType(IllegalArgumentException.class)
			.isThrownBy(() -> store.indexes().lookup("Holder", "*", owner));
	}

	@Test
	void createIndexIndexesTheEntriesAlreadyThereAndTheProjectionKeepsItInStep() throws Exception {
		List<String> ids = IntStream.range(0, 6).mapToObj((i) -> Ledgers.newId("created")).toList();
		long last = 0;
		for (int i = 0; i < ids.size(); i++) {
			List<Object> events = new ArrayList<>();
			events.add(new Opened("erin"));
			IntStream.range(0, i % 3).forEach((n) -> events.add(new Credited(1)));
			last = ledgers.append(ids.get(i), events);
		}
		applied(last);
		assertThat(store.indexes().indexes("Holder")).doesNotContain("moves");

		store.indexes().createIndex("Holder", "moves");

		assertThat(store.indexes().indexes("Holder")).contains("moves");
		for (String id : ids) {
			Holder holder = store.findById(Holder.class, id).orElseThrow();
			assertThat(indexKeysOf(id)).contains(numberKey("moves", holder.moves(), id));
		}
		assertThat(store.findByIndex(Holder.class, "moves", 3)).extracting(Holder::id)
			.contains(ids.get(2), ids.get(5))
			.isEqualTo(scan("moves", 3));

		applied(ledgers.append(ids.get(0), new Credited(1), new Credited(1)));
		assertThat(indexKeysOf(ids.get(0))).contains(numberKey("moves", 3, ids.get(0)))
			.doesNotContain(numberKey("moves", 1, ids.get(0)));
		assertThat(store.findByIndex(Holder.class, "moves", 3)).extracting(Holder::id).contains(ids.get(0));
		assertThatExceptionOfType(InvalidReadModelException.class)
			.isThrownBy(() -> store.indexes().createIndex(Holder.class, "nothing"));
	}

	@Test
	void valuesWithDotsSpacesUnicodeEmptyAndTenKilobytesAreIndexed() throws Exception {
		Map<String, String> idsByOwner = new LinkedHashMap<>();
		long last = 0;
		for (String owner : AWKWARD) {
			String id = Ledgers.newId("odd");
			idsByOwner.put(owner, id);
			last = ledgers.append(id, new Opened(owner));
		}
		applied(last);
		idsByOwner.forEach((owner, id) -> {
			assertThat(store.indexes().lookup("Holder", "owner", owner)).as(owner).containsExactly(id);
			assertThat(store.findByIndex(Holder.class, "owner", owner)).as(owner)
				.extracting(Holder::id)
				.containsExactly(id);
		});
	}

	@Test
	void directSavesAndDeletesKeepTheIndexInStep() throws Exception {
		String id = Ledgers.newId("direct");
		store.save(Holder.class, id, new Holder(id, "fay-" + id, "EVEN", 0, 1), 1);
		assertThat(indexKeysOf(id, "owner", "standing")).containsExactlyInAnyOrder(key("owner", "fay-" + id, id),
				key("standing", "EVEN", id));
		store.save(Holder.class, id, new Holder(id, "gus-" + id, "DEBT", -1, 2), 2);
		assertThat(indexKeysOf(id, "owner", "standing")).containsExactlyInAnyOrder(key("owner", "gus-" + id, id),
				key("standing", "DEBT", id));
		store.delete(Holder.class, id);
		assertThat(indexKeysOf(id)).isEmpty();
	}

	@Test
	void findByIndexReturnsWhatAFullScanFilteredInMemoryReturnsOnGeneratedModelsAndUpdates() throws Exception {
		Random random = new Random(20261202);
		String run = Ledgers.newId("p");
		List<String> owners = List.of(run, run + ".x", run + " y", run + "Zoë", "10", "10.0", "1e1",
				run + "-" + "w".repeat(120));
		List<String> ids = IntStream.range(0, 24).mapToObj((i) -> run + "-" + i).toList();
		Set<String> open = new HashSet<>();
		for (int round = 0; round < 5; round++) {
			long last = 0;
			for (String id : ids) {
				List<Object> events = new ArrayList<>();
				int dice = random.nextInt(10);
				if (!open.contains(id) || dice == 0) {
					events.add(new Opened(owners.get(random.nextInt(owners.size()))));
					open.add(id);
				}
				else if (dice == 1) {
					events.add(new Closed());
					open.remove(id);
				}
				else {
					IntStream.range(0, 1 + random.nextInt(3))
						.forEach((n) -> events.add(random.nextBoolean() ? new Credited(1 + random.nextInt(8))
								: new Debited(1 + random.nextInt(8))));
				}
				last = ledgers.append(id, events);
			}
			applied(last);
			if (round == 2) {
				store.indexes().createIndex(Holder.class, "total");
			}
			for (int i = 0; i < 5; i++) {
				String id = ids.get(random.nextInt(ids.size()));
				indexBucket.put(key("owner", owners.get(random.nextInt(owners.size())), id), new byte[0]);
				indexBucket.put(key("standing", List.of("EVEN", "CREDIT", "DEBT").get(random.nextInt(3)), id),
						new byte[0]);
				indexBucket.put(numberKey("total", random.nextInt(20) - 10, id), new byte[0]);
			}
			List<Object> values = new ArrayList<>(owners);
			values.addAll(List.of("EVEN", "CREDIT", "DEBT", "nobody", 10, new BigDecimal("10.00")));
			Map<String, List<Object>> queries = new LinkedHashMap<>();
			queries.put("owner", values);
			queries.put("standing", values);
			if (round >= 2) {
				List<Object> totals = new ArrayList<>();
				IntStream.rangeClosed(-30, 30).forEach(totals::add);
				totals.addAll(List.of("5", "-3", new BigDecimal("4.0"), "4.0", "x"));
				queries.put("total", totals);
				assertThat(store.indexes().indexes(Holder.class)).contains("owner", "standing", "total");
			}
			List<ReadModelEntry<Holder>> all = store.query(Holder.class, ReadModelQuery.all());
			for (Map.Entry<String, List<Object>> query : queries.entrySet()) {
				for (Object value : query.getValue()) {
					assertThat(store.findEntriesByIndex(Holder.class, query.getKey(), value))
						.as("round %d, %s = %s", round, query.getKey(), value)
						.isEqualTo(filter(all, query.getKey(), value));
				}
			}
		}
	}

	@Test
	void aRebuildFillsTheIndexesOfTheNewSlotAndPurgesThoseOfTheOldOne() throws Exception {
		ProvisionedStore other = provisioned.config((config) -> config);
		Ledgers more = new Ledgers(other.eventStore());
		ProjectionRunner rebuilt = runner(other, Rebuilt.class);
		rebuilt.start();
		try {
			ReadModelStore views = rebuilt.store();
			KeyValue otherIndexes = other.connection().keyValue(other.config().indexBucket());
			List<String> ids = IntStream.range(0, 12).mapToObj((i) -> Ledgers.newId("blue")).toList();
			Random random = new Random(7);
			long last = 0;
			for (int i = 0; i < ids.size(); i++) {
				last = more.append(ids.get(i), new Opened("o" + (i % 3)), new Credited(1 + random.nextInt(5)),
						new Debited(1 + random.nextInt(5)));
			}
			rebuilt.awaitSequence("Rebuilt", last, WAIT);
			views.indexes().createIndex(Rebuilt.class, "total");
			assertThat(views.indexes().indexes("Rebuilt")).containsExactly("owner", "standing", "total");
			otherIndexes.put(
					ReadModelIndexKeys.entry("Rebuilt", "v1", "owner", ReadModelIndexKeys.encode("o9"), ids.get(0)),
					new byte[0]);

			rebuilt.rebuild("Rebuilt");
			await().atMost(WAIT)
				.until(() -> views.activeVersion("Rebuilt").map(ActiveVersion::slot).orElse(""), "v1-r1"::equals);
			last = more.append(ids.get(0), new Credited(100));
			rebuilt.awaitSequence("Rebuilt", last, WAIT);

			assertThat(views.indexes().indexes("Rebuilt")).containsExactly("owner", "standing", "total");
			List<ReadModelEntry<Rebuilt>> all = views.query(Rebuilt.class, ReadModelQuery.all());
			assertThat(all).hasSize(ids.size());
			Set<String> expected = new HashSet<>();
			for (ReadModelEntry<Rebuilt> entry : all) {
				Rebuilt value = entry.value();
				expected.add(ReadModelIndexKeys.entry("Rebuilt", "v1-r1", "owner",
						ReadModelIndexKeys.encode(value.owner()), entry.id()));
				expected.add(ReadModelIndexKeys.entry("Rebuilt", "v1-r1", "standing",
						ReadModelIndexKeys.encode(value.standing()), entry.id()));
				expected.add(ReadModelIndexKeys.entry("Rebuilt", "v1-r1", "total",
						ReadModelIndexKeys.tokenOf(JSON.valueToTree(value.total())), entry.id()));
			}
			assertThat(otherIndexes.keys("Rebuilt.v1-r1.>")).containsExactlyInAnyOrderElementsOf(expected);
			for (String owner : List.of("o0", "o1", "o2", "o9")) {
				assertThat(views.findEntriesByIndex(Rebuilt.class, "owner", owner)).as(owner)
					.isEqualTo(filter(all, "owner", owner));
			}
			for (ReadModelEntry<Rebuilt> entry : all) {
				long total = entry.value().total();
				assertThat(views.findEntriesByIndex(Rebuilt.class, "total", total)).as("total %d", total)
					.isEqualTo(filter(all, "total", total));
			}
			await().atMost(WAIT).untilAsserted(() -> {
				assertThat(otherIndexes.keys("Rebuilt.v1.>")).as("index entries of the replaced slot").isEmpty();
				assertThat(otherIndexes.get("Rebuilt.v1")).as("registry of the replaced slot").isNull();
			});
		}
		finally {
			rebuilt.stop();
		}
	}

	private static <T> List<ReadModelEntry<T>> filter(List<ReadModelEntry<T>> all, String field,
			@Nullable Object value) {
		JsonNode expected = (value != null) ? JSON.valueToTree(value) : NullNode.getInstance();
		return all.stream()
			.filter((entry) -> FieldFilter.matches(JSON.valueToTree(entry.value()), field, expected))
			.toList();
	}

	private static List<String> scan(String field, Object value) {
		return store.findAll(Holder.class, ReadModelQuery.all().where(field, value)).stream().map(Holder::id).toList();
	}

	private static void applied(long sequence) {
		runner.awaitSequence("Holder", sequence, WAIT);
	}

	private static String key(String field, String value, String id) {
		return ReadModelIndexKeys.entry("Holder", "v1", field, ReadModelIndexKeys.encode(value), id);
	}

	private static String numberKey(String field, long value, String id) {
		return ReadModelIndexKeys.entry("Holder", "v1", field, ReadModelIndexKeys.tokenOf(JSON.valueToTree(value)), id);
	}

	/**
	 * The index entry keys of an entry, of the given indexes (other tests may create
	 * more), or of all when none is given.
	 */
	private static List<String> indexKeysOf(String id, String... fields) throws Exception {
		return indexBucket.keys("Holder.v1.>")
			.stream()
			.filter((key) -> ReadModelIndexKeys.idOf(key).equals(id))
			.filter((key) -> fields.length == 0 || List.of(fields).contains(key.split("\\.")[2]))
			.toList();
	}

	private static ProjectionRunner runner(ProvisionedStore provisionedStore, Class<?> model) {
		ProjectionOptions options = ProjectionOptions.builder()
			.batchSize(50)
			.fetchTimeout(Duration.ofSeconds(1))
			.build();
		return new ProjectionRunner(provisionedStore.connection(), provisionedStore.config(),
				List.of(ReadModelDefinition.of(model)), options, ProjectionObserver.NONE);
	}

	private static String standingOf(long total) {
		return (total > 0) ? "CREDIT" : (total < 0) ? "DEBT" : "EVEN";
	}

	@ReadModel(type = "Holder")
	record Holder(String id, @Indexed String owner, @Indexed String standing, long total, int moves) {

		@Apply
		static Holder on(Opened event, EventContext context) {
			return new Holder(context.aggregateId(), event.owner(), "EVEN", 0, 1);
		}

		@Apply
		Holder on(Credited event) {
			return moved(this.total + event.amount());
		}

		@Apply
		Holder on(Debited event) {
			return moved(this.total - event.amount());
		}

		@Apply
		Holder on(Closed event) {
			return null;
		}

		private Holder moved(long newTotal) {
			return new Holder(this.id, this.owner, standingOf(newTotal), newTotal, this.moves + 1);
		}

	}

	@ReadModel(type = "Rebuilt")
	record Rebuilt(String id, @Indexed String owner, @Indexed String standing, long total) {

		@Apply
		static Rebuilt on(Opened event, EventContext context) {
			return new Rebuilt(context.aggregateId(), event.owner(), "EVEN", 0);
		}

		@Apply
		Rebuilt on(Credited event) {
			long newTotal = this.total + event.amount();
			return new Rebuilt(this.id, this.owner, standingOf(newTotal), newTotal);
		}

		@Apply
		Rebuilt on(Debited event) {
			long newTotal = this.total - event.amount();
			return new Rebuilt(this.id, this.owner, standingOf(newTotal), newTotal);
		}

	}

}
