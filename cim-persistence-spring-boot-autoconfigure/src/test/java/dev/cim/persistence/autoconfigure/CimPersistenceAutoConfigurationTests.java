package dev.cim.persistence.autoconfigure;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import dev.cim.persistence.autoconfigure.counter.Counter;
import dev.cim.persistence.autoconfigure.counter.CounterApplication;
import dev.cim.persistence.autoconfigure.counter.CounterTotal;
import dev.cim.persistence.embedded.EmbeddedNatsServer;
import dev.cim.persistence.nats.LoggingErrorListener;
import dev.cim.persistence.nats.NatsRepositoryConfig;
import dev.cim.persistence.readmodel.ProjectionRunner;
import dev.cim.persistence.readmodel.ReadModelStore;
import dev.cim.persistence.testsupport.NatsIntegrationTest;
import dev.cim.persistence.testsupport.NatsTestServer;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.Options;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.annotation.UserConfigurations;
import org.springframework.boot.test.context.ConfigDataApplicationContextInitializer;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.ResolvableType;
import org.springframework.core.annotation.Order;

import static org.assertj.core.api.Assertions.assertThat;
import dev.cim.persistence.repository.AggregateMetadata;
import dev.cim.persistence.repository.AggregateRepository;
import dev.cim.persistence.repository.RepositoryObserver;
import dev.cim.persistence.repository.support.EventStore;
import dev.cim.persistence.repository.support.NatsRepository;
import dev.cim.persistence.repository.support.NatsRepositoryFactory;

/**
 * Tests for {@link CimPersistenceAutoConfiguration} with the repositories and read models
 * configured after it, against a real nats-server.
 */
@NatsIntegrationTest
class CimPersistenceAutoConfigurationTests {

	private static final ResolvableType COUNTER_NATS_REPOSITORY = ResolvableType
		.forClassWithGenerics(NatsRepository.class, Counter.class);

	private static final ResolvableType COUNTER_AGGREGATE_REPOSITORY = ResolvableType
		.forClassWithGenerics(AggregateRepository.class, Counter.class);

