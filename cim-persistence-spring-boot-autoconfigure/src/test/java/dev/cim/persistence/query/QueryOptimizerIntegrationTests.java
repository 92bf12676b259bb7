package dev.cim.persistence.query;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import dev.cim.persistence.nats.JetStreamProvisioner;
import dev.cim.persistence.nats.NatsRepositoryConfig;
import dev.cim.persistence.readmodel.ReadModelStore;
import dev.cim.persistence.testsupport.NatsIntegrationTest;
import dev.cim.persistence.testsupport.NatsTestServer;
import io.nats.client.Connection;
import io.nats.client.JetStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.dao.InvalidDataAccessApiUsageException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@link QueryOptimizer} against a real nats-server: each executed strategy, the plans it
 * makes from the server's statistics, and the strategies it cannot execute yet.
 */
@NatsIntegrationTest
class QueryOptimizerIntegrationTests {

	private static final NatsRepositoryConfig CONFIG = NatsRepositoryConfig.builder()
		.subjectPrefix("qo")
		.eventStreamName("QO_EVENTS")
		.aggregateStreamName("QO_AGGREGATES")
		.readModelBucket("qo-readmodels")
		.snapshotBucket("qo-snapshots")
		.snapshotObjectBucket("qo-snapshot-objects")
		.build();

	private static Connection connection;

	private static JetStream jetStream;

	private static QueryOptimizer optimizer;

	private static ReadModelStore store;

	@BeforeAll
	static void provision(NatsTestServer server) throws Exception {
		connection = server.connect();
		new JetStreamProvisioner(connection, CONFIG).provision();
		jetStream = connection.jetStream();
		optimizer = new QueryOptimizer(connection, CONFIG);
		store = new ReadModelStore(connection, CONFIG);
	}

	@Test
	void subjectPatternReturnsTheMatchingEventsInStreamOrderReadingOnlyThem() throws Exception {
		publish("qo.events.sp.Order.o-1.Placed.1", "qo.events.sp.Order.o-1.Paid.2", "qo.events.sp.Order.o-2.Placed.1",
				"qo.events.sp.Invoice.i-1.Placed.1");
		QueryResult result = optimizer.execute("subject:qo.events.sp.Order.*.Placed.*");
		assertThat(result.plan().strategy()).isEqualTo(QueryStrategy.SUBJECT_PATTERN);
		assertThat(subjects(result)).containsExactly("qo.events.sp.Order.o-1.Placed.1",
				"qo.events.sp.Order.o-2.Placed.1");
		assertThat(result.performance().strategy()).isEqualTo(QueryStrategy.SUBJECT_PATTERN);
		assertThat(result.performance().results()).isEqualTo(2);
		assertThat(result.performance().messagesRead()).isEqualTo(2);
		assertThat(result.performance().bytesRead())
			.isEqualTo(bytes("qo.events.sp.Order.o-1.Placed.1") + bytes("qo.events.sp.Order.o-2.Placed.1"));
		assertThat(result.performance().cacheHit()).isFalse();
		QueryRow.StoredMessage first = (QueryRow.StoredMessage) result.rows().get(0);
		assertThat(new String(first.data(), StandardCharsets.UTF_8)).isEqualTo("qo.events.sp.Order.o-1.Placed.1");
	}

	@Test
	void subjectPatternMatchingNothingIsEmpty() {
		QueryResult result = optimizer.execute("subject:qo.events.nothing.>");
		assertThat(result.rows()).isEmpty();
		assertThat(result.performance().messagesRead()).isZero();
	}

	@Test
	void limitStopsTheReadEarly() throws Exception {
		publish("qo.events.lim.A.a-1.E.1", "qo.events.lim.A.a-1.E.2", "qo.events.lim.A.a-1.E.3",
				"qo.events.lim.A.a-1.E.4");
		QueryResult result = optimizer.execute("subject:qo.events.lim.> limit 2");
		assertThat(subjects(result)).containsExactly("qo.events.lim.A.a-1.E.1", "qo.events.lim.A.a-1.E.2");
		assertThat(result.performance().messagesRead()).isEqualTo(2);
	}

