package dev.cim.persistence.readmodel;

import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.List;

/**
 * The most recent failures of a projection, oldest first, at most a configured number of
 * them: recording one more drops the oldest. Thread-safe.
 */
final class RecentFailures {

	private final Deque<ProjectionFailure> failures = new ArrayDeque<>();

	private final int max;

	RecentFailures(int max) {
		this.max = max;
	}

	/**
	 * Keep failures recorded earlier, for example by an earlier run of the same slot.
	 */
	synchronized void addAll(Collection<ProjectionFailure> earlier) {
		this.failures.addAll(earlier);
	}

	/**
	 * Record a failure, dropping the oldest ones beyond the maximum.
	 */
	synchronized void add(ProjectionFailure failure) {
		this.failures.addLast(failure);
		while (this.failures.size() > this.max) {
			this.failures.removeFirst();
		}
	}

	/**
	 * The failures recorded, oldest first.
	 */
	synchronized List<ProjectionFailure> list() {
		return List.copyOf(this.failures);
	}

}
