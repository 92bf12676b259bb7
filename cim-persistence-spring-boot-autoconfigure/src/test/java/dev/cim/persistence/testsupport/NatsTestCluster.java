package dev.cim.persistence.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import dev.cim.persistence.embedded.NatsServerBinary;
import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.api.ClusterInfo;

/**
 * A JetStream cluster of nats-server processes on loopback for fault tests: each node has
 * its own client, cluster and monitoring ports, its own store directory and a generated
 * configuration file. Nodes can be killed ({@code SIGKILL}), paused ({@code SIGSTOP}),
 * resumed and restarted on their store directory. {@link #close()} kills every node and
 * deletes the directories.
 */
public final class NatsTestCluster implements AutoCloseable {

	private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);

	private static final Pattern META_LEADER = Pattern
		.compile("\"meta_cluster\"\\s*:\\s*\\{[^}]*\"leader\"\\s*:\\s*\"([^\"]+)\"");

	private final Path root;

	private final List<Node> nodes;

	private final List<Connection> connections = new CopyOnWriteArrayList<>();

	private final Thread safetyNet;

	private NatsTestCluster(Path root, List<Node> nodes) {
		this.root = root;
		this.nodes = nodes;
		this.safetyNet = new Thread(() -> nodes.forEach(Node::destroy), "nats-test-cluster-shutdown");
		Runtime.getRuntime().addShutdownHook(this.safetyNet);
	}

	/**
	 * Start a three-node cluster and wait until it has a meta leader and every node's
	 * JetStream is current.
	 * @return the running cluster
	 * @throws dev.cim.persistence.embedded.NatsServerNotFoundException when no
	 * nats-server binary can be found (the message says how to install one)
	 */
	public static NatsTestCluster start() {
		return start(3);
	}

	/**
	 * Start a cluster of the given size and wait until it is ready.
	 * @param size the number of nodes, at least 3
	 * @return the running cluster
	 */
	public static NatsTestCluster start(int size) {
		NatsServerBinary binary = NatsServerBinary.resolve();
		int[] ports = freePorts(size * 3);
		try {
			Path root = Files.createTempDirectory("cim-nats-cluster-");
			List<String> routes = new ArrayList<>();
			for (int i = 0; i < size; i++) {
				routes.add("\"nats-route://127.0.0.1:" + ports[size + i] + "\"");
			}
			List<Node> nodes = new ArrayList<>();
			for (int i = 0; i < size; i++) {
				nodes.add(new Node(binary.path(), root, "n" + (i + 1), ports[i], ports[size + i], ports[2 * size + i],
						routes));
			}
			NatsTestCluster cluster = new NatsTestCluster(root, List.copyOf(nodes));
			try {
				nodes.forEach(Node::launch);
				cluster.awaitReady();
				return cluster;
			}
			catch (RuntimeException ex) {
				cluster.close();
				throw ex;
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not create the cluster's directories", ex);
		}
	}

	/**
	 * The nodes, in the order of their names ({@code n1}, {@code n2}, ...).
	 * @return the nodes
	 */
	public List<Node> nodes() {
		return this.nodes;
	}

	/**
	 * The node with the given server name.
	 * @param name for example {@code n2}
	 * @return the node
	 * @throws IllegalArgumentException when no node has that name
	 */
	public Node node(String name) {
		return this.nodes.stream()
			.filter((node) -> node.name().equals(name))
			.findFirst()
			.orElseThrow(() -> new IllegalArgumentException("no node named " + name));
	}

	/**
	 * The client URLs of every node.
	 * @return the URLs
	 */
	public String[] urls() {
		return this.nodes.stream().map(Node::url).toArray(String[]::new);
	}

	/**
	 * Open a connection that knows every node and reconnects without end; it is closed
	 * with the cluster.
	 * @param customizer adjusts the options, whose servers are already set
	 * @return the connection
	 * @throws IOException when no node can be reached
	 * @throws InterruptedException when interrupted while connecting
	 */
	public Connection connect(UnaryOperator<Options.Builder> customizer) throws IOException, InterruptedException {
		return connect(urls(), customizer);
	}

	/**
	 * Open a connection that tries the nodes in the order given (the first one first, not
	 * shuffled) and reconnects without end; it is closed with the cluster.
	 * @param first the node to connect to first
	 * @return the connection
	 * @throws IOException when no node can be reached
	 * @throws InterruptedException when interrupted while connecting
	 */
	public Connection connectFirstTo(Node first) throws IOException, InterruptedException {
		List<String> ordered = new ArrayList<>();
		ordered.add(first.url());
		this.nodes.stream().filter((node) -> node != first).map(Node::url).forEach(ordered::add);
		return connect(ordered.toArray(String[]::new), Options.Builder::noRandomize);
	}

	private Connection connect(String[] servers, UnaryOperator<Options.Builder> customizer)
			throws IOException, InterruptedException {
		Options.Builder options = Options.builder()
			.servers(servers)
			.connectionTimeout(Duration.ofSeconds(5))
			.maxReconnects(-1)
			.reconnectWait(Duration.ofMillis(250));
		Connection connection = Nats.connect(customizer.apply(options).build());
		this.connections.add(connection);
		return connection;
	}

	/**
	 * Open a connection that knows every node, see {@link #connect(UnaryOperator)}.
	 * @return the connection
	 * @throws IOException when no node can be reached
	 * @throws InterruptedException when interrupted while connecting
	 */
	public Connection connect() throws IOException, InterruptedException {
		return connect(UnaryOperator.identity());
	}

	/**
	 * The node that leads a stream, asked with {@code $JS.API.STREAM.INFO} until the
	 * stream has a leader.
	 * @param management the management API of a connection to the cluster
	 * @param stream the stream name
	 * @param timeout how long to wait for a leader
	 * @return the leader
	 * @throws IllegalStateException when no leader was known in time
	 */
	public Node streamLeader(JetStreamManagement management, String stream, Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		Exception last = null;
		while (System.nanoTime() - deadline < 0) {
			try {
				ClusterInfo cluster = management.getStreamInfo(stream).getClusterInfo();
				if (cluster != null && cluster.getLeader() != null) {
					return node(cluster.getLeader());
				}
			}
			catch (IOException | JetStreamApiException | RuntimeException ex) {
				last = ex;
			}
			sleep(200);
		}
		throw new IllegalStateException("stream " + stream + " had no leader within " + timeout, last);
	}

	/**
	 * Wait until every running node reports itself healthy (JetStream enabled and
	 * current) and the cluster has a meta leader.
	 * @throws IllegalStateException when that does not happen within 90 seconds
	 */
	public void awaitReady() {
		long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
		while (System.nanoTime() - deadline < 0) {
			if (this.nodes.stream().filter(Node::isRunning).allMatch(Node::isHealthy) && metaLeader().isPresent()) {
				return;
			}
			sleep(100);
		}
		throw new IllegalStateException("the cluster was not ready within " + READY_TIMEOUT + "; last output:\n"
				+ String.join("\n", this.nodes.stream().map(Node::logTail).toList()));
	}

	/**
	 * Bring the cluster back to full strength after a test: resume paused nodes, restart
	 * stopped ones and wait until it is ready.
	 */
	public void restoreAll() {
		for (Node node : this.nodes) {
			if (node.isPaused()) {
				node.resume();
			}
			if (!node.isRunning()) {
				node.launch();
			}
		}
		awaitReady();
	}

	/**
	 * The meta leader, as the running nodes' monitoring endpoints report it.
	 * @return the leader's name, or empty when none is known
	 */
	public Optional<String> metaLeader() {
		for (Node node : this.nodes) {
			if (node.isRunning() && !node.isPaused()) {
				Optional<String> leader = node.monitoring("/jsz")
					.map(META_LEADER::matcher)
					.filter(Matcher::find)
					.map((matcher) -> matcher.group(1));
				if (leader.isPresent()) {
					return leader;
				}
			}
		}
		return Optional.empty();
	}

	/**
	 * Close the connections opened here, kill every node and delete the directories.
	 */
	@Override
	public void close() {
		for (Connection connection : this.connections) {
			try {
				connection.close();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		this.nodes.forEach(Node::destroy);
		try {
			Runtime.getRuntime().removeShutdownHook(this.safetyNet);
		}
		catch (IllegalStateException ex) {
			// The JVM is shutting down: the hook runs anyway.
		}
		try (Stream<Path> paths = Files.walk(this.root)) {
			paths.sorted(Comparator.reverseOrder()).forEach((path) -> path.toFile().delete());
		}
		catch (IOException ex) {
			// Temporary files: best effort.
		}
	}

	static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted", ex);
		}
	}

	private static int[] freePorts(int count) {
		List<ServerSocket> sockets = new ArrayList<>();
		try {
			int[] ports = new int[count];
			for (int i = 0; i < count; i++) {
				ServerSocket socket = new ServerSocket(0);
				sockets.add(socket);
				ports[i] = socket.getLocalPort();
			}
			return ports;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not find free ports", ex);
		}
		finally {
			for (ServerSocket socket : sockets) {
				try {
					socket.close();
				}
				catch (IOException ex) {
					// Only probing.
				}
			}
		}
	}

	/**
	 * One nats-server process of the cluster.
	 */
	public static final class Node {

		private final Path binary;

		private final String name;

		private final int port;

		private final int monitoringPort;

		private final Path configFile;

		private final Path logFile;

		private volatile Process process;

		private volatile boolean paused;

		Node(Path binary, Path root, String name, int port, int clusterPort, int monitoringPort, List<String> routes)
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
		 * Kill the server with {@code SIGKILL}, as a crash does, and wait until it is
		 * gone.
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
			long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
			while (!isHealthy()) {
				if (!isRunning() || System.nanoTime() - deadline > 0) {
					throw new IllegalStateException(
							this.name + " did not become healthy after a restart:\n" + logTail());
				}
				sleep(100);
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
				return this.name + ":\n"
						+ String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
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

}
