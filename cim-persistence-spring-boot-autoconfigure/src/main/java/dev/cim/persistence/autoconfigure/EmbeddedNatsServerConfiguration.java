package dev.cim.persistence.autoconfigure;

import java.nio.file.Path;

import dev.cim.persistence.embedded.EmbeddedNatsServer;
import io.nats.client.Connection;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

/**
 * A nats-server launched for development when asked for and no URL is set: it owns its
 * store directory while it runs, dies with the application, and is restarted when its
 * process exits unexpectedly.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(OnEmbeddedNatsServerCondition.class)
@ConditionalOnMissingBean({ Connection.class, NatsConnectionDetails.class })
class EmbeddedNatsServerConfiguration {

	@Bean(destroyMethod = "close")
	@ConditionalOnMissingBean
	EmbeddedNatsServer embeddedNatsServer(CimPersistenceProperties properties) {
		CimPersistenceProperties.Embedded embedded = properties.getNats().getEmbedded();
		EmbeddedNatsServer.Builder builder = EmbeddedNatsServer.builder()
			.port(embedded.getPort())
			.startupTimeout(embedded.getStartupTimeout());
		Path binary = embedded.getBinary();
		if (binary != null) {
			builder.binary(binary);
		}
		Path storeDir = embedded.getStoreDir();
		if (storeDir != null) {
			builder.storeDirectory(storeDir);
		}
		Integer monitorPort = embedded.getMonitorPort();
		if (monitorPort != null) {
			builder.monitorPort(monitorPort);
		}
		CimPersistenceProperties.Embedded.Restart restart = embedded.getRestart();
		if (restart.isEnabled()) {
			builder.restartOnExit(restart.getInitialBackoff(), restart.getMaxBackoff());
		}
		return builder.start();
	}

	@Bean
	@ConditionalOnMissingBean(NatsConnectionDetails.class)
	EmbeddedNatsConnectionDetails embeddedNatsConnectionDetails(EmbeddedNatsServer server) {
		return new EmbeddedNatsConnectionDetails(server);
	}

}
