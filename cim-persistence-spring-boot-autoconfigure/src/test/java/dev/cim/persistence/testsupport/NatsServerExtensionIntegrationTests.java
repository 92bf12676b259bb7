package dev.cim.persistence.testsupport;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.Nats;
import io.nats.client.api.PublishAck;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import dev.cim.persistence.embedded.EmbeddedNatsServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@link NatsServerExtension}: one server per class, handed to every kind of method.
 */
@NatsIntegrationTest
class NatsServerExtensionIntegrationTests {

	private static NatsTestServer serverOfBeforeAll;

	@BeforeAll
	static void rememberServer(NatsTestServer server) {
		serverOfBeforeAll = server;
	}

	@BeforeEach
	void beforeEachReceivesTheServerOfTheClass(NatsTestServer server) {
		assertThat(server).isSameAs(serverOfBeforeAll);
	}

	@Test
	void testReceivesAServerThatAcceptsJetStreamPublishes(NatsTestServer server) throws Exception {
		Connection connection = server.connect();
		JetStreamManagement jsm = connection.jetStreamManagement();
		String stream = uniqueName();
		jsm.addStream(StreamConfiguration.builder()
			.name(stream)
			.subjects(stream + ".>")
			.storageType(StorageType.File)
			.build());
		PublishAck ack = connection.jetStream().publish(stream + ".a", "hello".getBytes(StandardCharsets.UTF_8));
		assertThat(ack.getStream()).isEqualTo(stream);
		assertThat(ack.getSeqno()).isEqualTo(1);
		assertThat(jsm.getStreamInfo(stream).getStreamState().getMsgCount()).isEqualTo(1);
	}

	@Test
	void serverIsLaunchedForTheClassUnlessASharedOneIsNamed(NatsTestServer server) {
		String sharedUrl = System.getenv(NatsTestServer.URL_VARIABLE);
		if (sharedUrl != null && !sharedUrl.isBlank()) {
			assertThat(server.isShared()).isTrue();
			assertThat(server.url()).isEqualTo(sharedUrl.strip());
		}
		else {
			assertThat(server.isShared()).isFalse();
			assertThat(server.embeddedServer()).hasValueSatisfying((embedded) -> {
				assertThat(embedded.isRunning()).isTrue();
				assertThat(server.url()).isEqualTo(embedded.url()).startsWith("nats://127.0.0.1:");
			});
		}
	}

	@Test
	void startAnotherLaunchesAnIndependentServer(NatsTestServer server) throws Exception {
		EmbeddedNatsServer other = server.startAnother();
		assertThat(other.isRunning()).isTrue();
		assertThat(other.url()).isNotEqualTo(server.url());
		Connection toOther = Nats.connect(other.url());
		String stream = uniqueName();
		try {
			toOther.jetStreamManagement()
				.addStream(StreamConfiguration.builder().name(stream).subjects(stream + ".>").build());
			assertThat(toOther.jetStreamManagement().getStreamNames()).contains(stream);
		}
		finally {
			toOther.close();
		}
		JetStreamManagement jsmOfTheClassServer = server.connect().jetStreamManagement();
		assertThatExceptionOfType(JetStreamApiException.class)
			.isThrownBy(() -> jsmOfTheClassServer.getStreamInfo(stream))
			.satisfies((ex) -> assertThat(ex.getApiErrorCode()).isEqualTo(10059));
	}

	private static String uniqueName() {
		return "T" + UUID.randomUUID().toString().replace("-", "");
	}

	@Nested
	class NestedTests {

		@Test
		void nestedClassSharesTheServerOfTheEnclosingClass(NatsTestServer server) {
			assertThat(server).isSameAs(serverOfBeforeAll);
		}

	}

}