	@Test
	void timeRangeStartsAtTheStartTimeInsteadOfScanning() throws Exception {
		publish("qo.events.tr.A.a-1.E.1", "qo.events.tr.A.a-1.E.2", "qo.events.tr.A.a-1.E.3");
		Thread.sleep(50);
		publish("qo.events.tr.A.a-1.E.4", "qo.events.tr.A.a-1.E.5");
		List<QueryRow.StoredMessage> all = messages(optimizer.execute("subject:qo.events.tr.>"));
		QueryRow.StoredMessage fourth = all.get(3);
		QueryPlan plan = optimizer.createPlan(SubjectQuery.of("qo.events.tr.>").since(fourth.storedAt()),
				QueryHint.none());
		assertThat(plan.strategy()).isEqualTo(QueryStrategy.TIME_RANGE);
		QueryResult result = optimizer.executePlan(plan);
		assertThat(subjects(result)).containsExactly("qo.events.tr.A.a-1.E.4", "qo.events.tr.A.a-1.E.5");
		assertThat(result.performance().messagesRead()).isLessThan(all.size());
	}

	@Test
	void timeRangeStartsAtTheStartSequence() throws Exception {
		publish("qo.events.ts.A.a-1.E.1", "qo.events.ts.A.a-1.E.2", "qo.events.ts.A.a-1.E.3");
		List<QueryRow.StoredMessage> all = messages(optimizer.execute("subject:qo.events.ts.>"));
		QueryResult result = optimizer.execute("subject:qo.events.ts.> from " + all.get(1).sequence());
		assertThat(result.plan().strategy()).isEqualTo(QueryStrategy.TIME_RANGE);
		assertThat(subjects(result)).containsExactly("qo.events.ts.A.a-1.E.2", "qo.events.ts.A.a-1.E.3");
		assertThat(result.performance().messagesRead()).isEqualTo(2);
	}

	@Test
	void fullScanReadsTheWholeStreamAndAgreesWithTheFilteredRead() throws Exception {
		publish("qo.events.fs.A.a-1.E.1", "qo.events.fs.B.b-1.E.1", "qo.events.fs.A.a-2.E.1");
		SubjectQuery query = SubjectQuery.of("qo.events.fs.A.*.E.*");
		QueryResult scanned = optimizer
			.executePlan(optimizer.createPlan(query, QueryHint.force(QueryStrategy.FULL_SCAN)));
		QueryResult filtered = optimizer.executePlan(optimizer.createPlan(query, QueryHint.none()));
		assertThat(scanned.rows()).isEqualTo(filtered.rows()).hasSize(2);
		assertThat(scanned.performance().strategy()).isEqualTo(QueryStrategy.FULL_SCAN);
		assertThat(scanned.performance().messagesRead()).isGreaterThan(filtered.performance().messagesRead());
	}

	@Test
	void aggregateQueryReturnsTheNewestStatePerAggregateByEveryStrategy() throws Exception {
		publish("qo.aggregates.sales.Order.o-1.state", "qo.aggregates.sales.Order.o-2.state",
				"qo.aggregates.sales.Order.x-1.state", "qo.aggregates.sales.Invoice.o-3.state");
		jetStream.publish("qo.aggregates.sales.Order.o-1.state", "newer".getBytes(StandardCharsets.UTF_8));
		QueryPlan plan = optimizer.createPlan("aggregate:sales.Order.o-*", QueryHint.none());
		assertThat(plan.strategy()).isEqualTo(QueryStrategy.LAST_PER_SUBJECT);
		QueryResult result = optimizer.executePlan(plan);
		assertThat(subjects(result)).containsExactly("qo.aggregates.sales.Order.o-2.state",
				"qo.aggregates.sales.Order.o-1.state");
		assertThat(new String(messages(result).get(1).data(), StandardCharsets.UTF_8)).isEqualTo("newer");
		for (QueryStrategy strategy : List.of(QueryStrategy.SUBJECT_PATTERN, QueryStrategy.FULL_SCAN)) {
			QueryResult forced = optimizer
				.executePlan(optimizer.createPlan("aggregate:sales.Order.o-*", QueryHint.force(strategy)));
			assertThat(forced.rows()).as(strategy.name()).isEqualTo(result.rows());
		}
		assertThat(subjects(optimizer.execute("aggregate:sales.Order.* limit 1")))
			.containsExactly("qo.aggregates.sales.Order.o-2.state");
	}

