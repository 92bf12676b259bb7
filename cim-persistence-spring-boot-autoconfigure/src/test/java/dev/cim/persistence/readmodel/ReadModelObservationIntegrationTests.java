package dev.cim.persistence.readmodel;

import java.time.Duration;
import java.util.List;

import dev.cim.persistence.nats.NatsRepositoryConfig;
import dev.cim.persistence.testsupport.NatsIntegrationTest;
import dev.cim.persistence.testsupport.ProvisionedStore;
import dev.cim.persistence.testsupport.NatsTestServer;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import io.nats.client.Connection;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.dao.DataAccessException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The Micrometer observations of projection batches and read-model reads, against a real
 * nats-server.
 */
@NatsIntegrationTest
class ReadModelObservationIntegrationTests {

	private static NatsRepositoryConfig config;

	private static NatsTestServer server;

	private static Ledgers ledgers;

	@BeforeAll
	static void provision(NatsTestServer natsServer, ProvisionedStore provisioned) {
		config = provisioned.config();
		server = natsServer;
		ledgers = new Ledgers(provisioned.eventStore());
	}

	@Test
	void projectionBatchIsObservedWithItsProjectionAndOutcome() throws Exception {
		TestObservationRegistry registry = TestObservationRegistry.create();
		long last = ledgers.appendRounds(List.of(Ledgers.newId("obs"), Ledgers.newId("obs")), 1, 3);
		ProjectionOptions options = ProjectionOptions.builder()
			.fetchTimeout(Duration.ofSeconds(1))
			.statusBucket("obs-projections")
			.build();
		try (ProjectionRunner runner = new ProjectionRunner(server.connect(), config,
				List.of(ReadModelDefinition.of(Balance.class)), options, ProjectionObserver.NONE, registry)) {
			runner.start();
			runner.awaitSequence(Balance.class, last, Duration.ofSeconds(30));
		}
		TestObservationRegistryAssert.assertThat(registry)
			.forAllObservationsWithNameEqualTo("cim.persistence.projection.batch",
					(observation) -> observation.hasLowCardinalityKeyValue("projection", "Balance")
						.hasLowCardinalityKeyValue("outcome", "success")
						.doesNotHaveError())
			.hasAnObservation((observation) -> observation.hasNameEqualTo("cim.persistence.projection.batch"));
	}

	@Test
	void findAndQueryAreObservedWithTheReadModelTypeOperationAndOutcome() throws Exception {
		TestObservationRegistry registry = TestObservationRegistry.create();
		ReadModelStore store = new ReadModelStore(server.connect(), config, registry);
		assertThat(store.findById(Balance.class, "missing")).isEmpty();
		assertThat(store.findAll(Balance.class, ReadModelQuery.idPattern("nothing-*"))).isEmpty();
		TestObservationRegistryAssert.assertThat(registry)
			.hasNumberOfObservationsWithNameEqualTo("cim.persistence.readmodel.query", 2)
			.hasAnObservation((observation) -> observation.hasNameEqualTo("cim.persistence.readmodel.query")
				.hasLowCardinalityKeyValue("read.model", "Balance")
				.hasLowCardinalityKeyValue("operation", "find")
				.hasLowCardinalityKeyValue("outcome", "success")
				.doesNotHaveHighCardinalityKeyValueWithKey("id"))
			.hasAnObservation((observation) -> observation.hasNameEqualTo("cim.persistence.readmodel.query")
				.hasLowCardinalityKeyValue("read.model", "Balance")
				.hasLowCardinalityKeyValue("operation", "query")
				.hasLowCardinalityKeyValue("outcome", "success"));
	}

	@Test
	void failedReadIsObservedWithAnErrorOutcome() throws Exception {
		TestObservationRegistry registry = TestObservationRegistry.create();
		Connection connection = server.connect();
		ReadModelStore store = new ReadModelStore(connection, config, registry);
		connection.close();
		assertThatExceptionOfType(DataAccessException.class).isThrownBy(() -> store.findById(Balance.class, "b-1"));
		TestObservationRegistryAssert.assertThat(registry)
			.hasSingleObservationThat()
			.hasNameEqualTo("cim.persistence.readmodel.query")
			.hasLowCardinalityKeyValue("outcome", "error")
			.hasError();
	}

	@Test
	void withoutARegistryNothingIsObserved() throws Exception {
		ReadModelStore store = new ReadModelStore(server.connect(), config);
		assertThat(store.observationRegistry().isNoop()).isTrue();
	}

}
