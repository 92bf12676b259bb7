package dev.cim.persistence.embedded;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Restarts a server whose process exited without being asked to (killed, crashed), on the
 * same port and store directory, so that clients reconnect by themselves. Attempts are
 * spaced by a back-off that doubles up to a maximum and starts again from the initial
 * delay once a server has run for a while.
 */
final class ServerSupervisor implements AutoCloseable {

	private static final System.Logger logger = System.getLogger(EmbeddedNatsServer.class.getName());

	private static final Duration STABLE_AFTER = Duration.ofSeconds(30);

	private final ServerLifecycle server;

	private final Duration initialBackoff;

	private final Duration maxBackoff;

	private final ScheduledExecutorService scheduler;

	private final AtomicLong restarts = new AtomicLong();

	private Duration backoff;

	ServerSupervisor(ServerLifecycle server, Duration initialBackoff, Duration maxBackoff) {
		this.server = server;
		this.initialBackoff = initialBackoff;
		this.maxBackoff = maxBackoff;
		this.backoff = initialBackoff;
		this.scheduler = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, "embedded-nats-server-supervisor");
			thread.setDaemon(true);
			return thread;
		});
	}

	/**
	 * Watch a freshly started process.
	 */
	void watch(ServerProcess process) {
		long started = System.nanoTime();
		process.onExit().thenRun(() -> exited(process, Duration.ofNanos(System.nanoTime() - started)));
	}

	private void exited(ServerProcess process, Duration uptime) {
		if (!this.server.exitedUnexpectedly(process)) {
			return;
		}
		Duration delay;
		synchronized (this) {
			if (uptime.compareTo(STABLE_AFTER) >= 0) {
				this.backoff = this.initialBackoff;
			}
			delay = nextDelay();
		}
		logger.log(Level.WARNING,
				() -> "nats-server " + process.server().pid() + " of " + this.server + " exited unexpectedly (code "
						+ process.exitCode() + "); restarting it in " + delay.toMillis() + " ms. Its last output:\n  "
						+ String.join("\n  ", lastLines(process)));
		schedule(delay);
	}

	private static List<String> lastLines(ServerProcess process) {
		List<String> lines = process.output();
		return lines.subList(Math.max(0, lines.size() - 10), lines.size());
	}

	private void schedule(Duration delay) {
		if (!this.scheduler.isShutdown()) {
			this.scheduler.schedule(this::restart, delay.toMillis(), TimeUnit.MILLISECONDS);
		}
	}

	private void restart() {
		try {
			if (this.server.restartAfterExit()) {
				this.restarts.incrementAndGet();
				logger.log(Level.INFO, () -> "Restarted " + this.server);
			}
		}
		catch (RuntimeException ex) {
			Duration delay;
			synchronized (this) {
				delay = nextDelay();
			}
			logger.log(Level.WARNING, () -> "Could not restart " + this.server + "; trying again in " + delay.toMillis()
					+ " ms: " + ex.getMessage());
			schedule(delay);
		}
	}

	private Duration nextDelay() {
		Duration delay = this.backoff;
		this.backoff = min(this.backoff.multipliedBy(2), this.maxBackoff);
		return delay;
	}

	private static Duration min(Duration a, Duration b) {
		return (a.compareTo(b) <= 0) ? a : b;
	}

	/**
	 * How many times a server was restarted after it exited unexpectedly.
	 */
	long restarts() {
		return this.restarts.get();
	}

	@Override
	public void close() {
		this.scheduler.shutdownNow();
	}

}
