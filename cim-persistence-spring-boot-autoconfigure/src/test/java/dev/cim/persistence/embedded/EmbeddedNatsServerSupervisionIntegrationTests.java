package dev.cim.persistence.embedded;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;

import io.nats.client.Connection;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * {@link EmbeddedNatsServer} restarted after its process dies, and what it exposes.
 */
class EmbeddedNatsServerSupervisionIntegrationTests {

	private static final Duration EVENTUALLY = Duration.ofSeconds(30);

	@Test
	void killedServerIsRestartedOnTheSamePortAndClientsReconnectToItsData() throws Exception {
		try (EmbeddedNatsServer server = EmbeddedNatsServer.builder()
			.restartOnExit(Duration.ofMillis(100), Duration.ofSeconds(1))
			.start()) {
			int port = server.port();
			long pid = server.pid();
			Connection connection = Nats.connect(Options.builder()
				.server(server.url())
				.maxReconnects(-1)
				.reconnectWait(Duration.ofMillis(100))
				.build());
			try {
				connection.jetStreamManagement()
					.addStream(StreamConfiguration.builder()
						.name("ORDERS")
						.subjects("orders.>")
						.storageType(StorageType.File)
						.build());
				connection.jetStream().publish("orders.1", "first".getBytes(StandardCharsets.UTF_8));
				ProcessHandle.of(pid).orElseThrow().destroyForcibly();
				awaitTrue(() -> server.restarts() == 1 && server.isRunning(), "the server is restarted");
				assertThat(server.port()).isEqualTo(port);
				assertThat(server.pid()).isNotEqualTo(pid);
				awaitTrue(() -> connection.getStatus() == Connection.Status.CONNECTED, "the client reconnects");
				connection.jetStream().publish("orders.2", "second".getBytes(StandardCharsets.UTF_8));
				assertThat(connection.jetStreamManagement().getStreamInfo("ORDERS").getStreamState().getMsgCount())
					.isEqualTo(2);
			}
			finally {
				connection.close();
			}
		}
	}

	@Test
	void serverWithoutRestartStaysDownAfterItsProcessDiesUntilStartedAgain() throws Exception {
		try (EmbeddedNatsServer server = EmbeddedNatsServer.builder().start()) {
			ProcessHandle process = ProcessHandle.of(server.pid()).orElseThrow();
			process.destroyForcibly();
			awaitTrue(() -> !server.isRunning(), "the server is seen down");
			assertThat(server.restarts()).isZero();
			int port = server.port();
			server.start();
			assertThat(server.isRunning()).isTrue();
			assertThat(server.port()).isEqualTo(port);
		}
	}

	@Test
	void serverListensOnLoopbackOnlyWithoutMonitoringPortByDefault() throws Exception {
		try (EmbeddedNatsServer server = EmbeddedNatsServer.builder().start()) {
			List<String> arguments = ProcessHandle.of(server.pid())
				.flatMap((process) -> process.info().arguments())
				.map(List::of)
				.orElseThrow();
			assertThat(arguments).containsSubsequence("-a", "127.0.0.1").doesNotContain("-m");
			assertThatIllegalStateException().isThrownBy(server::monitoringPort)
				.withMessageContaining("without a monitoring port");
			Optional<InetAddress> external = nonLoopbackAddress();
			external.ifPresent(
					(address) -> assertThat(accepts(address, server.port())).as("port %d on %s", server.port(), address)
						.isFalse());
			assertThat(accepts(InetAddress.getLoopbackAddress(), server.port())).isTrue();
		}
	}

	@Test
	void monitorPortIsOpenedWhenAskedFor() throws Exception {
		try (EmbeddedNatsServer server = EmbeddedNatsServer.builder().monitorPort(0).start()) {
			HttpURLConnection http = (HttpURLConnection) URI
				.create("http://127.0.0.1:" + server.monitoringPort() + "/healthz?js-enabled-only=true")
				.toURL()
				.openConnection();
			try {
				assertThat(http.getResponseCode()).isEqualTo(200);
			}
			finally {
				http.disconnect();
			}
		}
	}

	private static Optional<InetAddress> nonLoopbackAddress() throws IOException {
		for (NetworkInterface network : Collections.list(NetworkInterface.getNetworkInterfaces())) {
			if (network.isUp() && !network.isLoopback()) {
				for (InetAddress address : Collections.list(network.getInetAddresses())) {
					if (address instanceof Inet4Address) {
						return Optional.of(address);
					}
				}
			}
		}
		return Optional.empty();
	}

	private static boolean accepts(InetAddress address, int port) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(address, port), 1000);
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	static void awaitTrue(BooleanSupplier condition, String what) throws InterruptedException {
		long deadline = System.nanoTime() + EVENTUALLY.toNanos();
		while (!condition.getAsBoolean()) {
			if (System.nanoTime() - deadline > 0) {
				throw new AssertionError("Not seen within " + EVENTUALLY + ": " + what);
			}
			Thread.sleep(20);
		}
	}

}
