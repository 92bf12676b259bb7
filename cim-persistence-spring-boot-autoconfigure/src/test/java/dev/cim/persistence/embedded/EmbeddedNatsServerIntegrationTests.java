package dev.cim.persistence.embedded;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;

import io.nats.client.Connection;
import io.nats.client.JetStreamManagement;
import io.nats.client.Nats;
import io.nats.client.api.AccountStatistics;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * {@link EmbeddedNatsServer} running a real nats-server.
 */
class EmbeddedNatsServerIntegrationTests {

	@TempDir
	Path temp;

	@Test
	void resolveFindsANewEnoughNatsServer() {
		NatsServerBinary binary = NatsServerBinary.resolve();
		assertThat(Files.isExecutable(binary.path())).isTrue();
		assertThat(binary.version().isAtLeast(NatsServerVersion.MINIMUM)).isTrue();
	}

	@Test
	void startLaunchesAServerWithJetStreamOnALoopbackPort() throws Exception {
		try (EmbeddedNatsServer server = EmbeddedNatsServer.builder().start()) {
			assertThat(server.isRunning()).isTrue();
			assertThat(server.url()).isEqualTo("nats://127.0.0.1:" + server.port());
			assertThat(server.port()).isPositive();
			assertThat(server.storeDirectory()).isDirectory();
			Connection connection = Nats.connect(server.url());
			try {
				AccountStatistics statistics = connection.jetStreamManagement().getAccountStatistics();
				assertThat(statistics.getStreams()).isZero();
				assertThat(connection.getServerInfo().isJetStreamAvailable()).isTrue();
			}
			finally {
				connection.close();
			}
			assertThat(server.storeDirectory().resolve("jetstream")).isDirectory();
			assertThat(server.recentOutput()).anySatisfy((line) -> assertThat(line).contains("Server is ready"));
		}
	}

	@Test
	void closeStopsTheServerFreesThePortAndDeletesTheTemporaryStore() {
		EmbeddedNatsServer server = EmbeddedNatsServer.builder().start();
		int port = server.port();
		Path store = server.storeDirectory();
		assertThat(accepts(port)).isTrue();
		server.close();
		assertThat(server.isRunning()).isFalse();
		assertThat(accepts(port)).isFalse();
		assertThat(store).doesNotExist();
		server.close();
		assertThatIllegalStateException().isThrownBy(server::start).withMessageContaining("closed");
	}

	@Test
	void givenStoreDirectoryIsKeptOnClose() {
		Path store = this.temp.resolve("store");
		try (EmbeddedNatsServer server = EmbeddedNatsServer.builder().storeDirectory(store).start()) {
			assertThat(server.storeDirectory()).isEqualTo(store);
		}
		assertThat(store.resolve("jetstream")).isDirectory();
	}

	@Test
	void restartKeepsThePortAndTheStreamData() throws Exception {
		try (EmbeddedNatsServer server = EmbeddedNatsServer.builder().start()) {
			int port = server.port();
			Connection connection = Nats.connect(server.url());
			try {
				connection.jetStreamManagement()
					.addStream(StreamConfiguration.builder()
						.name("ORDERS")
						.subjects("orders.>")
						.storageType(StorageType.File)
						.build());
				connection.jetStream().publish("orders.1", "first".getBytes(StandardCharsets.UTF_8));
				connection.jetStream().publish("orders.2", "second".getBytes(StandardCharsets.UTF_8));
			}
			finally {
				connection.close();
			}
			server.restart();
			assertThat(server.isRunning()).isTrue();
			assertThat(server.port()).isEqualTo(port);
			Connection afterRestart = Nats.connect(server.url());
			try {
				JetStreamManagement jsm = afterRestart.jetStreamManagement();
				assertThat(jsm.getStreamInfo("ORDERS").getStreamState().getMsgCount()).isEqualTo(2);
				assertThat(new String(jsm.getLastMessage("ORDERS", "orders.2").getData(), StandardCharsets.UTF_8))
					.isEqualTo("second");
			}
			finally {
				afterRestart.close();
			}
		}
	}

