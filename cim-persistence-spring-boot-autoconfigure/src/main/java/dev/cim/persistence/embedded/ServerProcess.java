package dev.cim.persistence.embedded;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One run of a nats-server process: launched, awaited until ready, stopped.
 */
final class ServerProcess {

	private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

	private static final long POLL_MILLIS = 20;

	private static final int OUTPUT_LINES_IN_ERRORS = 40;

	private final Process process;

	private final ServerOutput output;

	private final PortsFile ports;

	private ServerProcess(Process process, ServerOutput output, PortsFile ports) {
		this.process = process;
		this.output = output;
		this.ports = ports;
	}

	/**
	 * Launch the command and wait until the ports file appears in {@code portsDirectory}
	 * and the monitoring endpoint reports JetStream enabled.
	 */
	static ServerProcess launch(List<String> command, Path portsDirectory, String host, Duration timeout) {
		Process process;
		try {
			process = new ProcessBuilder(command).redirectErrorStream(true).start();
		}
		catch (IOException ex) {
			throw new NatsServerStartupException("Could not launch " + String.join(" ", command), List.of(), ex);
		}
		ShutdownSafetyNet.track(process);
		ServerOutput output = ServerOutput.capture(process, "nats-server-" + process.pid() + "-output");
		try {
			return new ServerProcess(process, output, awaitReady(process, output, portsDirectory, host, timeout));
		}
		catch (RuntimeException ex) {
			terminate(process, output);
			throw ex;
		}
	}

	private static PortsFile awaitReady(Process process, ServerOutput output, Path portsDirectory, String host,
			Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		PortsFile ports = null;
		while (true) {
			if (!process.isAlive()) {
				output.awaitEnd(1000);
				throw new NatsServerStartupException(
						"nats-server exited with code " + process.exitValue() + " before it was ready",
						output.last(OUTPUT_LINES_IN_ERRORS), null);
			}
			if (ports == null) {
				ports = PortsFile.readFrom(portsDirectory);
			}
			if (ports != null && isHealthy(host, ports.monitoringPort())) {
				return ports;
			}
			if (System.nanoTime() - deadline > 0) {
				String detail = (ports != null) ? " (/healthz?js-enabled-only=true did not answer 200)"
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

	private static boolean isHealthy(String host, int monitoringPort) {
		try {
			URI uri = URI.create("http://" + host + ":" + monitoringPort + "/healthz?js-enabled-only=true");
			HttpURLConnection connection = (HttpURLConnection) uri.toURL().openConnection();
			connection.setConnectTimeout(1000);
			connection.setReadTimeout(1000);
			try {
				return connection.getResponseCode() == 200;
			}
			finally {
				connection.disconnect();
			}
		}
		catch (IOException ex) {
			return false;
		}
	}

	PortsFile ports() {
		return this.ports;
	}

	boolean isAlive() {
		return this.process.isAlive();
	}

	List<String> output() {
		return this.output.lines();
	}

	/**
	 * Stop the process: SIGTERM (or its equivalent) first, then forcibly if it does not
	 * exit in time.
	 */
	void stop() {
		terminate(this.process, this.output);
	}

	private static void terminate(Process process, ServerOutput output) {
		process.destroy();
		try {
			if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
				process.destroyForcibly();
				process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
			}
		}
		catch (InterruptedException ex) {
			process.destroyForcibly();
			Thread.currentThread().interrupt();
		}
		output.awaitEnd(1000);
		ShutdownSafetyNet.forget(process);
	}

}
