package dev.cim.persistence.embedded;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * One run of a nats-server process, under its {@link WatchdogCommand watchdog} where the
 * platform has one: launched, awaited until ready, stopped.
 */
final class ServerProcess {

	private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

	private static final long POLL_MILLIS = 20;

	private static final int OUTPUT_LINES_IN_ERRORS = 40;

	private final Process process;

	private final ServerOutput output;

	private final PortsFile ports;

	private final ProcessHandle server;

	private ServerProcess(Process process, ServerOutput output, PortsFile ports, ProcessHandle server) {
		this.process = process;
		this.output = output;
		this.ports = ports;
		this.server = server;
	}

	/**
	 * Launch the server command and wait until the ports file appears in
	 * {@code portsDirectory} and the server answers a JetStream request.
	 */
	static ServerProcess launch(List<String> serverCommand, Path portsDirectory, String host, boolean monitoring,
			Duration timeout) {
		Process process;
		try {
			process = new ProcessBuilder(WatchdogCommand.wrap(serverCommand)).redirectErrorStream(true).start();
		}
		catch (IOException ex) {
			throw new NatsServerStartupException("Could not launch " + String.join(" ", serverCommand), List.of(), ex);
		}
		ServerOutput output = ServerOutput.capture(process, "nats-server-" + process.pid() + "-output");
		try {
			PortsFile ports = awaitReady(process, output, portsDirectory, host, monitoring, timeout);
			ProcessHandle server = serverHandle(process, output);
			ServerProcess launched = new ServerProcess(process, output, ports, server);
			ShutdownSafetyNet.track(launched);
			return launched;
		}
		catch (RuntimeException ex) {
			terminate(process, output, serverHandleIfKnown(process, output));
			throw ex;
		}
	}

	private static PortsFile awaitReady(Process process, ServerOutput output, Path portsDirectory, String host,
			boolean monitoring, Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		PortsFile ports = null;
		while (true) {
			if (!process.isAlive()) {
				output.awaitEnd(1000);
				throw new NatsServerStartupException(
						"nats-server exited with code " + exitCode(process, output) + " before it was ready",
						output.last(OUTPUT_LINES_IN_ERRORS), null);
			}
			if (ports == null) {
				ports = PortsFile.readFrom(portsDirectory);
				if (ports != null && monitoring && ports.monitoringPort() == 0) {
					ports = null;
				}
			}
			if (ports != null && ReadinessProbe.isReady(host, ports.clientPort())) {
				return ports;
			}
			if (System.nanoTime() - deadline > 0) {
				String detail = (ports != null) ? " (it did not answer a JetStream request)"
						: " (it wrote no ports file)";
				throw new NatsServerStartupException(
						"nats-server was not ready within " + timeout.toMillis() + " ms" + detail,
						output.last(OUTPUT_LINES_IN_ERRORS), null);
			}
			try {
				Thread.sleep(POLL_MILLIS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new NatsServerStartupException("Interrupted while waiting for nats-server to start",
						output.last(OUTPUT_LINES_IN_ERRORS), ex);
			}
		}
	}

	private static int exitCode(Process process, ServerOutput output) {
		int reported = output.exitCode();
		return (reported != Integer.MIN_VALUE) ? reported : process.exitValue();
	}

	private static ProcessHandle serverHandle(Process process, ServerOutput output) {
		if (!WatchdogCommand.isSupported()) {
			return process.toHandle();
		}
		// The watchdog reports the pid before it starts waiting, long before the server
		// is
		// ready.
		return serverHandleIfKnown(process, output).orElseThrow(
				() -> new NatsServerStartupException("The watchdog of nats-server did not report the server's pid",
						output.last(OUTPUT_LINES_IN_ERRORS), null));
	}

	private static Optional<ProcessHandle> serverHandleIfKnown(Process process, ServerOutput output) {
		if (!WatchdogCommand.isSupported()) {
			return Optional.of(process.toHandle());
		}
		long pid = output.serverPid();
		return (pid > 0) ? ProcessHandle.of(pid) : Optional.empty();
	}

	PortsFile ports() {
		return this.ports;
	}

	/**
	 * The nats-server process itself (not its watchdog).
	 */
	ProcessHandle server() {
		return this.server;
	}

	boolean isAlive() {
		return this.process.isAlive() && this.server.isAlive();
	}

	/**
	 * Completes when the server (and its watchdog) has exited.
	 */
	CompletableFuture<Process> onExit() {
		return this.process.onExit();
	}

	List<String> output() {
		return this.output.lines();
	}

	/**
	 * The server's exit code, once it has exited.
	 * @return the code, or {@link Integer#MIN_VALUE} if unknown
	 */
	int exitCode() {
		return this.process.isAlive() ? Integer.MIN_VALUE : exitCode(this.process, this.output);
	}

	/**
	 * Stop the server: a clean shutdown (SIGTERM) first, then forcibly if it does not
	 * exit in time.
	 */
	void stop() {
		terminate(this.process, this.output, Optional.of(this.server));
		ShutdownSafetyNet.forget(this);
	}

	private static void terminate(Process process, ServerOutput output, Optional<ProcessHandle> server) {
		if (WatchdogCommand.isSupported()) {
			// The end of its input makes the watchdog stop the server cleanly.
			try {
				process.getOutputStream().close();
			}
			catch (IOException ex) {
				server.ifPresent(ProcessHandle::destroy);
			}
		}
		else {
			process.destroy();
		}
		if (!waitFor(process)) {
			server.ifPresent(ProcessHandle::destroyForcibly);
			process.descendants().forEach(ProcessHandle::destroyForcibly);
			process.destroyForcibly();
			waitFor(process);
		}
		output.awaitEnd(1000);
	}

	private static boolean waitFor(Process process) {
		try {
			return process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

}
