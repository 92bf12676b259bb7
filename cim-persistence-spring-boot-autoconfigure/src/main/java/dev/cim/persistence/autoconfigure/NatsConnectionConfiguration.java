package dev.cim.persistence.autoconfigure;

import io.nats.client.Connection;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The jnats connection, unless the application has one, built from the properties and the
 * {@link NatsOptionsBuilderCustomizer customizers}, and the readiness state that follows
 * it.
 */
@Configuration(proxyBeanMethods = false)
class NatsConnectionConfiguration {

	@Bean
	@ConditionalOnMissingBean(NatsConnectionDetails.class)
	PropertiesNatsConnectionDetails natsConnectionDetails(CimPersistenceProperties properties,
			ObjectProvider<SslBundles> sslBundles) {
		return new PropertiesNatsConnectionDetails(properties.getNats(), sslBundles.getIfAvailable());
	}

	@Bean(destroyMethod = "close")
	@ConditionalOnMissingBean
	Connection natsConnection(NatsConnectionDetails connectionDetails, CimPersistenceProperties properties,
			ObjectProvider<NatsOptionsBuilderCustomizer> customizers) {
		CimPersistenceProperties.Nats nats = properties.getNats();
		return new NatsConnectionFactory(connectionDetails, nats.getConnectionTimeout(), nats.getPingInterval(),
				nats.getConnectionName(), customizers.orderedStream().toList())
			.connect();
	}

	@Bean
	@ConditionalOnSingleCandidate(Connection.class)
	@ConditionalOnBean(ApplicationAvailability.class)
	@ConditionalOnBooleanProperty(name = "cim.persistence.nats.readiness-follows-connection", matchIfMissing = true)
	NatsConnectionReadiness natsConnectionReadiness(Connection connection, ApplicationEventPublisher publisher,
			ApplicationAvailability availability) {
		return new NatsConnectionReadiness(connection, publisher, availability);
	}

}