	@Test
	void readModelFullScanFiltersTheActiveEntriesByEveryCondition() {
		store.save(QuerySummary.class, "r-1", new QuerySummary("r-1", "PLACED", "eu", 1), 1);
		store.save(QuerySummary.class, "r-2", new QuerySummary("r-2", "PLACED", "us", 2), 2);
		store.save(QuerySummary.class, "r-3", new QuerySummary("r-3", "PLACED", "apac", 3), 3);
		store.save(QuerySummary.class, "r-4", new QuerySummary("r-4", "SHIPPED", "eu", 4), 4);
		store.save(QuerySummary.class, "r-5", new QuerySummary("r-5", "PLACED", "eu", 5), 5);
		store.delete(QuerySummary.class, "r-5");
		QueryResult result = optimizer
			.execute("readmodel:QuerySummary.r-* where status = PLACED and region in (eu, us)");
		assertThat(result.plan().strategy()).isEqualTo(QueryStrategy.FULL_SCAN);
		assertThat(result.rows()).extracting((row) -> ((QueryRow.ReadModelRow) row).id()).containsExactly("r-1", "r-2");
		QueryRow.ReadModelRow first = (QueryRow.ReadModelRow) result.rows().get(0);
		assertThat(first.type()).isEqualTo("QuerySummary");
		assertThat(first.value().get("region").asText()).isEqualTo("eu");
		assertThat(first.metadata().lastSequence()).isEqualTo(1);
		assertThat(result.performance().messagesRead()).isGreaterThanOrEqualTo(5);
		assertThat(ids(optimizer.execute("readmodel:QuerySummary.r-* where items = 3.0"))).containsExactly("r-3");
		assertThat(ids(optimizer.execute("readmodel:QuerySummary.r-* limit 2"))).containsExactly("r-1", "r-2");
		assertThat(ids(optimizer.execute("readmodel:QuerySummary.r-4"))).containsExactly("r-4");
	}

	@Test
	void keyPatternReadsTheNewestEntryOfEachMatchingKeyInOneBatchedGetSkippingDeletes() {
		store.save(QuerySummary.class, "k-1", new QuerySummary("k-1", "PLACED", "eu", 1), 1);
		store.save(QuerySummary.class, "k-2", new QuerySummary("k-2", "PLACED", "us", 2), 2);
		store.save(QuerySummary.class, "k-2", new QuerySummary("k-2", "PAID", "us", 2), 3);
		store.save(QuerySummary.class, "k-3", new QuerySummary("k-3", "PLACED", "eu", 3), 4);
		store.save(QuerySummary.class, "q-1", new QuerySummary("q-1", "PLACED", "eu", 3), 5);
		store.delete(QuerySummary.class, "k-3");
		QueryPlan plan = optimizer.createPlan("readmodel:QuerySummary.k-*", QueryHint.force(QueryStrategy.KEY_PATTERN));
		QueryResult result = optimizer.executePlan(plan);
		assertThat(ids(result)).containsExactly("k-1", "k-2");
		assertThat(((QueryRow.ReadModelRow) result.rows().get(1)).value().get("status").asText()).isEqualTo("PAID");
		assertThat(result.performance().strategy()).isEqualTo(QueryStrategy.KEY_PATTERN);
		assertThat(result.performance().fallback()).isNull();
		QueryResult scanned = optimizer
			.executePlan(optimizer.createPlan("readmodel:QuerySummary.k-*", QueryHint.force(QueryStrategy.FULL_SCAN)));
		assertThat(result.rows()).isEqualTo(scanned.rows());
		assertThat(ids(optimizer.executePlan(optimizer.createPlan("readmodel:QuerySummary.k-2 where status = PAID",
				QueryHint.force(QueryStrategy.KEY_PATTERN)))))
			.containsExactly("k-2");
		assertThat(ids(optimizer.executePlan(
				optimizer.createPlan("readmodel:QuerySummary.k-3", QueryHint.force(QueryStrategy.KEY_PATTERN)))))
			.isEmpty();
	}

