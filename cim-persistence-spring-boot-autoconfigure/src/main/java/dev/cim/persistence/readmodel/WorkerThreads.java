package dev.cim.persistence.readmodel;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * The end of a consumer's worker thread (a projection's, a routed handler group's): told
 * to stop, it finishes the events in hand, and its owner waits a bounded time for that.
 */
public final class WorkerThreads {

	private WorkerThreads() {
	}

	/**
	 * Wait for a worker thread to end, at most the given time. An interrupt while waiting
	 * ends the wait and is kept on the calling thread.
	 * @param worker the thread, {@code null} when none was started
	 * @param timeout how long to wait
	 * @return whether the thread has ended (or was never started)
	 */
	public static boolean awaitEnd(@Nullable Thread worker, Duration timeout) {
		if (worker == null) {
			return true;
		}
		try {
			worker.join(timeout.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		return !worker.isAlive();
	}

}
