package dev.cim.persistence.autoconfigure.testcontainers;

import dev.cim.persistence.autoconfigure.CimPersistenceAutoConfiguration;
import dev.cim.persistence.autoconfigure.NatsConnectionDetails;
import dev.cim.persistence.autoconfigure.counter.CounterApplication;
import io.nats.client.Connection;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.testcontainers.service.connection.ServiceConnection;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.junit.jupiter.SpringJUnitConfig;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link NatsContainerConnectionDetailsFactory}. Needs a Docker engine: runs
 * with {@code -Pdocker} only.
 */
@Tag("docker")
@Testcontainers(disabledWithoutDocker = false)
@SpringJUnitConfig
class NatsContainerConnectionDetailsFactoryTests {

	@Container
	@ServiceConnection
	static final GenericContainer<?> nats = new GenericContainer<>("nats:2.12").withCommand("-js")
		.withExposedPorts(4222);

	@Autowired
	private NatsConnectionDetails connectionDetails;

	@Autowired
	private Connection connection;

	@Test
	void connectionDetailsPointAtTheContainer() {
		assertThat(this.connectionDetails)
			.isInstanceOf(NatsContainerConnectionDetailsFactory.NatsContainerConnectionDetails.class);
		assertThat(this.connectionDetails.getServers())
			.containsExactly("nats://" + nats.getHost() + ":" + nats.getMappedPort(4222));
		assertThat(this.connection.getStatus()).isEqualTo(Connection.Status.CONNECTED);
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration(CimPersistenceAutoConfiguration.class)
	@Import(CounterApplication.class)
	static class TestConfiguration {

	}

}