	@Test
	void stopThenStartResumesTheSameStore() {
		try (EmbeddedNatsServer server = EmbeddedNatsServer.builder().start()) {
			int port = server.port();
			server.stop();
			assertThat(server.isRunning()).isFalse();
			assertThat(accepts(port)).isFalse();
			assertThat(server.storeDirectory()).isDirectory();
			server.start();
			assertThat(server.port()).isEqualTo(port);
			assertThat(accepts(port)).isTrue();
		}
	}

	@Test
	void givenPortAndServerNameAreUsed() throws Exception {
		int port = freePort();
		try (EmbeddedNatsServer server = EmbeddedNatsServer.builder().port(port).serverName("orders-1").start()) {
			assertThat(server.url()).isEqualTo("nats://127.0.0.1:" + port);
			Connection connection = Nats.connect(server.url());
			try {
				assertThat(connection.getServerInfo().getServerName()).isEqualTo("orders-1");
			}
			finally {
				connection.close();
			}
		}
	}

	@Test
	void serverThatExitsDuringStartupIsReportedWithItsOutput() {
		try (EmbeddedNatsServer first = EmbeddedNatsServer.builder().start()) {
			EmbeddedNatsServer second = EmbeddedNatsServer.builder().port(first.port()).build();
			try {
				assertThatExceptionOfType(NatsServerStartupException.class).isThrownBy(second::start)
					.withMessageContaining("exited with code")
					.withMessageContaining("address already in use")
					.satisfies((ex) -> assertThat(ex.getOutput()).isNotEmpty());
				assertThat(second.isRunning()).isFalse();
			}
			finally {
				second.close();
			}
			assertThat(first.isRunning()).isTrue();
		}
	}

	@Test
	void serverThatIsNotReadyInTimeIsStoppedAndReported() throws IOException {
		Path fake = FakeNatsServers.create(this.temp.resolve("nats-server"), "2.15.1");
		EmbeddedNatsServer server = EmbeddedNatsServer.builder()
			.binary(fake)
			.startupTimeout(Duration.ofMillis(500))
			.build();
		try {
			assertThatExceptionOfType(NatsServerStartupException.class).isThrownBy(server::start)
				.withMessageContaining("was not ready within 500 ms")
				.withMessageContaining("fake server that never gets ready");
			assertThat(server.isRunning()).isFalse();
		}
		finally {
			server.close();
		}
	}

	@Test
	void builderStartRefusesATooOldServerBeforeLaunchingAnything() throws IOException {
		Path fake = FakeNatsServers.create(this.temp.resolve("nats-server"), "2.9.10");
		assertThatExceptionOfType(NatsServerVersionException.class)
			.isThrownBy(() -> EmbeddedNatsServer.builder().binary(fake).start());
	}

	@Test
	void builderStartStopsTheProcessAndDeletesItsTemporaryDirectoriesWhenTheServerDoesNotStart() throws Exception {
		Path recorded = this.temp.resolve("launched");
		Path fake = this.temp.resolve("bin/nats-server");
		Files.createDirectories(fake.getParent());
		Files.writeString(fake, """
				#!/bin/sh
				if [ "$1" = "--version" ]; then
				  echo "nats-server: v2.15.1"
				  exit 0
				fi
				echo "$$ $*" > %s
				echo "fake server that never gets ready"
				exec sleep 60
				""".formatted(recorded));
		Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwxr-xr-x"));
		assertThatExceptionOfType(NatsServerStartupException.class)
			.isThrownBy(() -> EmbeddedNatsServer.builder().binary(fake).startupTimeout(Duration.ofMillis(500)).start())
			.withMessageContaining("was not ready within 500 ms");
		List<String> launched = List.of(Files.readString(recorded).trim().split(" "));
		long pid = Long.parseLong(launched.get(0));
		Path store = Path.of(launched.get(launched.indexOf("-sd") + 1));
		Path ports = Path.of(launched.get(launched.indexOf("--ports_file_dir") + 1));
		assertThat(store.getFileName().toString()).startsWith("nats-store-");
		assertThat(ports.getFileName().toString()).startsWith("nats-ports-");
		assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).as("the launched process").isEmpty();
		assertThat(store).as("the temporary store directory").doesNotExist();
		assertThat(ports).as("the temporary ports directory").doesNotExist();
	}

	private static boolean accepts(int port) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
			return true;
		}
		catch (ConnectException ex) {
			return false;
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
