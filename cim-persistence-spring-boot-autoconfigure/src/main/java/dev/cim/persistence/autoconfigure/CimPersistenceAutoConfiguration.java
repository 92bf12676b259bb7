package dev.cim.persistence.autoconfigure;

import dev.cim.persistence.nats.NatsRepositoryConfig;
import io.nats.client.Connection;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration
 * Auto-configuration} of the CIM persistence connection and store: the NATS connection
 * (or a locally launched server) unless the application has one, the store's layout, its
 * streams and buckets, and the {@link dev.cim.persistence.repository.EventStore}. The
 * repositories ({@link CimPersistenceRepositoriesAutoConfiguration}) and the read models
 * ({@link CimPersistenceReadModelsAutoConfiguration}) are configured after it.
 */
@AutoConfiguration(afterName = { "org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration",
		"org.springframework.boot.autoconfigure.availability.ApplicationAvailabilityAutoConfiguration" })
@ConditionalOnClass(Connection.class)
@ConditionalOnBooleanProperty(name = "cim.persistence.enabled", matchIfMissing = true)
@EnableConfigurationProperties(CimPersistenceProperties.class)
@Import({ EmbeddedNatsServerConfiguration.class, NatsConnectionConfiguration.class, NatsStoreConfiguration.class,
		NatsCredentialsSanitizingConfiguration.class })
public final class CimPersistenceAutoConfiguration {

	CimPersistenceAutoConfiguration() {
	}

	@Bean
	@ConditionalOnMissingBean
	NatsRepositoryConfig natsRepositoryConfig(CimPersistenceProperties properties) {
		return properties.toRepositoryConfig();
	}

}
