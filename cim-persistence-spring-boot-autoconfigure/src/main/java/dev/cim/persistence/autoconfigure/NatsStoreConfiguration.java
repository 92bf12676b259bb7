package dev.cim.persistence.autoconfigure;

import dev.cim.persistence.nats.NatsRepositoryConfig;
import dev.cim.persistence.repository.EventStore;
import io.nats.client.Connection;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The store on the one connection: the server checked and the streams and buckets
 * provisioned at start-up, then the {@link EventStore}. Nothing when the context holds
 * several connections and none is primary.
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
	EventStore eventStore(Connection connection, NatsRepositoryConfig config,
			CimPersistenceStoreInitializer storeInitializer) {
		// The initializer is a parameter so that the server is checked and the streams
		// exist before the store is used.
		return new EventStore(connection, config);
	}

}
