package dev.cim.persistence.embedded;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The running state of an {@link EmbeddedNatsServer}: its store directory and lock, its
 * process, its ports and whether it is wanted, and the transitions between them (start,
 * stop, restart after an exit, close). {@link EmbeddedNatsServer} describes the contract
 * of each operation; all of them synchronize on this object.
 */
final class ServerLifecycle {

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

	ServerLifecycle(@Nullable NatsServerBinary givenBinary, @Nullable Path binaryPath, String host, int requestedPort,
			ServerCommand command, @Nullable Path givenStoreDirectory, Duration startupTimeout,
			@Nullable Duration initialRestartBackoff, @Nullable Duration maxRestartBackoff) {
		this.givenBinary = givenBinary;
		this.binaryPath = binaryPath;
		this.host = host;
		this.requestedPort = requestedPort;
		this.command = command;
		this.givenStoreDirectory = (givenStoreDirectory != null) ? givenStoreDirectory.toAbsolutePath().normalize()
				: null;
		this.startupTimeout = startupTimeout;
		this.supervisor = (initialRestartBackoff != null && maxRestartBackoff != null)
				? new ServerSupervisor(this, initialRestartBackoff, maxRestartBackoff) : null;
	}

	synchronized void start() {
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

	synchronized void restart() {
		if (this.port == 0) {
			throw new IllegalStateException("The server has never been started");
		}
		stop();
		start();
	}

	synchronized void stop() {
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

	synchronized void close() {
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

	String url() {
		return "nats://" + connectHost() + ":" + port();
	}

	synchronized int port() {
		if (this.port == 0) {
			throw new IllegalStateException("The server has never been started");
		}
		return this.port;
	}

	synchronized int monitoringPort() {
		if (this.monitoringPort == 0) {
			throw new IllegalStateException((this.port == 0) ? "The server has never been started"
					: "The server runs without a monitoring port");
		}
		return this.monitoringPort;
	}

	synchronized long pid() {
		if (this.process == null) {
			throw new IllegalStateException("The server is not running");
		}
		return this.process.server().pid();
	}

	long restarts() {
		return (this.supervisor != null) ? this.supervisor.restarts() : 0;
	}

	synchronized Path storeDirectory() {
		if (this.storeDirectory == null) {
			throw new IllegalStateException("The server has never been started");
		}
		return this.storeDirectory;
	}

	synchronized boolean isRunning() {
		return this.process != null && this.process.isAlive();
	}

	synchronized List<String> recentOutput() {
		return (this.process != null) ? this.process.output() : this.lastOutput;
	}

	synchronized NatsServerBinary binary() {
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

}
