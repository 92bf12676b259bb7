package dev.cim.persistence.autoconfigure;

import dev.cim.persistence.nats.NatsRepositoryConfig;
import io.micrometer.observation.ObservationRegistry;
import io.nats.client.Connection;

import org.springframework.beans.factory.ObjectProvider;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import dev.cim.persistence.repository.RepositoryObserver;
import dev.cim.persistence.repository.support.EventStore;
import dev.cim.persistence.repository.support.NatsRepositoryFactory;

/**
 * The store on the one connection: the server checked and the streams and buckets
 * provisioned at start-up, then the {@link NatsRepositoryFactory} that builds the
 * repositories and the {@link EventStore}. Nothing when the context holds several
 * connections and none is primary.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnSingleCandidate(Connection.class)
class NatsStoreConfiguration {

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