	@Test
	void thePlannerPicksTheKeyPatternForOneId() {
		store.save(QuerySummary.class, "p-1", new QuerySummary("p-1", "PLACED", "eu", 1), 1);
		QueryResult result = optimizer.execute("readmodel:QuerySummary.p-1");
		assertThat(result.plan().strategy()).isEqualTo(QueryStrategy.KEY_PATTERN);
		assertThat(ids(result)).containsExactly("p-1");
		assertThat(result.performance().messagesRead()).isEqualTo(1);
	}

	@Test
	void secondaryIndexHitsAreReCheckedSoAStaleEntryNeverAnswers() {
		store.save(QuerySummary.class, "i-1", new QuerySummary("i-1", "PLACED", "eu", 1), 1);
		store.save(QuerySummary.class, "i-2", new QuerySummary("i-2", "SHIPPED", "eu", 1), 2);
		store.save(QuerySummary.class, "i-3", new QuerySummary("i-3", "PLACED", "eu", 1), 3);
		// i-2 was PLACED once; its index entry was not removed. i-9 no longer exists.
		InMemoryIndexes indexes = new InMemoryIndexes("QuerySummary").index("status", 10_000, 100)
			.add("status", "PLACED", "i-1")
			.add("status", "PLACED", "i-2")
			.add("status", "PLACED", "i-3")
			.add("status", "PLACED", "i-9");
		QueryOptimizer indexed = new QueryOptimizer(connection, CONFIG, indexes);
		// The bucket is small, so the planner rightly prefers the scan: force the index.
		QueryPlan plan = indexed.createPlan("readmodel:QuerySummary.i-* where status = PLACED",
				QueryHint.force(QueryStrategy.SECONDARY_INDEX));
		assertThat(plan.estimates().get(QueryStrategy.SECONDARY_INDEX.ordinal()).applicable()).isTrue();
		QueryResult result = indexed.executePlan(plan);
		assertThat(ids(result)).containsExactly("i-1", "i-3");
		assertThat(result.performance().messagesRead()).isEqualTo(3);
		QueryResult scanned = indexed.executePlan(indexed.createPlan("readmodel:QuerySummary.i-* where status = PLACED",
				QueryHint.force(QueryStrategy.FULL_SCAN)));
		assertThat(scanned.rows()).isEqualTo(result.rows());
	}

	@Test
	void subjectPatternOutsideTheEventsStreamIsRefused() {
		assertThatExceptionOfType(InvalidDataAccessApiUsageException.class)
			.isThrownBy(() -> optimizer.createPlan("subject:qo.aggregates.>", QueryHint.none()))
			.withMessageContaining("matches no subject of stream QO_EVENTS (qo.events.>)");
	}

	@Test
	void planIsBasedOnTheServersStatistics() throws Exception {
		publish("qo.events.st.A.a-1.E.1");
		QueryPlan plan = optimizer.createPlan("subject:qo.events.st.>", QueryHint.none());
		assertThat(plan.statistics().source()).isEqualTo("QO_EVENTS");
		assertThat(plan.statistics().messages()).isPositive();
		assertThat(plan.statistics().lastSequence()).isGreaterThanOrEqualTo(plan.statistics().messages());
		assertThat(plan.statistics().lastTime()).isNotNull();
		assertThat(plan.explain()).contains("statistics: QO_EVENTS: ");
	}

	private static void publish(String... subjects) throws Exception {
		for (String subject : subjects) {
			jetStream.publish(subject, subject.getBytes(StandardCharsets.UTF_8));
		}
	}

	private static long bytes(String subject) {
		return subject.getBytes(StandardCharsets.UTF_8).length;
	}

	private static List<String> subjects(QueryResult result) {
		return messages(result).stream().map(QueryRow.StoredMessage::subject).toList();
	}

	private static List<QueryRow.StoredMessage> messages(QueryResult result) {
		List<QueryRow.StoredMessage> messages = new ArrayList<>();
		result.rows().forEach((row) -> messages.add((QueryRow.StoredMessage) row));
		return messages;
	}

	private static List<String> ids(QueryResult result) {
		return result.rows().stream().map((row) -> ((QueryRow.ReadModelRow) row).id()).toList();
	}

}
