package dev.cim.persistence.query;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import dev.cim.persistence.nats.DirectBatchReader;
import dev.cim.persistence.nats.JetStreamProvisioner;
import dev.cim.persistence.nats.NatsRepositoryConfig;
import dev.cim.persistence.readmodel.ReadModelStore;
import dev.cim.persistence.testsupport.NatsIntegrationTest;
import dev.cim.persistence.testsupport.NatsTestServer;
import io.nats.client.Connection;
import io.nats.client.JetStream;
import io.nats.client.api.PublishAck;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * When more subjects match than one batched direct get answers for, {@code KEY_PATTERN}
 * and {@code LAST_PER_SUBJECT} read the same answer with a consumer and say so.
 */
@NatsIntegrationTest
class BatchedReadFallbackIntegrationTests {

	private static final int MANY = DirectBatchReader.MAX_SUBJECTS + 6;

	private static final NatsRepositoryConfig CONFIG = NatsRepositoryConfig.builder()
		.subjectPrefix("bf")
		.eventStreamName("BF_EVENTS")
		.aggregateStreamName("BF_AGGREGATES")
		.readModelBucket("bf-readmodels")
		.snapshotBucket("bf-snapshots")
		.snapshotObjectBucket("bf-snapshot-objects")
		.build();

	private static QueryOptimizer optimizer;

	@BeforeAll
	static void storeMoreThanOneBatchedGetAnswers(NatsTestServer server) throws Exception {
		Connection connection = server.connect();
		new JetStreamProvisioner(connection, CONFIG).provision();
		JetStream jetStream = connection.jetStream();
		List<CompletableFuture<PublishAck>> acks = new ArrayList<>();
		for (int i = 0; i < MANY; i++) {
			acks.add(jetStream.publishAsync("bf.aggregates.sales.Order.o-" + i + ".state",
					("state " + i).getBytes(StandardCharsets.UTF_8)));
		}
		for (CompletableFuture<PublishAck> ack : acks) {
			ack.get();
		}
		ReadModelStore store = new ReadModelStore(connection, CONFIG);
		for (int i = 0; i < MANY; i++) {
			store.save(QuerySummary.class, "m-" + i,
					new QuerySummary("m-" + i, (i % 2 == 0) ? "PLACED" : "PAID", "eu", i), i + 1);
		}
		optimizer = new QueryOptimizer(connection, CONFIG);
	}

	@AfterAll
	static void close() {
		optimizer.close();
	}

	@Test
	void keyPatternOverTooManyKeysFallsBackToTheScanAndSaysSo() {
		QueryResult result = optimizer.executePlan(optimizer
			.createPlan("readmodel:QuerySummary.m-* where status = PAID", QueryHint.force(QueryStrategy.KEY_PATTERN)));
		assertThat(result.rows()).hasSize(MANY / 2);
		assertThat(result.performance().strategy()).isEqualTo(QueryStrategy.KEY_PATTERN);
		assertThat(result.performance().fallback()).contains("413").contains("ordered consumer");
		assertThat(result.explain()).contains("fallback: the batched direct get was refused");
		QueryResult scanned = optimizer.executePlan(optimizer
			.createPlan("readmodel:QuerySummary.m-* where status = PAID", QueryHint.force(QueryStrategy.FULL_SCAN)));
		assertThat(result.rows()).isEqualTo(scanned.rows());
		assertThat(scanned.performance().fallback()).isNull();
	}

	@Test
	void lastPerSubjectOverTooManySubjectsFallsBackToTheConsumerAndSaysSo() {
		QueryResult result = optimizer.executePlan(
				optimizer.createPlan("aggregate:sales.Order.*", QueryHint.force(QueryStrategy.LAST_PER_SUBJECT)));
		assertThat(result.rows()).hasSize(MANY);
		assertThat(result.performance().fallback()).contains("413");
		QueryResult one = optimizer.executePlan(
				optimizer.createPlan("aggregate:sales.Order.o-7", QueryHint.force(QueryStrategy.LAST_PER_SUBJECT)));
		assertThat(one.rows()).hasSize(1);
		assertThat(one.performance().fallback()).isNull();
		assertThat(one.performance().messagesRead()).isEqualTo(1);
	}

}
