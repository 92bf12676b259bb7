package dev.cim.persistence.repository.support;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import dev.cim.persistence.repository.RepositoryObserver.CacheKind;
import dev.cim.persistence.repository.RepositoryObserver.CacheWriteFailure;
import dev.cim.persistence.repository.RepositoryObserver.LoadOutcome;
import dev.cim.persistence.repository.RepositoryObserver.SaveOutcome;
import dev.cim.persistence.repository.LoadSource;
import dev.cim.persistence.repository.RepositoryObserver;

/**
 * Counts what a repository reports.
 */
class CountingObserver implements RepositoryObserver {

	final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();

	final java.util.List<String> reasons = new java.util.concurrent.CopyOnWriteArrayList<>();

	int count(String what) {
		AtomicInteger count = this.counts.get(what);
		return (count != null) ? count.get() : 0;
	}

	void reset() {
		this.counts.clear();
		this.reasons.clear();
	}

	private void add(String what) {
		this.counts.computeIfAbsent(what, (key) -> new AtomicInteger()).incrementAndGet();
	}

	@Override
	public void saved(String aggregate, SaveOutcome outcome, Duration duration) {
		add("save." + outcome.tag());
	}

	@Override
	public void loaded(String aggregate, LoadOutcome outcome, LoadSource source, Duration duration) {
		add("load." + outcome.tag() + "." + source);
	}

	@Override
	public void versionConflict(String aggregate) {
		add("conflict");
	}

	@Override
	public void cacheLookup(String aggregate, boolean hit) {
		add(hit ? "cache.hit" : "cache.miss");
	}

	@Override
	public void snapshotUsed(String aggregate) {
		add("snapshot.used");
	}

	@Override
	public void snapshotDiscarded(String aggregate, String reason) {
		this.reasons.add(reason);
		add("snapshot.discarded");
	}

	@Override
	public void snapshotWritten(String aggregate) {
		add("snapshot.written");
	}

	@Override
	public void cacheWriteFailed(String aggregate, CacheKind kind, CacheWriteFailure reason) {
		add("cache.write.failed." + kind.tag() + "." + reason.tag());
	}

	@Override
	public void stateRepaired(String aggregate) {
		add("state.repaired");
	}

}
