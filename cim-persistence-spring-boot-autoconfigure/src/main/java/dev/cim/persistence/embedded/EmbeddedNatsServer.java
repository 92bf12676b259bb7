package dev.cim.persistence.embedded;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * A nats-server process with JetStream enabled, launched for development and tests.
 * <p>
 * By default it listens on a port of 127.0.0.1 that the server picks itself (so no other
 * process can take it between choosing and binding), stores its data in a fresh temporary
 * directory that {@link #close()} deletes, and is ready, JetStream included, when
 * {@link #start()} returns: <pre class="code">
 * try (EmbeddedNatsServer server = EmbeddedNatsServer.builder().start()) {
 *     Connection connection = Nats.connect(server.url());
 *     // ...
 * }
 * </pre> Readiness is checked over the client protocol with a JetStream account info
 * request; the HTTP monitoring port is off unless {@link Builder#monitorPort(int) asked
 * for}.
 * <p>
 * While it runs, the server holds an exclusive lock on its store directory
 * ({@code cim-embedded.lock}), and records who runs it in {@code cim-embedded.state}: a
 * second embedded server on the same directory, in this JVM or another, fails with a
 * {@link StoreDirectoryLockedException}; a server left running by a JVM that died is
 * stopped before a new one starts. On Linux and macOS the server exits when the JVM that
 * launched it dies, however it dies ({@link WatchdogCommand}); a server still running
 * when the JVM shuts down normally is stopped by a shutdown hook on every platform. With
 * {@link Builder#restartOnExit(Duration, Duration)}, a server whose process exits
 * unexpectedly is started again on the same port and store directory.
 * <p>
 * The server's output is kept in a bounded buffer ({@link #recentOutput()}) and quoted by
 * the exception when it fails to start. Instances are thread-safe.
 */
public final class EmbeddedNatsServer implements AutoCloseable {

	private final @Nullable NatsServerBinary givenBinary;

	private final @Nullable Path binaryPath;

	private final String host;

	private final int requestedPort;

	private final ServerCommand command;

	private final @Nullable Path givenStoreDirectory;

	private final Duration startupTimeout;

	private final @Nullable ServerSupervisor supervisor;

	private @Nullable NatsServerBinary binary;

	private @Nullable Path storeDirectory;

	private @Nullable Path portsDirectory;

	private @Nullable StoreDirectoryLock lock;

	private @Nullable ServerProcess process;

	private List<String> lastOutput = List.of();

	private int port;

	private int monitoringPort;

	private boolean wanted;

	private boolean closed;

	private EmbeddedNatsServer(Builder builder) {
		this.givenBinary = builder.binary;
		this.binaryPath = builder.binaryPath;
		this.host = builder.host;
		this.requestedPort = builder.port;
		this.command = new ServerCommand(builder.host, builder.monitorPort, builder.serverName, builder.extraArguments);
		this.givenStoreDirectory = (builder.storeDirectory != null)
				? builder.storeDirectory.toAbsolutePath().normalize() : null;
		this.startupTimeout = builder.startupTimeout;
		this.supervisor = (builder.initialRestartBackoff != null && builder.maxRestartBackoff != null)
				? new ServerSupervisor(this, builder.initialRestartBackoff, builder.maxRestartBackoff) : null;
	}

	/**
	 * Start describing a server.
	 * @return a builder with the defaults: nats-server found by
	 * {@link NatsServerBinary#resolve()}, host 127.0.0.1, a free port, no monitoring
	 * port, a temporary store directory, a startup timeout of 10 seconds, no restart
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Launch the server and wait until it accepts clients with JetStream enabled. After a
	 * {@link #stop()}, or after its process died, it starts again on the same port and
	 * store directory.
	 * @return this server
	 * @throws NatsServerNotFoundException if no nats-server binary was found
	 * @throws NatsServerVersionException if the binary is too old
	 * @throws StoreDirectoryLockedException if another server runs on the store directory
	 * @throws NatsServerStartupException if the process exited or was not ready in time
	 * @throws IllegalStateException if the server is running or closed
	 */
	public synchronized EmbeddedNatsServer start() {
		if (this.closed) {
			throw new IllegalStateException("The server is closed");
		}
		ServerProcess previous = this.process;
		if (previous != null) {
			if (previous.isAlive()) {
				throw new IllegalStateException("The server is already running at " + url());
			}
			// Its process died and nobody restarted it: start afresh, still owning the
			// store directory.
			this.lastOutput = previous.output();
			ShutdownSafetyNet.forget(previous);
			this.process = null;
		}
		NatsServerBinary binary = binary();
		Path storeDirectory = prepareStoreDirectory();
		StoreDirectoryLock lock = (this.lock != null) ? this.lock : StoreDirectoryLock.acquire(storeDirectory);
		this.lock = null;
		try {
			OrphanServers.stopOrphans(storeDirectory);
			launch(binary, storeDirectory);
		}
		catch (RuntimeException ex) {
			lock.close();
			throw ex;
		}
		this.lock = lock;
		this.wanted = true;
		return this;
	}

	private void launch(NatsServerBinary binary, Path storeDirectory) {
		Path portsDirectory = preparePortsDirectory();
		Directories.deleteQuietly(portsDirectory);
		Directories.create(portsDirectory);
		int port = (this.port > 0) ? this.port : this.requestedPort;
		ServerProcess process = ServerProcess.launch(this.command.line(binary, port, storeDirectory, portsDirectory),
				portsDirectory, connectHost(), this.command.monitorPort() >= 0, this.startupTimeout);
		try {
			new StoreDirectoryState(ProcessHandle.current().pid(), process.server().pid(),
					StoreDirectoryState.startMillis(process.server()),
					"nats://" + connectHost() + ":" + process.ports().clientPort())
				.writeTo(storeDirectory);
		}
		catch (RuntimeException ex) {
			// Unrecorded, the server could not be found again: do not leave it running.
			process.stop();
			throw ex;
		}
		this.process = process;
		this.lastOutput = List.of();
		this.port = process.ports().clientPort();
		this.monitoringPort = process.ports().monitoringPort();
		if (this.supervisor != null) {
			this.supervisor.watch(process);
		}
	}

	/**
	 * Called by the supervisor when a server process has exited.
	 * @return whether it exited without being asked to and should be started again
	 */
	synchronized boolean exitedUnexpectedly(ServerProcess exited) {
		if (this.process != exited) {
			return false;
		}
		this.process = null;
		this.lastOutput = exited.output();
		ShutdownSafetyNet.forget(exited);
		return this.wanted && !this.closed;
	}

	/**
	 * Called by the supervisor to start the server again after it exited.
	 * @return whether it was started; {@code false} if it is no longer wanted
	 */
	synchronized boolean restartAfterExit() {
		if (this.closed || !this.wanted || this.process != null || this.storeDirectory == null) {
			return false;
		}
		launch(binary(), this.storeDirectory);
		return true;
	}

	/**
	 * Stop the server and start it again on the same port with the same store directory,
	 * so that JetStream data written before survives.
	 * @return this server
	 * @throws NatsServerStartupException if the server does not come back, for example
	 * because another process took its port meanwhile
	 * @throws IllegalStateException if the server is closed or has never been started
	 */
	public synchronized EmbeddedNatsServer restart() {
		if (this.port == 0) {
			throw new IllegalStateException("The server has never been started");
		}
		stop();
		return start();
	}

	/**
	 * Stop the server process (cleanly first, forcibly if it does not exit within 10
	 * seconds) and release its store directory, but keep the directory, so that
	 * {@link #start()} can resume it. Does nothing if the server is not running.
	 */
	public synchronized void stop() {
		this.wanted = false;
		ServerProcess process = this.process;
		if (process != null) {
			process.stop();
			this.lastOutput = process.output();
			this.process = null;
		}
		if (this.lock != null) {
			StoreDirectoryState.deleteFrom(this.lock.storeDirectory());
			this.lock.close();
			this.lock = null;
		}
	}

	/**
	 * Stop the server and delete its store directory if it is a temporary one. A store
	 * directory given to the builder is kept. Calling it again does nothing.
	 */
	@Override
	public synchronized void close() {
		if (this.closed) {
			return;
		}
		this.closed = true;
		stop();
		if (this.supervisor != null) {
			this.supervisor.close();
		}
		if (this.givenStoreDirectory == null && this.storeDirectory != null) {
			Directories.deleteTemporary(this.storeDirectory);
		}
		if (this.portsDirectory != null) {
			Directories.deleteTemporary(this.portsDirectory);
		}
	}

	/**
	 * The URL clients connect to.
	 * @return for example {@code nats://127.0.0.1:42761}
	 * @throws IllegalStateException if the server has never been started
	 */
	public String url() {
		return "nats://" + connectHost() + ":" + port();
	}

	/**
	 * The port for client connections. It stays the same across {@link #restart()} and
	 * restarts after an unexpected exit.
	 * @return the port
	 * @throws IllegalStateException if the server has never been started
	 */
	public synchronized int port() {
		if (this.port == 0) {
			throw new IllegalStateException("The server has never been started");
		}
		return this.port;
	}

	/**
	 * The port of the server's HTTP monitoring endpoint ({@code /varz}, {@code /jsz},
	 * {@code /healthz}), when the builder asked for one. A port the server picked changes
	 * on {@link #restart()}.
	 * @return the port
	 * @throws IllegalStateException if the server has never been started or runs without
	 * monitoring
	 */
	public synchronized int monitoringPort() {
		if (this.monitoringPort == 0) {
			throw new IllegalStateException((this.port == 0) ? "The server has never been started"
					: "The server runs without a monitoring port");
		}
		return this.monitoringPort;
	}

	/**
	 * The pid of the nats-server process.
	 * @return the pid
	 * @throws IllegalStateException if the server is not running
	 */
	public synchronized long pid() {
		if (this.process == null) {
			throw new IllegalStateException("The server is not running");
		}
		return this.process.server().pid();
	}

	/**
	 * How many times the server was started again after its process exited without being
	 * asked to.
	 * @return the number of restarts, 0 when restarting is off
	 */
	public long restarts() {
		return (this.supervisor != null) ? this.supervisor.restarts() : 0;
	}

	/**
	 * The directory JetStream stores its data in ({@code jetstream/} below it).
	 * @return the store directory, as an absolute path
	 * @throws IllegalStateException if the server has never been started
	 */
	public synchronized Path storeDirectory() {
		if (this.storeDirectory == null) {
			throw new IllegalStateException("The server has never been started");
		}
		return this.storeDirectory;
	}

	/**
	 * Whether the server process is running.
	 * @return {@code true} between {@link #start()} and {@link #stop()} or
	 * {@link #close()}, unless the process died
	 */
	public synchronized boolean isRunning() {
		return this.process != null && this.process.isAlive();
	}

	/**
	 * The last lines the server printed (at most 200), while it runs or after it stopped.
	 * @return the lines, oldest first; empty if it has never been started
	 */
	public synchronized List<String> recentOutput() {
		return (this.process != null) ? this.process.output() : this.lastOutput;
	}

	/**
	 * The binary this server runs, found on the first {@link #start()} unless the builder
	 * was given one.
	 * @return the binary
	 * @throws NatsServerNotFoundException if no nats-server binary was found
	 * @throws NatsServerVersionException if the binary is too old
	 */
	public synchronized NatsServerBinary binary() {
		if (this.binary == null) {
			this.binary = (this.givenBinary != null) ? this.givenBinary : NatsServerBinary.resolve(this.binaryPath);
		}
		return this.binary;
	}

	private Path prepareStoreDirectory() {
		if (this.storeDirectory == null) {
			if (this.givenStoreDirectory != null) {
				Directories.create(this.givenStoreDirectory);
				this.storeDirectory = this.givenStoreDirectory;
			}
			else {
				this.storeDirectory = Directories.createTemporary("nats-store-");
			}
		}
		return this.storeDirectory;
	}

	private Path preparePortsDirectory() {
		if (this.portsDirectory == null) {
			this.portsDirectory = Directories.createTemporary("nats-ports-");
		}
		return this.portsDirectory;
	}

	private String connectHost() {
		if (this.host.isEmpty() || this.host.equals("0.0.0.0") || this.host.equals("::")) {
			return "127.0.0.1";
		}
		return this.host.contains(":") ? "[" + this.host + "]" : this.host;
	}

	@Override
	public synchronized String toString() {
		return "EmbeddedNatsServer[" + ((this.port > 0) ? url() : "not started")
				+ ((this.storeDirectory != null) ? ", store " + this.storeDirectory : "")
				+ ((this.process != null) ? ", running" : "") + (this.closed ? ", closed" : "") + "]";
	}

	/**
	 * Describes an {@link EmbeddedNatsServer}. JetStream is always enabled.
	 */
	public static final class Builder {

		private @Nullable NatsServerBinary binary;

		private @Nullable Path binaryPath;

		private String host = "127.0.0.1";

		private int port;

		private int monitorPort = -1;

		private @Nullable Path storeDirectory;

		private @Nullable String serverName;

		private final List<String> extraArguments = new ArrayList<>();

		private Duration startupTimeout = Duration.ofSeconds(10);

		private @Nullable Duration initialRestartBackoff;

		private @Nullable Duration maxRestartBackoff;

		private Builder() {
		}

		/**
		 * Run the given binary instead of looking for one.
		 * @param binary the binary
		 * @return this builder
		 */
		public Builder binary(NatsServerBinary binary) {
			this.binary = Objects.requireNonNull(binary, "binary");
			return this;
		}

		/**
		 * Run the binary at the given path instead of looking for one; it is checked like
		 * any other with {@link NatsServerBinary#resolve(Path)}.
		 * @param binaryPath the path of the binary
		 * @return this builder
		 */
		public Builder binary(Path binaryPath) {
			this.binaryPath = Objects.requireNonNull(binaryPath, "binaryPath");
			return this;
		}

		/**
		 * The address to listen on, 127.0.0.1 by default.
		 * @param host a host name or IP address
		 * @return this builder
		 */
		public Builder host(String host) {
			this.host = Objects.requireNonNull(host, "host");
			return this;
		}

		/**
		 * The client port, or 0 (the default) for one the server picks.
		 * @param port the port
		 * @return this builder
		 */
		public Builder port(int port) {
			if (port < 0 || port > 65535) {
				throw new IllegalArgumentException("Port must be between 0 and 65535, was " + port);
			}
			this.port = port;
			return this;
		}

		/**
		 * Open the HTTP monitoring endpoint ({@code -m}) on the given port of the
		 * server's address, or on one the server picks when 0. Off by default.
		 * @param monitorPort the port, 0 for a free one
		 * @return this builder
		 */
		public Builder monitorPort(int monitorPort) {
			if (monitorPort < 0 || monitorPort > 65535) {
				throw new IllegalArgumentException("Monitor port must be between 0 and 65535, was " + monitorPort);
			}
			this.monitorPort = monitorPort;
			return this;
		}

		/**
		 * Start the server again, on the same port and store directory, whenever its
		 * process exits without being asked to ({@link EmbeddedNatsServer#stop()} and
		 * {@link EmbeddedNatsServer#close()} do ask). Attempts wait the initial back-off,
		 * then twice as long after each failed attempt or early exit, up to the maximum.
		 * Off by default.
		 * @param initialBackoff the first pause before a restart
		 * @param maxBackoff the longest pause
		 * @return this builder
		 */
		public Builder restartOnExit(Duration initialBackoff, Duration maxBackoff) {
			if (initialBackoff.isNegative() || initialBackoff.isZero() || maxBackoff.compareTo(initialBackoff) < 0) {
				throw new IllegalArgumentException("Restart back-off must be positive and at most its maximum, was "
						+ initialBackoff + " up to " + maxBackoff);
			}
			this.initialRestartBackoff = initialBackoff;
			this.maxRestartBackoff = maxBackoff;
			return this;
		}

		/**
		 * Store JetStream data in the given directory, which is created if needed and
		 * kept on close. By default a fresh temporary directory is used and deleted on
		 * close.
		 * @param storeDirectory the directory
		 * @return this builder
		 */
		public Builder storeDirectory(Path storeDirectory) {
			this.storeDirectory = Objects.requireNonNull(storeDirectory, "storeDirectory");
			return this;
		}

		/**
		 * The server's name ({@code --server_name}); by default the server makes one up.
		 * @param serverName the name
		 * @return this builder
		 */
		public Builder serverName(String serverName) {
			this.serverName = Objects.requireNonNull(serverName, "serverName");
			return this;
		}

		/**
		 * Further command-line arguments, for example {@code --cluster_name}. They must
		 * not repeat the ones the server is always given: {@code -a -p -js -sd
		 * --ports_file_dir} (and {@code -m} with a {@link #monitorPort(int)}).
		 * @param arguments the arguments, appended in order
		 * @return this builder
		 */
		public Builder arguments(String... arguments) {
			this.extraArguments.addAll(Arrays.asList(arguments));
			return this;
		}

		/**
		 * How long {@link EmbeddedNatsServer#start()} waits for the server to be ready,
		 * 10 seconds by default.
		 * @param startupTimeout the timeout
		 * @return this builder
		 */
		public Builder startupTimeout(Duration startupTimeout) {
			if (startupTimeout.isNegative() || startupTimeout.isZero()) {
				throw new IllegalArgumentException("Startup timeout must be positive, was " + startupTimeout);
			}
			this.startupTimeout = startupTimeout;
			return this;
		}

		/**
		 * Create the server without starting it.
		 * @return the server
		 */
		public EmbeddedNatsServer build() {
			return new EmbeddedNatsServer(this);
		}

		/**
		 * Create the server and {@link EmbeddedNatsServer#start() start} it. If it does
		 * not start, whatever it created is cleaned up.
		 * @return the running server
		 * @throws NatsServerNotFoundException if no nats-server binary was found
		 * @throws NatsServerVersionException if the binary is too old
		 * @throws StoreDirectoryLockedException if another server runs on the store
		 * directory
		 * @throws NatsServerStartupException if the process exited or was not ready in
		 * time
		 */
		public EmbeddedNatsServer start() {
			EmbeddedNatsServer server = build();
			try {
				return server.start();
			}
			catch (RuntimeException ex) {
				server.close();
				throw ex;
			}
		}

	}

}
