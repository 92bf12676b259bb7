package dev.cim.persistence.autoconfigure;

import java.util.ArrayList;
import java.util.List;

import dev.cim.persistence.nats.NatsRepositoryConfig;
import dev.cim.persistence.readmodel.ProjectionObserver;
import dev.cim.persistence.readmodel.ProjectionRunner;
import dev.cim.persistence.readmodel.ReadModel;
import dev.cim.persistence.readmodel.ReadModelDefinition;
import dev.cim.persistence.readmodel.ReadModelStore;
import io.micrometer.observation.ObservationRegistry;
import io.nats.client.Connection;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ResourceLoader;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration
 * Auto-configuration} of read models and projections: the {@link ReadModelStore}, and a
 * {@link ProjectionRunner} for the {@link ReadModel @ReadModel} classes found (see
 * {@link CimPersistenceScan @CimPersistenceScan}), started with the application and
 * drained on shutdown. The projections can be switched off with
 * {@code cim.persistence.projections.enabled=false}, keeping the store. Projection
 * batches and reads are observed with the application's {@link ObservationRegistry} when
 * it has one.
 */
@AutoConfiguration(after = CimPersistenceAutoConfiguration.class)
@ConditionalOnClass(Connection.class)
@ConditionalOnBooleanProperty(name = "cim.persistence.enabled", matchIfMissing = true)
@ConditionalOnSingleCandidate(Connection.class)
@ConditionalOnBean(CimPersistenceStoreInitializer.class)
public final class CimPersistenceReadModelsAutoConfiguration {

	CimPersistenceReadModelsAutoConfiguration() {
	}

	@Bean
	@ConditionalOnMissingBean
	ReadModelDefinitions readModelDefinitions(BeanFactory beanFactory, Environment environment,
			ResourceLoader resourceLoader) {
		List<ReadModelDefinition<?>> definitions = new ArrayList<>();
		for (Class<?> modelClass : new CimPersistenceScanner(beanFactory, environment, resourceLoader)
			.scan(ReadModel.class)) {
			definitions.add(ReadModelDefinition.of(modelClass));
		}
		return new ReadModelDefinitions(definitions);
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBooleanProperty(name = "cim.persistence.projections.enabled", matchIfMissing = true)
	ProjectionRunner projectionRunner(Connection connection, NatsRepositoryConfig config,
			CimPersistenceStoreInitializer storeInitializer, ReadModelDefinitions definitions,
			CimPersistenceProperties properties, ObjectProvider<ProjectionObserver> observer,
			ObjectProvider<ObservationRegistry> observationRegistry) {
		// The initializer is a parameter so that the streams exist before projections
		// start.
		return new ProjectionRunner(connection, config, definitions.definitions(),
				properties.getProjections().toProjectionOptions(),
				observer.getIfAvailable(() -> ProjectionObserver.NONE),
				observationRegistry.getIfUnique(() -> ObservationRegistry.NOOP));
	}

	@Bean
	@ConditionalOnMissingBean
	ReadModelStore readModelStore(ObjectProvider<ProjectionRunner> runner, Connection connection,
			NatsRepositoryConfig config, CimPersistenceStoreInitializer storeInitializer,
			ObjectProvider<ObservationRegistry> observationRegistry) {
		ProjectionRunner projections = runner.getIfAvailable();
		return (projections != null) ? projections.store() : new ReadModelStore(connection, config,
				observationRegistry.getIfUnique(() -> ObservationRegistry.NOOP));
	}

	@Bean
	RunnerLifecycle projectionRunnerLifecycle(ObjectProvider<ProjectionRunner> runner) {
		ProjectionRunner available = runner.getIfAvailable();
		return (available != null) ? RunnerLifecycle.of(available::start, available::stop, available::isRunning)
				: RunnerLifecycle.none();
	}

	/**
	 * The read models found.
	 *
	 * @param definitions their definitions
	 */
	record ReadModelDefinitions(List<ReadModelDefinition<?>> definitions) {
	}

}
