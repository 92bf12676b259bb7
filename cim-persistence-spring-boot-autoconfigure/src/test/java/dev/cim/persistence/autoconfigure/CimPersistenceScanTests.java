package dev.cim.persistence.autoconfigure;

import dev.cim.persistence.autoconfigure.CimPersistenceReadModelsAutoConfiguration.ReadModelDefinitions;
import dev.cim.persistence.autoconfigure.counter.Counter;
import dev.cim.persistence.autoconfigure.counter.CounterApplication;
import dev.cim.persistence.autoconfigure.elsewhere.Tally;
import dev.cim.persistence.autoconfigure.elsewhere.TallyView;
import dev.cim.persistence.readmodel.ReadModelDefinition;
import dev.cim.persistence.testsupport.NatsIntegrationTest;
import dev.cim.persistence.testsupport.NatsTestServer;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.ResolvableType;

import static org.assertj.core.api.Assertions.assertThat;
import dev.cim.persistence.repository.AggregateRepository;

/**
 * Tests for {@link CimPersistenceScan @CimPersistenceScan}: the one scanner of
 * {@code @Aggregate} and {@code @ReadModel} classes.
 */
@NatsIntegrationTest
class CimPersistenceScanTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(CimPersistenceAutoConfiguration.class,
				CimPersistenceRepositoriesAutoConfiguration.class, CimPersistenceReadModelsAutoConfiguration.class))
		.withUserConfiguration(CounterApplication.class)
		.withPropertyValues("cim.persistence.projections.enabled=false");

	@Test
	void withoutTheAnnotationTheAutoConfigurationPackagesAreScanned(NatsTestServer server) {
		this.contextRunner.withPropertyValues("cim.persistence.nats.url=" + server.url()).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(repositoryNames(context, Counter.class)).containsExactly("counterRepository");
			assertThat(repositoryNames(context, Tally.class)).isEmpty();
			assertThat(readModelClasses(context))
				.containsExactly(dev.cim.persistence.autoconfigure.counter.CounterTotal.class);
		});
	}

	@Test
	void annotationWithPackageClassesScansThoseInsteadOfTheAutoConfigurationPackages(NatsTestServer server) {
		this.contextRunner.withPropertyValues("cim.persistence.nats.url=" + server.url())
			.withUserConfiguration(ScanByClass.class)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(repositoryNames(context, Tally.class)).containsExactly("tallyRepository");
				assertThat(repositoryNames(context, Counter.class)).isEmpty();
				assertThat(readModelClasses(context)).containsExactly(TallyView.class);
			});
	}

	@Test
	void annotationsAddTheirPackagesUp(NatsTestServer server) {
		this.contextRunner.withPropertyValues("cim.persistence.nats.url=" + server.url())
			.withUserConfiguration(ScanByClass.class, ScanByName.class)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(repositoryNames(context, Tally.class)).containsExactly("tallyRepository");
				assertThat(repositoryNames(context, Counter.class)).containsExactly("counterRepository");
				assertThat(readModelClasses(context)).containsExactlyInAnyOrder(TallyView.class,
						dev.cim.persistence.autoconfigure.counter.CounterTotal.class);
			});
	}

	private static String[] repositoryNames(AssertableApplicationContext context, Class<?> aggregateClass) {
		return context
			.getBeanNamesForType(ResolvableType.forClassWithGenerics(AggregateRepository.class, aggregateClass));
	}

	private static Iterable<Class<?>> readModelClasses(AssertableApplicationContext context) {
		return context.getBean(ReadModelDefinitions.class)
			.definitions()
			.stream()
			.<Class<?>>map(ReadModelDefinition::modelClass)
			.toList();
	}

	@Configuration(proxyBeanMethods = false)
	@CimPersistenceScan(basePackageClasses = Tally.class)
	static class ScanByClass {

	}

	@Configuration(proxyBeanMethods = false)
	@CimPersistenceScan("dev.cim.persistence.autoconfigure.counter")
	static class ScanByName {

	}

}
