package dev.cim.persistence.repository.support;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cim.persistence.nats.JetStreamProvisioner;
import dev.cim.persistence.nats.NatsRepositoryConfig;
import dev.cim.persistence.testsupport.NatsIntegrationTest;
import dev.cim.persistence.testsupport.NatsTestServer;
import io.nats.client.Connection;
import org.junit.jupiter.api.Test;

import org.springframework.dao.DataAccessResourceFailureException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import dev.cim.persistence.repository.AggregateRef;

/**
 * An append whose publish nothing answers (status 503: no stream listens, as while a
 * replicated stream elects a new leader) stored nothing, so the store sends it again
 * until a stream answers, for up to the publish timeout, without spending its attempts.
 */
@NatsIntegrationTest
class EventStoreUnansweredPublishIntegrationTests {

	private static final ObjectMapper JSON = new ObjectMapper();

	@Test
	void anAppendWaitsForAStreamThatAnswersWithinThePublishTimeout(NatsTestServer server) throws Exception {
		NatsRepositoryConfig config = NatsRepositoryConfig.builder()
			.eventStreamName("LATE_EVENTS")
			.aggregateStreamName("LATE_AGGREGATES")
			.snapshotBucket("late-snapshots")
			.readModelBucket("late-readmodels")
			.subjectPrefix("late")
			.publishTimeout(Duration.ofSeconds(30))
			.build();
		Connection connection = server.connect();
		EventStore store = new EventStore(connection, config);
		CompletableFuture<Void> provisioned = CompletableFuture.runAsync(() -> {
			try {
				Thread.sleep(500);
				new JetStreamProvisioner(connection, config).provision();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		});
		AggregateRef aggregate = AggregateRef.of("sales", "Order", "late-1");
		AppendResult result = store.append(aggregate, EventHead.NONE,
				List.of(NewEvent.of("OrderPlaced", JSON.createObjectNode().put("n", 1))));
		provisioned.get(30, TimeUnit.SECONDS);
		assertThat(result.head().version()).isEqualTo(1);
		assertThat(store.history(aggregate)).hasSize(1);
	}

	@Test
	void anAppendThatNothingAnswersFailsAfterThePublishTimeoutAndStoresNothing(NatsTestServer server) throws Exception {
		NatsRepositoryConfig config = NatsRepositoryConfig.builder()
			.eventStreamName("MISSING_EVENTS")
			.subjectPrefix("missing")
			.publishTimeout(Duration.ofMillis(500))
			.build();
		EventStore store = new EventStore(server.connect(), config);
		AggregateRef aggregate = AggregateRef.of("sales", "Order", "never-1");
		assertThatExceptionOfType(DataAccessResourceFailureException.class)
			.isThrownBy(() -> store.append(aggregate, EventHead.NONE,
					List.of(NewEvent.of("OrderPlaced", JSON.createObjectNode().put("n", 1)))))
			.withMessageContaining("append to " + aggregate);
	}

}
