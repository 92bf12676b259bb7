package dev.cim.persistence.autoconfigure;

import java.time.Duration;
import java.util.List;

import dev.cim.persistence.testsupport.NatsTestCluster;
import dev.cim.persistence.testsupport.ClusterNode;
import io.nats.client.Connection;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The connection the auto-configuration opens, on a three-node cluster: when the server
 * it is connected to freezes (the process stops, its sockets stay open), the client
 * notices by its pings and moves to another server.
 */
class NatsConnectionFactoryClusterIntegrationTests {

	@Test
	void aConnectionToAServerThatFreezesMovesToAnotherServer() throws Exception {
		try (NatsTestCluster cluster = NatsTestCluster.start()) {
			NatsConnectionDetails details = () -> List.of(cluster.urls());
			CimPersistenceProperties.Nats defaults = new CimPersistenceProperties().getNats();
			Connection connection = new NatsConnectionFactory(details, defaults.getConnectionTimeout(),
					defaults.getPingInterval(), null)
				.connect();
			try {
				ClusterNode frozen = cluster.nodes()
					.stream()
					.filter((node) -> node.url().equals(connection.getConnectedUrl()))
					.findFirst()
					.orElseThrow();
				frozen.pause();
				try {
					Awaitility.await()
						.atMost(Duration.ofSeconds(90))
						.until(() -> connection.getStatus() == Connection.Status.CONNECTED
								&& !frozen.url().equals(connection.getConnectedUrl()));
					Awaitility.await()
						.atMost(Duration.ofSeconds(60))
						.ignoreExceptions()
						.untilAsserted(
								() -> assertThat(connection.jetStreamManagement().getAccountStatistics()).isNotNull());
				}
				finally {
					frozen.resume();
				}
			}
			finally {
				connection.close();
			}
		}
	}

}
