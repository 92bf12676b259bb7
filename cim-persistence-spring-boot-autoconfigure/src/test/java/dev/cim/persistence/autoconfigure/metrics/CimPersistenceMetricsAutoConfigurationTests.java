package dev.cim.persistence.autoconfigure.metrics;

import java.util.UUID;

import dev.cim.persistence.autoconfigure.CimPersistenceAutoConfiguration;
import dev.cim.persistence.autoconfigure.CimPersistenceReadModelsAutoConfiguration;
import dev.cim.persistence.autoconfigure.CimPersistenceRepositoriesAutoConfiguration;
import dev.cim.persistence.autoconfigure.counter.Counter;
import dev.cim.persistence.autoconfigure.counter.CounterApplication;
import dev.cim.persistence.testsupport.NatsIntegrationTest;
import dev.cim.persistence.testsupport.NatsTestServer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.ResolvableType;

import static org.assertj.core.api.Assertions.assertThat;
import dev.cim.persistence.repository.AggregateRepository;
import dev.cim.persistence.repository.LoadOptions;
import dev.cim.persistence.repository.RepositoryObserver;

/**
 * Tests for {@link CimPersistenceMetricsAutoConfiguration}.
 */
@NatsIntegrationTest
class CimPersistenceMetricsAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(CimPersistenceAutoConfiguration.class,
				CimPersistenceRepositoriesAutoConfiguration.class, CimPersistenceReadModelsAutoConfiguration.class,
				CimPersistenceMetricsAutoConfiguration.class))
		.withUserConfiguration(CounterApplication.class);

	@Test
	void repositoriesRecordMetersInTheRegistry(NatsTestServer server) {
		this.contextRunner.withPropertyValues("cim.persistence.nats.url=" + server.url())
			.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
			.run((context) -> {
				assertThat(context).hasSingleBean(MicrometerRepositoryObserver.class);
				AggregateRepository<Counter> repository = repository(context
					.getBeanProvider(ResolvableType.forClassWithGenerics(AggregateRepository.class, Counter.class))
					.getObject());
				String id = "m-" + UUID.randomUUID();
				Counter counter = Counter.create();
				repository.save(counter, Counter.start(id));
				repository.load(id);
				repository.load(id, LoadOptions.defaults().withoutCache());
				MeterRegistry registry = context.getBean(MeterRegistry.class);
				assertThat(registry.get(MicrometerRepositoryObserver.SAVE)
					.tag("aggregate", "test.Counter")
					.tag("outcome", "success")
					.timer()
					.count()).isEqualTo(1);
				assertThat(registry.get(MicrometerRepositoryObserver.LOAD)
					.tag("aggregate", "test.Counter")
					.tag("outcome", "success")
					.tag("source", "cache")
					.timer()
					.count()).isEqualTo(1);
				assertThat(registry.get(MicrometerRepositoryObserver.LOAD).tag("source", "state").timer().count())
					.isEqualTo(1);
				assertThat(registry.get(MicrometerRepositoryObserver.CACHE_HITS).counter().count()).isEqualTo(1);
			});
	}

	@Test
	void withoutAMeterRegistryTheObserverIsAbsent(NatsTestServer server) {
		this.contextRunner.withPropertyValues("cim.persistence.nats.url=" + server.url())
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(RepositoryObserver.class));
	}

	@Test
	void userObserverWins(NatsTestServer server) {
		RepositoryObserver user = new RepositoryObserver() {
		};
		this.contextRunner.withPropertyValues("cim.persistence.nats.url=" + server.url())
			.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
			.withBean(RepositoryObserver.class, () -> user)
			.run((context) -> assertThat(context).getBean(RepositoryObserver.class).isSameAs(user));
	}

	@Test
	void discardReasonsAreMappedToFewKinds() {
		assertThat(
				MicrometerRepositoryObserver.reasonKind("written for another class shape (fingerprint a, expected b)"))
			.isEqualTo("class_changed");
		assertThat(MicrometerRepositoryObserver.reasonKind("state does not match its CID (x, computed y)"))
			.isEqualTo("corrupt");
		assertThat(MicrometerRepositoryObserver.reasonKind("the event it covers is not in the stream"))
			.isEqualTo("head_mismatch");
		assertThat(MicrometerRepositoryObserver.reasonKind("covers bafy but the head is bafz"))
			.isEqualTo("head_mismatch");
		assertThat(MicrometerRepositoryObserver.reasonKind("unreadable: bad json")).isEqualTo("unreadable");
		assertThat(MicrometerRepositoryObserver.reasonKind("something new")).isEqualTo("other");
	}

	@SuppressWarnings("unchecked")
	private static AggregateRepository<Counter> repository(Object bean) {
		return (AggregateRepository<Counter>) bean;
	}

}
