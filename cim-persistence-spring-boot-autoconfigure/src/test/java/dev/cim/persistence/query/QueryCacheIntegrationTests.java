package dev.cim.persistence.query;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.cim.persistence.nats.JetStreamProvisioner;
import dev.cim.persistence.nats.NatsRepositoryConfig;
import dev.cim.persistence.readmodel.ReadModelStore;
import dev.cim.persistence.testsupport.NatsIntegrationTest;
import dev.cim.persistence.testsupport.NatsTestServer;
import io.nats.client.Connection;
import io.nats.client.JetStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The plan and result caches of {@link QueryOptimizer}: a result is re-used only while
 * the stream it was read from has not moved, and a hint may bypass both caches.
 */
@NatsIntegrationTest
class QueryCacheIntegrationTests {

	private static final NatsRepositoryConfig CONFIG = NatsRepositoryConfig.builder()
		.subjectPrefix("qc")
		.eventStreamName("QC_EVENTS")
		.aggregateStreamName("QC_AGGREGATES")
		.readModelBucket("qc-readmodels")
		.snapshotBucket("qc-snapshots")
		.snapshotObjectBucket("qc-snapshot-objects")
		.build();

	private static final RecordingObserver observer = new RecordingObserver();

	private static Connection connection;

	private static JetStream jetStream;

	private static ReadModelStore store;

	private static QueryOptimizer optimizer;

	@BeforeAll
	static void provision(NatsTestServer server) throws Exception {
		connection = server.connect();
		new JetStreamProvisioner(connection, CONFIG).provision();
		jetStream = connection.jetStream();
		store = new ReadModelStore(connection, CONFIG);
		optimizer = new QueryOptimizer(connection, CONFIG, SecondaryIndexes.none(),
				new QueryCaching(true, 100, Duration.ofMinutes(5)), observer);
	}

	@AfterAll
	static void close() {
		optimizer.close();
	}

	@BeforeEach
	void forget() {
		observer.events.clear();
	}

	@Test
	void anIdenticalQueryIsAnsweredFromTheCacheWhileTheStreamHasNotMoved() throws Exception {
		publish("qc.events.hit.Order.o-1.Placed.1", "qc.events.hit.Order.o-2.Placed.1");
		QueryResult first = optimizer.execute("subject:qc.events.hit.>");
		QueryResult second = optimizer.execute("subject:qc.events.hit.>");
		assertThat(first.performance().cacheHit()).isFalse();
		assertThat(first.performance().messagesRead()).isEqualTo(2);
		assertThat(second.performance().cacheHit()).isTrue();
		assertThat(second.performance().messagesRead()).isZero();
		assertThat(second.rows()).isEqualTo(first.rows()).hasSize(2);
		assertThat(second.plan()).isSameAs(first.plan());
		assertThat(second.explain()).contains("from the result cache");
		assertThat(observer.events).containsExactly("plan miss", "result miss", "executed events SUBJECT_PATTERN",
				"plan hit", "result hit", "executed events SUBJECT_PATTERN");
	}

	@Test
	void aNewEventMakesTheCachedResultStale() throws Exception {
		publish("qc.events.new.Order.o-1.Placed.1");
		QueryResult first = optimizer.execute("subject:qc.events.new.>");
		publish("qc.events.other.Order.o-1.Placed.1");
		QueryResult afterUnrelated = optimizer.execute("subject:qc.events.new.>");
		publish("qc.events.new.Order.o-2.Placed.1");
		QueryResult afterNew = optimizer.execute("subject:qc.events.new.>");
		assertThat(first.rows()).hasSize(1);
		// The stream moved, so the result is read again even though no row changed.
		assertThat(afterUnrelated.performance().cacheHit()).isFalse();
		assertThat(afterNew.performance().cacheHit()).isFalse();
		assertThat(afterNew.rows()).hasSize(2);
	}

	@Test
	void aModelWriteMakesTheCachedReadModelResultStale() {
		store.save(QuerySummary.class, "c-1", new QuerySummary("c-1", "PLACED", "eu", 1), 1);
		String query = "readmodel:QuerySummary.c-* where status = PLACED";
		assertThat(ids(optimizer.execute(query))).containsExactly("c-1");
		QueryResult cached = optimizer.execute(query);
		assertThat(cached.performance().cacheHit()).isTrue();
		assertThat(ids(cached)).containsExactly("c-1");
		store.save(QuerySummary.class, "c-2", new QuerySummary("c-2", "PLACED", "us", 1), 2);
		QueryResult fresh = optimizer.execute(query);
		assertThat(fresh.performance().cacheHit()).isFalse();
		assertThat(ids(fresh)).containsExactly("c-1", "c-2");
		store.delete(QuerySummary.class, "c-1");
		assertThat(ids(optimizer.execute(query))).containsExactly("c-2");
	}

	@Test
	void aHintBypassingTheCacheReadsTheServer() throws Exception {
		publish("qc.aggregates.sales.Order.b-1.state");
		QueryResult first = optimizer.execute("aggregate:sales.Order.b-*");
		QueryResult bypassed = optimizer.execute("aggregate:sales.Order.b-*", QueryHint.none().bypassingCache());
		assertThat(bypassed.performance().cacheHit()).isFalse();
		assertThat(bypassed.performance().messagesRead()).isEqualTo(1);
		assertThat(bypassed.plan()).isNotSameAs(first.plan());
		assertThat(bypassed.plan().explain()).contains("caches bypassed");
		assertThat(bypassed.rows()).isEqualTo(first.rows());
		assertThat(optimizer.execute("aggregate:sales.Order.b-*").performance().cacheHit()).isTrue();
	}

	@Test
	void withoutCachingEveryExecutionReadsTheServer() throws Exception {
		publish("qc.events.off.Order.o-1.Placed.1");
		QueryOptimizer uncached = new QueryOptimizer(connection, CONFIG);
		try {
			uncached.execute("subject:qc.events.off.>");
			QueryResult second = uncached.execute("subject:qc.events.off.>");
			assertThat(second.performance().cacheHit()).isFalse();
			assertThat(second.performance().messagesRead()).isEqualTo(1);
		}
		finally {
			uncached.close();
		}
	}

	private static void publish(String... subjects) throws Exception {
		for (String subject : subjects) {
			jetStream.publish(subject, subject.getBytes(StandardCharsets.UTF_8));
		}
	}

	private static List<String> ids(QueryResult result) {
		return result.rows().stream().map((row) -> ((QueryRow.ReadModelRow) row).id()).toList();
	}

	static final class RecordingObserver implements QueryObserver {

		final List<String> events = new ArrayList<>();

		@Override
		public synchronized void executed(QueryTarget target, QueryPerformance performance) {
			this.events.add("executed " + target.tagValue() + " " + performance.strategy());
		}

		@Override
		public synchronized void planCache(boolean hit) {
			this.events.add("plan " + (hit ? "hit" : "miss"));
		}

		@Override
		public synchronized void resultCache(boolean hit) {
			this.events.add("result " + (hit ? "hit" : "miss"));
		}

	}

}
