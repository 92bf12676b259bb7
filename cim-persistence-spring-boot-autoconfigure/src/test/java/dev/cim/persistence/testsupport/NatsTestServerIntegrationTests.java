package dev.cim.persistence.testsupport;

import dev.cim.persistence.embedded.EmbeddedNatsServer;
import io.nats.client.Connection;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link NatsTestServer} on its own: what it launches, and what closing it cleans up.
 */
class NatsTestServerIntegrationTests {

	@Test
	void withoutASharedUrlLaunchesAServerAndCloseStopsEverything() throws Exception {
		NatsTestServer server = NatsTestServer.fromEnvironment((name) -> null);
		EmbeddedNatsServer launched;
		EmbeddedNatsServer other;
		Connection connection;
		try {
			assertThat(server.isShared()).isFalse();
			launched = server.embeddedServer().orElseThrow();
			assertThat(launched.isRunning()).isTrue();
			assertThat(server.url()).isEqualTo(launched.url());
			connection = server.connect();
			assertThat(connection.getStatus()).isEqualTo(Connection.Status.CONNECTED);
			other = server.startAnother((builder) -> builder.serverName("other"));
		}
		finally {
			server.close();
		}
		assertThat(connection.getStatus()).isEqualTo(Connection.Status.CLOSED);
		assertThat(launched.isRunning()).isFalse();
		assertThat(other.isRunning()).isFalse();
	}

	@Test
	void withASharedUrlLaunchesNothing() throws Exception {
		try (EmbeddedNatsServer running = EmbeddedNatsServer.builder().start()) {
			NatsTestServer server = NatsTestServer
				.fromEnvironment((name) -> NatsTestServer.URL_VARIABLE.equals(name) ? running.url() : null);
			try {
				assertThat(server.isShared()).isTrue();
				assertThat(server.embeddedServer()).isEmpty();
				assertThat(server.url()).isEqualTo(running.url());
				Connection connection = server.connect();
				assertThat(connection.getServerInfo().getPort()).isEqualTo(running.port());
			}
			finally {
				server.close();
			}
			assertThat(running.isRunning()).as("a shared server is not stopped by the tests").isTrue();
		}
	}

}
