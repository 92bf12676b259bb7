package dev.cim.persistence.autoconfigure;

import dev.cim.persistence.autoconfigure.counter.Counter;
import dev.cim.persistence.autoconfigure.counter.CounterApplication;
import dev.cim.persistence.readmodel.ProjectionRunner;
import dev.cim.persistence.readmodel.ReadModelStore;
import dev.cim.persistence.testsupport.NatsIntegrationTest;
import dev.cim.persistence.testsupport.NatsTestServer;
import io.nats.client.Connection;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.ConfigDataApplicationContextInitializer;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.ResolvableType;

import static org.assertj.core.api.Assertions.assertThat;
import dev.cim.persistence.repository.AggregateRepository;
import dev.cim.persistence.repository.support.EventStore;

/**
 * Tests for {@link CimPersistenceRepositoriesAutoConfiguration}, and for how the
 * auto-configurations that use a connection back off when there are several.
 */
@NatsIntegrationTest
class CimPersistenceRepositoriesAutoConfigurationTests {

	private static final ResolvableType COUNTER_REPOSITORY = ResolvableType
		.forClassWithGenerics(AggregateRepository.class, Counter.class);

	private static NatsTestServer server;

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(CimPersistenceAutoConfiguration.class,
				CimPersistenceRepositoriesAutoConfiguration.class, CimPersistenceReadModelsAutoConfiguration.class))
		.withUserConfiguration(CounterApplication.class)
		.withPropertyValues("cim.persistence.projections.enabled=false");

	@BeforeAll
	static void server(NatsTestServer natsTestServer) {
		server = natsTestServer;
	}

	@Test
	void repositoriesCanBeSwitchedOffKeepingTheStoreAndTheReadModels() {
		this.contextRunner
			.withPropertyValues("cim.persistence.nats.url=" + server.url(),
					"cim.persistence.repositories.enabled=false")
			.run((context) -> {
				assertThat(context).hasNotFailed().hasSingleBean(EventStore.class).hasSingleBean(ReadModelStore.class);
				assertThat(context.getBeanNamesForType(COUNTER_REPOSITORY)).isEmpty();
			});
	}

	@Test
	void repositoriesSwitchIsBoundFromYaml() {
		this.contextRunner.withPropertyValues("cim.persistence.nats.url=" + server.url())
			.withInitializer(new ConfigDataApplicationContextInitializer())
			.withSystemProperties("spring.config.location=classpath:autoconfigure/cim-persistence-repositories-off.yml")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBean(CimPersistenceProperties.class).getRepositories().isEnabled()).isFalse();
				assertThat(context.getBeanNamesForType(COUNTER_REPOSITORY)).isEmpty();
			});
	}

	@Test
	void repositoriesAreOnByDefault() {
		this.contextRunner.withPropertyValues("cim.persistence.nats.url=" + server.url()).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context.getBean(CimPersistenceProperties.class).getRepositories().isEnabled()).isTrue();
			assertThat(context.getBeanNamesForType(COUNTER_REPOSITORY)).containsExactly("counterRepository");
		});
	}

	@Test
	void twoConnectionsWithoutAPrimaryOneLeaveTheStoreRepositoriesAndReadModelsOut() throws Exception {
		Connection first = server.connect();
		Connection second = server.connect();
		this.contextRunner.withBean("firstConnection", Connection.class, () -> first)
			.withBean("secondConnection", Connection.class, () -> second)
			.run((context) -> {
				assertThat(context).hasNotFailed()
					.doesNotHaveBean(CimPersistenceStoreInitializer.class)
					.doesNotHaveBean(EventStore.class)
					.doesNotHaveBean(ReadModelStore.class)
					.doesNotHaveBean(ProjectionRunner.class)
					.doesNotHaveBean(NatsConnectionReadiness.class);
				assertThat(context.getBeanNamesForType(COUNTER_REPOSITORY)).isEmpty();
			});
	}

	@Test
	void twoConnectionsOfWhichOneIsPrimaryUseThePrimaryOne() throws Exception {
		Connection first = server.connect();
		Connection second = server.connect();
		this.contextRunner.withPropertyValues("cim.persistence.projections.enabled=true")
			.withBean("firstConnection", Connection.class, () -> first, (definition) -> definition.setPrimary(true))
			.withBean("secondConnection", Connection.class, () -> second)
			.run((context) -> {
				assertThat(context).hasNotFailed()
					.hasSingleBean(EventStore.class)
					.hasSingleBean(ProjectionRunner.class);
				assertThat(context.getBeanNamesForType(COUNTER_REPOSITORY)).containsExactly("counterRepository");
			});
	}

}
