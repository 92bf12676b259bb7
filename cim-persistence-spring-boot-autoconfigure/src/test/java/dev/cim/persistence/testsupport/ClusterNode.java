package dev.cim.persistence.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * One nats-server process of a {@link NatsTestCluster}: its configuration file, store
 * directory and log, and the signals a fault test sends it.
 */
public final class ClusterNode {

	private final Path binary;

	private final String name;

	private final int port;

	private final int monitoringPort;

	private final Path configFile;

	private final Path logFile;

	private volatile Process process;

	private volatile boolean paused;

	ClusterNode(Path binary, Path root, String name, int port, int clusterPort, int monitoringPort, List<String> routes)
			throws IOException {
		this.binary = binary;
		this.name = name;
		this.port = port;
		this.monitoringPort = monitoringPort;
		Path store = Files.createDirectories(root.resolve(name).resolve("store"));
		this.configFile = root.resolve(name).resolve("nats-server.conf");
		this.logFile = root.resolve(name).resolve("nats-server.log");
		String config = """
				server_name: "%s"
				host: "127.0.0.1"
				port: %d
				http: "127.0.0.1:%d"
				jetstream {
				  store_dir: "%s"
				  max_memory_store: 64MB
				  max_file_store: 2GB
				}
				cluster {
				  name: "cim-test"
				  host: "127.0.0.1"
				  port: %d
				  routes: [%s]
				}
				""".formatted(name, port, monitoringPort, store.toString().replace("\\", "/"), clusterPort,
				String.join(", ", routes));
		Files.writeString(this.configFile, config, StandardCharsets.UTF_8);
	}

	/**
	 * The server name.
	 * @return for example {@code n1}
	 */
	public String name() {
		return this.name;
	}

	/**
	 * The client URL.
	 * @return for example {@code nats://127.0.0.1:42761}
	 */
	public String url() {
		return "nats://127.0.0.1:" + this.port;
	}

	/**
	 * The process id of the running server.
	 * @return the pid
	 */
	public long pid() {
		return this.process.pid();
	}

	/**
	 * Whether the process is alive (a paused one is).
	 * @return whether it runs
	 */
	public boolean isRunning() {
		Process current = this.process;
		return current != null && current.isAlive();
	}

	/**
	 * Whether the node was paused with {@link #pause()} and not resumed.
	 * @return whether it is paused
	 */
	public boolean isPaused() {
		return this.paused;
	}

	/**
	 * Kill the server with {@code SIGKILL}, as a crash does, and wait until it is gone.
	 */
	public void kill() {
		destroy();
	}

	/**
	 * Freeze the server with {@code SIGSTOP}: its sockets stay open, but it answers
	 * nothing until {@link #resume()}.
	 */
	public void pause() {
		signal("STOP");
		this.paused = true;
	}

	/**
	 * Let a paused server go on with {@code SIGCONT}.
	 */
	public void resume() {
		signal("CONT");
		this.paused = false;
	}

	/**
	 * Start the server again on its store directory and wait until it reports itself
	 * healthy (JetStream current).
	 * @throws IllegalStateException when it is still running, or not healthy in time
	 */
	public void restart() {
		if (isRunning()) {
			throw new IllegalStateException(this.name + " is still running");
		}
		launch();
		long deadline = System.nanoTime() + NatsTestCluster.READY_TIMEOUT.toNanos();
		while (!isHealthy()) {
			if (!isRunning() || System.nanoTime() - deadline > 0) {
				throw new IllegalStateException(this.name + " did not become healthy after a restart:\n" + logTail());
			}
			NatsTestCluster.sleep(100);
		}
	}

	@Override
	public String toString() {
		return this.name + "[" + url() + "]";
	}

	void launch() {
		try {
			this.process = new ProcessBuilder(this.binary.toString(), "-c", this.configFile.toString())
				.redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.appendTo(this.logFile.toFile()))
				.start();
			this.paused = false;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not launch " + this.binary, ex);
		}
	}

	void destroy() {
		Process current = this.process;
		if (current == null) {
			return;
		}
		current.destroyForcibly();
		try {
			current.waitFor();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		this.paused = false;
	}

	boolean isHealthy() {
		return isRunning() && !this.paused && monitoring("/healthz").isPresent();
	}

	/**
	 * A monitoring endpoint's body when it answers 200.
	 */
	Optional<String> monitoring(String path) {
		try {
			URI uri = URI.create("http://127.0.0.1:" + this.monitoringPort + path);
			HttpURLConnection connection = (HttpURLConnection) uri.toURL().openConnection();
			connection.setConnectTimeout(1000);
			connection.setReadTimeout(2000);
			try {
				if (connection.getResponseCode() != 200) {
					return Optional.empty();
				}
				return Optional.of(new String(connection.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
			}
			finally {
				connection.disconnect();
			}
		}
		catch (IOException ex) {
			return Optional.empty();
		}
	}

	String logTail() {
		try {
			List<String> lines = Files.readAllLines(this.logFile, StandardCharsets.UTF_8);
			return this.name + ":\n" + String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
		}
		catch (IOException ex) {
			return this.name + ": no log";
		}
	}

	private void signal(String signal) {
		try {
			Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid())).inheritIO().start();
			if (kill.waitFor() != 0) {
				throw new IllegalStateException("kill -" + signal + " " + pid() + " failed");
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted", ex);
		}
	}

}
