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

	private final ServerLifecycle lifecycle;

	private EmbeddedNatsServer(Builder builder) {
		this.lifecycle = new ServerLifecycle(builder.binary, builder.binaryPath, builder.host, builder.port,
				new ServerCommand(builder.host, builder.monitorPort, builder.serverName, builder.extraArguments),
				builder.storeDirectory, builder.startupTimeout, builder.initialRestartBackoff,
				builder.maxRestartBackoff);
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
	public EmbeddedNatsServer start() {
		this.lifecycle.start();
		return this;
	}

	/**
	 * Stop the server and start it again on the same port with the same store directory,
	 * so that JetStream data written before survives.
	 * @return this server
	 * @throws NatsServerStartupException if the server does not come back, for example
	 * because another process took its port meanwhile
	 * @throws IllegalStateException if the server is closed or has never been started
	 */
	public EmbeddedNatsServer restart() {
		this.lifecycle.restart();
		return this;
	}

	/**
	 * Stop the server process (cleanly first, forcibly if it does not exit within 10
	 * seconds) and release its store directory, but keep the directory, so that
	 * {@link #start()} can resume it. Does nothing if the server is not running.
	 */
	public void stop() {
		this.lifecycle.stop();
	}

	/**
	 * Stop the server and delete its store directory if it is a temporary one. A store
	 * directory given to the builder is kept. Calling it again does nothing.
	 */
	@Override
	public void close() {
		this.lifecycle.close();
	}

	/**
	 * The URL clients connect to.
	 * @return for example {@code nats://127.0.0.1:42761}
	 * @throws IllegalStateException if the server has never been started
	 */
	public String url() {
		return this.lifecycle.url();
	}

	/**
	 * The port for client connections. It stays the same across {@link #restart()} and
	 * restarts after an unexpected exit.
	 * @return the port
	 * @throws IllegalStateException if the server has never been started
	 */
	public int port() {
		return this.lifecycle.port();
	}

	/**
	 * The port of the server's HTTP monitoring endpoint ({@code /varz}, {@code /jsz},
	 * {@code /healthz}), when the builder asked for one. A port the server picked changes
	 * on {@link #restart()}.
	 * @return the port
	 * @throws IllegalStateException if the server has never been started or runs without
	 * monitoring
	 */
	public int monitoringPort() {
		return this.lifecycle.monitoringPort();
	}

	/**
	 * The pid of the nats-server process.
	 * @return the pid
	 * @throws IllegalStateException if the server is not running
	 */
	public long pid() {
		return this.lifecycle.pid();
	}

	/**
	 * How many times the server was started again after its process exited without being
	 * asked to.
	 * @return the number of restarts, 0 when restarting is off
	 */
	public long restarts() {
		return this.lifecycle.restarts();
	}

	/**
	 * The directory JetStream stores its data in ({@code jetstream/} below it).
	 * @return the store directory, as an absolute path
	 * @throws IllegalStateException if the server has never been started
	 */
	public Path storeDirectory() {
		return this.lifecycle.storeDirectory();
	}

	/**
	 * Whether the server process is running.
	 * @return {@code true} between {@link #start()} and {@link #stop()} or
	 * {@link #close()}, unless the process died
	 */
	public boolean isRunning() {
		return this.lifecycle.isRunning();
	}

	/**
	 * The last lines the server printed (at most 200), while it runs or after it stopped.
	 * @return the lines, oldest first; empty if it has never been started
	 */
	public List<String> recentOutput() {
		return this.lifecycle.recentOutput();
	}

	/**
	 * The binary this server runs, found on the first {@link #start()} unless the builder
	 * was given one.
	 * @return the binary
	 * @throws NatsServerNotFoundException if no nats-server binary was found
	 * @throws NatsServerVersionException if the binary is too old
	 */
	public NatsServerBinary binary() {
		return this.lifecycle.binary();
	}

	@Override
	public String toString() {
		return this.lifecycle.toString();
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
