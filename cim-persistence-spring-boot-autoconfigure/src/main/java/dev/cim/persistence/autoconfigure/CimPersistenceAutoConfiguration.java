package dev.cim.persistence.autoconfigure;

import dev.cim.persistence.nats.NatsRepositoryConfig;
import io.micrometer.observation.ObservationRegistry;
import io.nats.client.Connection;
import org.springframework.beans.factory.ObjectProvider;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import dev.cim.persistence.repository.RepositoryObserver;
import dev.cim.persistence.repository.support.EventStore;
import dev.cim.persistence.repository.support.NatsRepositoryFactory;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration
 * Auto-configuration} for CIM persistence: the NATS connection (or a locally launched
 * server), the store's streams and buckets, the {@link EventStore}, and one
 * {@link dev.cim.persistence.repository.NatsRepository} per
 * {@link dev.cim.persistence.repository.Aggregate @Aggregate} class in the application's
 * packages, the read-model store and the projections of the
 * {@link dev.cim.persistence.readmodel.ReadModel @ReadModel} classes there.
 */
@AutoConfiguration(afterName = { "org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration",
		"org.springframework.boot.autoconfigure.availability.ApplicationAvailabilityAutoConfiguration" })
@ConditionalOnClass(Connection.class)
@ConditionalOnBooleanProperty(name = "cim.persistence.enabled", matchIfMissing = true)
@EnableConfigurationProperties(CimPersistenceProperties.class)
@Import({ EmbeddedNatsServerConfiguration.class, NatsConnectionConfiguration.class,
		AggregateRepositoriesRegistrar.class, ReadModelConfiguration.class })
public final class CimPersistenceAutoConfiguration {

	CimPersistenceAutoConfiguration() {
	}

	@Bean
	@ConditionalOnMissingBean
	NatsRepositoryConfig natsRepositoryConfig(CimPersistenceProperties properties) {
		return properties.toRepositoryConfig();
	}

	@Bean
	@ConditionalOnMissingBean
	CimPersistenceStoreInitializer cimPersistenceStoreInitializer(Connection connection, NatsRepositoryConfig config,
			CimPersistenceProperties properties) {
		return new CimPersistenceStoreInitializer(connection, config, properties.isProvision());
	}

	@Bean
	@ConditionalOnMissingBean
	NatsRepositoryFactory natsRepositoryFactory(Connection connection, NatsRepositoryConfig config,
			CimPersistenceStoreInitializer storeInitializer, ObjectProvider<RepositoryObserver> observer,
			ObjectProvider<ObservationRegistry> observations) {
		// The initializer is a parameter so that the server is checked and the streams
		// exist before the store is used. The factory owns the executor of asynchronous
		// saves and shuts it down with the context.
		return NatsRepositoryFactory.builder(connection, config)
			.observer(observer.getIfAvailable(() -> RepositoryObserver.NONE))
			.observationRegistry(observations.getIfAvailable(() -> ObservationRegistry.NOOP))
			.build();
	}

	@Bean
	@ConditionalOnMissingBean
	EventStore eventStore(NatsRepositoryFactory factory) {
		return factory.getEventStore();
	}

}