	private static NatsTestServer server;

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(CimPersistenceAutoConfiguration.class,
				CimPersistenceRepositoriesAutoConfiguration.class, CimPersistenceReadModelsAutoConfiguration.class))
		.withConfiguration(UserConfigurations.of(CounterApplication.class));

	@BeforeAll
	static void server(NatsTestServer natsTestServer) {
		server = natsTestServer;
	}

	private ApplicationContextRunner connected() {
		return this.contextRunner.withPropertyValues("cim.persistence.nats.url=" + server.url());
	}

	@Test
	void defaultsProvideTheConnectionTheStoreAndARepositoryPerAggregate() {
		connected().run((context) -> {
			assertThat(context).hasNotFailed()
				.hasSingleBean(CimPersistenceProperties.class)
				.hasSingleBean(NatsConnectionDetails.class)
				.hasSingleBean(Connection.class)
				.hasSingleBean(NatsRepositoryConfig.class)
				.hasSingleBean(CimPersistenceStoreInitializer.class)
				.hasSingleBean(EventStore.class)
				.doesNotHaveBean(EmbeddedNatsServer.class)
				.doesNotHaveBean(RepositoryObserver.class);
			assertThat(context.getBean(NatsConnectionDetails.class))
				.isInstanceOf(PropertiesNatsConnectionDetails.class);
			assertThat(context.getBean(Connection.class).getStatus()).isEqualTo(Connection.Status.CONNECTED);
			assertThat(context.getBean(Connection.class).getOptions().getErrorListener()).isInstanceOfSatisfying(
					RecordingErrorListener.class,
					(listener) -> assertThat(listener.delegate()).isInstanceOf(LoggingErrorListener.class));
			assertThat(context.getBean(NatsRepositoryConfig.class)).isEqualTo(NatsRepositoryConfig.defaults());
			assertThat(context.getBeanNamesForType(COUNTER_NATS_REPOSITORY)).containsExactly("counterRepository");
			assertThat(context.getBeanNamesForType(COUNTER_AGGREGATE_REPOSITORY)).containsExactly("counterRepository");
			NatsRepository<Counter> repository = repository(context);
			assertThat(repository.getDescriptor().aggregateClass()).isEqualTo(Counter.class);
			assertThat(repository.getDescriptor().context()).isEqualTo("test");
		});
	}

	@Test
	void repositoryIsInjectableByItsGenericTypeAndStoresAggregates() {
		connected().withUserConfiguration(CounterServiceConfiguration.class).run((context) -> {
			assertThat(context).hasNotFailed();
			AggregateRepository<Counter> repository = context.getBean(CounterService.class).repository();
			String id = "c-" + UUID.randomUUID();
			Counter counter = Counter.create();
			var counterSaved = repository.save(counter, Counter.start(id));
			counterSaved = repository.save(counterSaved, counter.add(5));
			assertThat(repository.load(id).aggregate().value()).isEqualTo(5);
			assertThat(repository.load(id).version()).isEqualTo(2);
		});
	}

	@Test
	void readModelsInTheApplicationPackagesAreProjected() {
		connected().withUserConfiguration(CounterServiceConfiguration.class).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context).hasSingleBean(ProjectionRunner.class).hasSingleBean(ReadModelStore.class);
			ProjectionRunner projections = context.getBean(ProjectionRunner.class);
			assertThat(projections.isRunning()).isTrue();
			AggregateRepository<Counter> repository = context.getBean(CounterService.class).repository();
			String id = "t-" + UUID.randomUUID();
			Counter counter = Counter.create();
			var counterSaved = repository.save(counter, Counter.start(id));
			AggregateMetadata saved = repository.save(counterSaved, counter.add(7)).metadata();
			projections.awaitSequence(CounterTotal.class, saved.sequence(), Duration.ofSeconds(10));
			assertThat(context.getBean(ReadModelStore.class).findById(CounterTotal.class, id))
				.contains(new CounterTotal(id, 7, 2));
			assertThat(projections.status("CounterTotal")).isPresent();
		});
	}

	@Test
	void projectionBatchesAndReadsAreObservedWithTheApplicationsObservationRegistry() {
		TestObservationRegistry observations = TestObservationRegistry.create();
		connected().withBean(ObservationRegistry.class, () -> observations)
			.withUserConfiguration(CounterServiceConfiguration.class)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				AggregateRepository<Counter> repository = context.getBean(CounterService.class).repository();
				String id = "o-" + UUID.randomUUID();
				AggregateMetadata saved = repository.save(Counter.create(), Counter.start(id)).metadata();
				context.getBean(ProjectionRunner.class)
					.awaitSequence(CounterTotal.class, saved.sequence(), Duration.ofSeconds(10));
				assertThat(context.getBean(ReadModelStore.class).findById(CounterTotal.class, id)).isPresent();
				TestObservationRegistryAssert.assertThat(observations)
					.hasAnObservation((observation) -> observation.hasNameEqualTo("cim.persistence.projection.batch")
						.hasLowCardinalityKeyValue("projection", "CounterTotal"))
					.hasAnObservation((observation) -> observation.hasNameEqualTo("cim.persistence.readmodel.query")
						.hasLowCardinalityKeyValue("read.model", "CounterTotal")
						.hasLowCardinalityKeyValue("operation", "find"));
			});
	}

	@Test
	void projectionsCanBeSwitchedOffKeepingTheStore() {
		connected().withPropertyValues("cim.persistence.projections.enabled=false").run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context).doesNotHaveBean(ProjectionRunner.class).hasSingleBean(ReadModelStore.class);
		});
	}

	@Test
	void optionsBuilderCustomizersAreAppliedInOrderAfterTheProperties() {
		connected().withPropertyValues("cim.persistence.nats.connection-name=from-properties")
			.withUserConfiguration(CustomizerConfiguration.class)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				Options options = context.getBean(Connection.class).getOptions();
				assertThat(options.getConnectionName()).isEqualTo("customized-last");
				assertThat(options.getMaxReconnect()).isEqualTo(11);
			});
	}

	@Test
	void closingTheContextClosesTheConnection() {
		Connection[] connection = new Connection[1];
		connected().run((context) -> connection[0] = context.getBean(Connection.class));
		assertThat(connection[0].getStatus()).isEqualTo(Connection.Status.CLOSED);
	}

	@Test
	void userConnectionIsReusedAndNotClosedByAnotherBean() throws Exception {
		Connection userConnection = server.connect();
		{
			this.contextRunner.withBean("userConnection", Connection.class, () -> userConnection, (definition) -> {
				definition.setDestroyMethodName("");
			}).run((context) -> {
				assertThat(context).hasNotFailed().hasSingleBean(Connection.class);
				assertThat(context.getBean(Connection.class)).isSameAs(userConnection);
				assertThat(context).hasSingleBean(EventStore.class);
			});
			assertThat(userConnection.getStatus()).isEqualTo(Connection.Status.CONNECTED);
		}
	}

	@Test
	void userRepositoryForAnAggregateReplacesTheAutoConfiguredOne() {
		connected().withUserConfiguration(UserRepositoryConfiguration.class).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context.getBeanNamesForType(COUNTER_NATS_REPOSITORY)).containsExactly("userCounterRepository");
			assertThat(context.getBeanNamesForType(COUNTER_AGGREGATE_REPOSITORY))
				.containsExactly("userCounterRepository");
			assertThat(context).doesNotHaveBean("counterRepository");
		});
	}

	@Test
	void userEventStoreAndRepositoryConfigReplaceTheAutoConfiguredOnes() {
		NatsRepositoryConfig config = NatsRepositoryConfig.builder()
			.eventStreamName("USER_EVENTS")
			.aggregateStreamName("USER_AGGREGATES")
			.subjectPrefix("user")
			.build();
		connected().withBean(NatsRepositoryConfig.class, () -> config).run((context) -> {
			assertThat(context).hasNotFailed().hasSingleBean(NatsRepositoryConfig.class);
			assertThat(context.getBean(NatsRepositoryConfig.class)).isSameAs(config);
			assertThat(streamExists("USER_EVENTS")).isTrue();
		});
	}

	@Test
	void userRepositoryObserverIsGivenToTheRepositories() {
		RecordingObserver observer = new RecordingObserver();
		connected().withBean(RepositoryObserver.class, () -> observer).run((context) -> {
			NatsRepository<Counter> repository = repository(context);
			repository.save(Counter.create(), Counter.start("c-" + UUID.randomUUID()));
			assertThat(observer.saves).hasValue(1);
		});
	}

	@Test
	void seedPropertiesAreBoundFromYaml() {
		connected().withInitializer(new ConfigDataApplicationContextInitializer())
			.withSystemProperties("spring.config.location=classpath:autoconfigure/cim-persistence-seed.yml")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				NatsRepositoryConfig config = context.getBean(NatsRepositoryConfig.class);
				assertThat(config.eventStreamName()).isEqualTo("YAML_EVENTS");
				assertThat(config.aggregateStreamName()).isEqualTo("YAML_AGGREGATES");
				assertThat(config.readModelBucket()).isEqualTo("yaml-readmodels");
				assertThat(config.snapshotBucket()).isEqualTo("yaml-snapshots");
				assertThat(config.cacheSize()).isEqualTo(42);
				assertThat(config.enableIpld()).isFalse();
				assertThat(config.subjectPrefix()).isEqualTo("yaml");
				assertThat(config.replicas()).isEqualTo(1);
				assertThat(config.maxEventBytes()).isEqualTo(65536);
				assertThat(config.aggregateHistory()).isEqualTo(3);
				assertThat(config.duplicateWindow()).isEqualTo(Duration.ofSeconds(90));
				assertThat(config.publishTimeout()).isEqualTo(Duration.ofSeconds(7));
				assertThat(config.publishAttempts()).isEqualTo(4);
				assertThat(config.updateAttempts()).isEqualTo(12);
				assertThat(config.snapshotEvery()).isEqualTo(25);
				assertThat(config.verifyOnLoad()).isTrue();
				assertThat(config.ipldCodec()).isEqualTo("dag-cbor");
				assertThat(config.snapshotObjectBucket()).isEqualTo("yaml-snapshot-objects");
				assertThat(config.indexBucket()).isEqualTo("yaml-indexes");
				assertThat(config.stateMaxBytes()).isEqualTo(32768);
				assertThat(streamExists("YAML_EVENTS")).isTrue();
			});
	}

	@Test
	void disabledStarterCreatesNothingAndConnectsNowhere() {
		this.contextRunner
			.withPropertyValues("cim.persistence.enabled=false", "cim.persistence.nats.url=nats://127.0.0.1:1")
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(CimPersistenceProperties.class)
				.doesNotHaveBean(Connection.class)
				.doesNotHaveBean(EventStore.class)
				.doesNotHaveBean(NatsRepository.class));
	}

	@Test
	void withoutJnatsTheStarterBacksOff() {
		connected().withClassLoader(new FilteredClassLoader(Connection.class))
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(CimPersistenceProperties.class)
				.doesNotHaveBean(EventStore.class)
				.doesNotHaveBean(NatsRepository.class));
	}

	@Test
	void provisioningCreatesTheStreamsAndBuckets() {
		connected()
			.withPropertyValues("cim.persistence.event-stream-name=PROV_EVENTS",
					"cim.persistence.aggregate-stream-name=PROV_AGGREGATES", "cim.persistence.subject-prefix=prov",
					"cim.persistence.snapshot-bucket=prov-snapshots",
					"cim.persistence.read-model-bucket=prov-readmodels", "cim.persistence.index-bucket=prov-indexes")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(streamExists("PROV_EVENTS")).isTrue();
				assertThat(streamExists("PROV_AGGREGATES")).isTrue();
				assertThat(streamExists("KV_prov-snapshots")).isTrue();
				assertThat(streamExists("KV_prov-readmodels")).isTrue();
				assertThat(streamExists("KV_prov-indexes")).isTrue();
				assertThat(context.getBean(CimPersistenceStoreInitializer.class).getProvisioningResult())
					.satisfies((result) -> assertThat(result.created()).hasSize(5));
			});
	}

	@Test
	void provisioningSwitchedOffCreatesNothing() {
		connected()
			.withPropertyValues("cim.persistence.provision=false", "cim.persistence.projections.enabled=false",
					"cim.persistence.event-stream-name=NOPROV_EVENTS",
					"cim.persistence.aggregate-stream-name=NOPROV_AGGREGATES", "cim.persistence.subject-prefix=noprov")
			.run((context) -> {
				assertThat(context).hasNotFailed().hasSingleBean(EventStore.class);
				assertThat(streamExists("NOPROV_EVENTS")).isFalse();
				assertThat(context.getBean(CimPersistenceStoreInitializer.class).getProvisioningResult()).isNull();
			});
	}

	@Test
	void embeddedServerIsLaunchedAndUsedWhenEnabledWithoutUrl() {
		EmbeddedNatsServer[] launched = new EmbeddedNatsServer[1];
		this.contextRunner.withPropertyValues("cim.persistence.nats.embedded.enabled=true").run((context) -> {
			assertThat(context).hasNotFailed().hasSingleBean(EmbeddedNatsServer.class);
			EmbeddedNatsServer embedded = context.getBean(EmbeddedNatsServer.class);
			launched[0] = embedded;
			assertThat(embedded.isRunning()).isTrue();
			assertThat(embedded.url()).isNotEqualTo(server.url());
			assertThat(context.getBean(NatsConnectionDetails.class).getServers()).containsExactly(embedded.url());
			Connection connection = context.getBean(Connection.class);
			assertThat(connection.getServerInfo().getPort()).isEqualTo(embedded.port());
			assertThat(connection.jetStreamManagement().getStreamInfo("EVENTS")).isNotNull();
		});
		assertThat(launched[0].isRunning()).isFalse();
	}

	@Test
	void embeddedServerIsNotLaunchedWhenAUrlIsSet() {
		connected().withPropertyValues("cim.persistence.nats.embedded.enabled=true").run((context) -> {
			assertThat(context).hasNotFailed().doesNotHaveBean(EmbeddedNatsServer.class);
			assertThat(context.getBean(NatsConnectionDetails.class).getServers()).containsExactly(server.url());
		});
	}

	@Test
	void unreachableServerFailsWithTheUrlsTried() {
		this.contextRunner.withPropertyValues("cim.persistence.nats.url=nats://127.0.0.1:1, nats://user:pw@127.0.0.1:2")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).rootCause().isNotNull();
				NatsServerUnavailableException ex = findCause(context, NatsServerUnavailableException.class);
				assertThat(ex.getServers()).containsExactly("nats://127.0.0.1:1", "nats://127.0.0.1:2");
			});
	}

	private static <E extends Throwable> E findCause(AssertableApplicationContext context, Class<E> type) {
		Throwable current = context.getStartupFailure();
		while (current != null) {
			if (type.isInstance(current)) {
				return type.cast(current);
			}
			current = current.getCause();
		}
		throw new AssertionError("No " + type.getName() + " in " + context.getStartupFailure());
	}

	@SuppressWarnings("unchecked")
	private static NatsRepository<Counter> repository(AssertableApplicationContext context) {
		return (NatsRepository<Counter>) context.getBeanProvider(COUNTER_NATS_REPOSITORY).getObject();
	}

	private static boolean streamExists(String name) throws Exception {
		JetStreamManagement jsm = server.connect().jetStreamManagement();
		try {
			jsm.getStreamInfo(name);
			return true;
		}
		catch (JetStreamApiException ex) {
			if (ex.getApiErrorCode() != 10059) {
				throw ex;
			}
			return false;
		}
	}

	/**
	 * A service that needs the repository of {@link Counter}.
	 *
	 * @param repository the repository
	 */
	record CounterService(AggregateRepository<Counter> repository) {
	}

	@Configuration(proxyBeanMethods = false)
	static class CounterServiceConfiguration {

		@Bean
		CounterService counterService(AggregateRepository<Counter> repository) {
			return new CounterService(repository);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class CustomizerConfiguration {

		@Bean
		@Order(2)
		NatsOptionsBuilderCustomizer lastCustomizer() {
			return (builder) -> builder.connectionName("customized-last");
		}

		@Bean
		@Order(1)
		NatsOptionsBuilderCustomizer firstCustomizer() {
			return (builder) -> builder.connectionName("customized-first").maxReconnects(11);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserRepositoryConfiguration {

		@Bean
		NatsRepository<Counter> userCounterRepository(NatsRepositoryFactory factory) {
			return factory.getRepository(Counter.class);
		}

	}

	static class RecordingObserver implements RepositoryObserver {

		private final AtomicInteger saves = new AtomicInteger();

		@Override
		public void saved(String aggregate, RepositoryObserver.SaveOutcome outcome, Duration duration) {
			this.saves.incrementAndGet();
		}

	}

}
