package dev.cim.persistence.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
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

	static final Duration READY_TIMEOUT = Duration.ofSeconds(90);

	private static final Pattern META_LEADER = Pattern
		.compile("\"meta_cluster\"\\s*:\\s*\\{[^}]*\"leader\"\\s*:\\s*\"([^\"]+)\"");

	private final Path root;

	private final List<ClusterNode> nodes;

	private final List<Connection> connections = new CopyOnWriteArrayList<>();

	private final Thread safetyNet;

	private NatsTestCluster(Path root, List<ClusterNode> nodes) {
		this.root = root;
		this.nodes = nodes;
		this.safetyNet = new Thread(() -> nodes.forEach(ClusterNode::destroy), "nats-test-cluster-shutdown");
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
			List<ClusterNode> nodes = new ArrayList<>();
			for (int i = 0; i < size; i++) {
				nodes.add(new ClusterNode(binary.path(), root, "n" + (i + 1), ports[i], ports[size + i],
						ports[2 * size + i], routes));
			}
			NatsTestCluster cluster = new NatsTestCluster(root, List.copyOf(nodes));
			try {
				nodes.forEach(ClusterNode::launch);
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
	public List<ClusterNode> nodes() {
		return this.nodes;
	}

	/**
	 * The node with the given server name.
	 * @param name for example {@code n2}
	 * @return the node
	 * @throws IllegalArgumentException when no node has that name
	 */
	public ClusterNode node(String name) {
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
		return this.nodes.stream().map(ClusterNode::url).toArray(String[]::new);
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
	public Connection connectFirstTo(ClusterNode first) throws IOException, InterruptedException {
		List<String> ordered = new ArrayList<>();
		ordered.add(first.url());
		this.nodes.stream().filter((node) -> node != first).map(ClusterNode::url).forEach(ordered::add);
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
	public ClusterNode streamLeader(JetStreamManagement management, String stream, Duration timeout) {
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
	 * Wait until every stream of the account (buckets included) has a leader: a stream
	 * just created answers nothing until its replicas elected one.
	 * @param management the management API of a connection to the cluster
	 * @param timeout how long to wait for each stream
	 * @throws IllegalStateException when a stream had no leader in time
	 * @throws IOException when the streams cannot be listed
	 * @throws JetStreamApiException when the server refuses to list them
	 */
	public void awaitStreamLeaders(JetStreamManagement management, Duration timeout)
			throws IOException, JetStreamApiException {
		for (String stream : management.getStreamNames()) {
			streamLeader(management, stream, timeout);
		}
	}

	/**
	 * Wait until every running node reports itself healthy (JetStream enabled and
	 * current) and the cluster has a meta leader.
	 * @throws IllegalStateException when that does not happen within 90 seconds
	 */
	public void awaitReady() {
		long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
		while (System.nanoTime() - deadline < 0) {
			if (this.nodes.stream().filter(ClusterNode::isRunning).allMatch(ClusterNode::isHealthy)
					&& metaLeader().isPresent()) {
				return;
			}
			sleep(100);
		}
		throw new IllegalStateException("the cluster was not ready within " + READY_TIMEOUT + "; last output:\n"
				+ String.join("\n", this.nodes.stream().map(ClusterNode::logTail).toList()));
	}

	/**
	 * Bring the cluster back to full strength after a test: resume paused nodes, restart
	 * stopped ones and wait until it is ready.
	 */
	public void restoreAll() {
		for (ClusterNode node : this.nodes) {
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
		for (ClusterNode node : this.nodes) {
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
		this.nodes.forEach(ClusterNode::destroy);
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

}
