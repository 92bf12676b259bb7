package dev.cim.persistence.autoconfigure;

import java.util.function.BooleanSupplier;

import org.springframework.context.SmartLifecycle;

/**
 * Starts a runner of the library (projections, routed handler groups) once the
 * application context is refreshed and stops it, letting it finish the events in hand,
 * before the connection closes. Without a runner (none was defined), it does nothing.
 */
final class RunnerLifecycle implements SmartLifecycle {

	private final Runnable start;

	private final Runnable stop;

	private final BooleanSupplier running;

	private RunnerLifecycle(Runnable start, Runnable stop, BooleanSupplier running) {
		this.start = start;
		this.stop = stop;
		this.running = running;
	}

	static RunnerLifecycle of(Runnable start, Runnable stop, BooleanSupplier running) {
		return new RunnerLifecycle(start, stop, running);
	}

	static RunnerLifecycle none() {
		return new RunnerLifecycle(() -> {
		}, () -> {
		}, () -> false);
	}

	@Override
	public void start() {
		this.start.run();
	}

	@Override
	public void stop() {
		this.stop.run();
	}

	@Override
	public boolean isRunning() {
		return this.running.getAsBoolean();
	}

}
