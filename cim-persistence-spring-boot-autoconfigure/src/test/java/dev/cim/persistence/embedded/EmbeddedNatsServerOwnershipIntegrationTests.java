package dev.cim.persistence.embedded;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@link EmbeddedNatsServer} owning its store directory: one server per directory, none
 * outliving the JVM that launched it, orphans of dead JVMs stopped.
 */
class EmbeddedNatsServerOwnershipIntegrationTests {

	private static final Duration PROCESS_EXIT = Duration.ofSeconds(30);

	@TempDir
	Path temp;

	@Test
	void secondServerOnTheSameStoreDirectoryFailsAndLeavesTheFirstRunning() {
		Path store = this.temp.resolve("store");
		try (EmbeddedNatsServer first = EmbeddedNatsServer.builder().storeDirectory(store).start()) {
			EmbeddedNatsServer second = EmbeddedNatsServer.builder().storeDirectory(store).build();
			try {
				assertThatExceptionOfType(StoreDirectoryLockedException.class).isThrownBy(second::start)
					.withMessageContaining(store.toString())
					.withMessageContaining(first.url())
					.satisfies((ex) -> {
						assertThat(ex.getOwnerPid()).isEqualTo(ProcessHandle.current().pid());
						assertThat(ex.getOwnerUrl()).isEqualTo(first.url());
					});
				assertThat(second.isRunning()).isFalse();
			}
			finally {
				second.close();
			}
			assertThat(first.isRunning()).isTrue();
			assertThat(OrphanServers.serversOn(store)).extracting(ProcessHandle::pid).containsExactly(first.pid());
		}
	}

	@Test
	void storeDirectoryIsFreeAgainAfterStop() {
		Path store = this.temp.resolve("store");
		EmbeddedNatsServer first = EmbeddedNatsServer.builder().storeDirectory(store).start();
		first.close();
		try (EmbeddedNatsServer second = EmbeddedNatsServer.builder().storeDirectory(store).start()) {
			assertThat(second.isRunning()).isTrue();
		}
	}

	@Test
	void serverDiesWithTheJvmThatLaunchedItEvenWhenThatJvmIsKilled() throws Exception {
		Path store = this.temp.resolve("store");
		Process child = new ProcessBuilder(javaExecutable(), "-cp", System.getProperty("java.class.path"),
				EmbeddedServerMain.class.getName(), store.toString())
			.redirectErrorStream(true)
			.start();
		try {
			String[] ready = awaitReadyLine(child);
			long serverPid = Long.parseLong(ready[1]);
			ProcessHandle server = ProcessHandle.of(serverPid).orElseThrow();
			assertThatExceptionOfType(StoreDirectoryLockedException.class)
				.isThrownBy(() -> EmbeddedNatsServer.builder().storeDirectory(store).build().start())
				.satisfies((ex) -> assertThat(ex.getOwnerPid()).isEqualTo(child.pid()))
				.withMessageContaining(ready[2]);
			child.destroyForcibly();
			assertThat(child.waitFor(PROCESS_EXIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
			assertThat(exits(server)).as("nats-server %d exits after its JVM was killed", serverPid).isTrue();
			try (EmbeddedNatsServer next = EmbeddedNatsServer.builder().storeDirectory(store).start()) {
				assertThat(next.isRunning()).isTrue();
			}
		}
		finally {
			child.destroyForcibly();
		}
	}

	@Test
	void orphanRecordedInTheStateFileIsStoppedByTheNextStart() throws Exception {
		Path store = this.temp.resolve("store").toAbsolutePath();
		Path ports = Files.createDirectories(this.temp.resolve("ports"));
		NatsServerBinary binary = NatsServerBinary.resolve();
		Process orphan = new ProcessBuilder(binary.path().toString(), "-a", "127.0.0.1", "-p", "-1", "-js", "-sd",
				store.toString(), "--ports_file_dir", ports.toString())
			.redirectErrorStream(true)
			.redirectOutput(this.temp.resolve("orphan.log").toFile())
			.start();
		try {
			PortsFile orphanPorts = awaitPorts(ports);
			long deadOwner = deadPid();
			new StoreDirectoryState(deadOwner, orphan.pid(), StoreDirectoryState.startMillis(orphan.toHandle()),
					"nats://127.0.0.1:" + orphanPorts.clientPort())
				.writeTo(store);
			try (EmbeddedNatsServer server = EmbeddedNatsServer.builder().storeDirectory(store).start()) {
				assertThat(orphan.isAlive()).isFalse();
				assertThat(server.isRunning()).isTrue();
				assertThat(OrphanServers.serversOn(store)).extracting(ProcessHandle::pid).containsExactly(server.pid());
			}
		}
		finally {
			orphan.destroyForcibly();
		}
	}

	@Test
	void serverThatNoStateFileRecordsIsNotStoppedButReported() throws Exception {
		Path store = this.temp.resolve("store").toAbsolutePath();
		Path ports = Files.createDirectories(this.temp.resolve("ports"));
		NatsServerBinary binary = NatsServerBinary.resolve();
		Process stranger = new ProcessBuilder(binary.path().toString(), "-a", "127.0.0.1", "-p", "-1", "-js", "-sd",
				store.toString(), "--ports_file_dir", ports.toString())
			.redirectErrorStream(true)
			.redirectOutput(this.temp.resolve("stranger.log").toFile())
			.start();
		try {
			awaitPorts(ports);
			assertThatExceptionOfType(StoreDirectoryLockedException.class)
				.isThrownBy(() -> EmbeddedNatsServer.builder().storeDirectory(store).build().start())
				.withMessageContaining("nats-server process " + stranger.pid());
			assertThat(stranger.isAlive()).isTrue();
		}
		finally {
			stranger.destroyForcibly();
		}
	}

	private static boolean exits(ProcessHandle process) throws InterruptedException {
		long deadline = System.nanoTime() + PROCESS_EXIT.toNanos();
		while (process.isAlive()) {
			if (System.nanoTime() - deadline > 0) {
				return false;
			}
			Thread.sleep(50);
		}
		return true;
	}

	private static String[] awaitReadyLine(Process child) throws IOException {
		BufferedReader reader = new BufferedReader(
				new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
		StringBuilder seen = new StringBuilder();
		String line;
		while ((line = reader.readLine()) != null) {
			if (line.startsWith("READY ")) {
				return line.split(" ");
			}
			seen.append(line).append('\n');
		}
		throw new AssertionError("The child JVM ended without starting a server:\n" + seen);
	}

	private static PortsFile awaitPorts(Path directory) throws InterruptedException {
		long deadline = System.nanoTime() + PROCESS_EXIT.toNanos();
		while (System.nanoTime() - deadline < 0) {
			PortsFile ports = Files.isDirectory(directory) ? PortsFile.readFrom(directory) : null;
			if (ports != null) {
				return ports;
			}
			Thread.sleep(20);
		}
		throw new AssertionError("nats-server wrote no ports file in " + directory);
	}

	private static long deadPid() throws Exception {
		Process process = new ProcessBuilder(javaExecutable(), "-version").redirectErrorStream(true).start();
		process.getInputStream().readAllBytes();
		process.waitFor();
		return process.pid();
	}

	private static String javaExecutable() {
		return Path.of(System.getProperty("java.home"), "bin", "java").toString();
	}

	static List<String> arguments(long pid) {
		Optional<String[]> arguments = ProcessHandle.of(pid).flatMap((process) -> process.info().arguments());
		return arguments.map(List::of).orElse(List.of());
	}

}
