package dev.cim.persistence.autoconfigure;

import io.nats.client.Connection;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The jnats connection, unless the application has one.
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
	Connection natsConnection(NatsConnectionDetails connectionDetails, CimPersistenceProperties properties) {
		CimPersistenceProperties.Nats nats = properties.getNats();
		return new NatsConnectionFactory(connectionDetails, nats.getConnectionTimeout(), nats.getPingInterval(),
				nats.getConnectionName())
			.connect();
	}

}
