package dev.cim.persistence.autoconfigure.metrics;

import java.util.Locale;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import dev.cim.persistence.repository.RepositoryObserver.CacheKind;
import dev.cim.persistence.repository.RepositoryObserver.CacheWriteFailure;
import dev.cim.persistence.repository.RepositoryObserver;

/**
 * A {@link RepositoryObserver} that records what repositories do as Micrometer meters.
 * Every meter has an {@code aggregate} tag ({@code context.type}):
 * <ul>
 * <li>{@value #SAVE} (timer; tag {@code outcome}: {@code success}, {@code conflict},
 * {@code error});</li>
 * <li>{@value #LOAD} (timer; tags {@code outcome}: {@code success}, {@code not_found},
 * {@code error}, and {@code source}: {@code cache}, {@code state}, {@code snapshot},
 * {@code replay}, {@code save}, or {@code none} when the load failed);</li>
 * <li>the two timers come from the repositories' Micrometer observations of the same
 * names (with the handler's {@code error} tag), recorded through the application's
 * {@code ObservationRegistry};</li>
 * <li>{@value #CONFLICTS} (counter of version conflicts);</li>
 * <li>{@value #CACHE_HITS} and {@value #CACHE_MISSES} (counters of cache lookups);</li>
 * <li>{@value #SNAPSHOTS_USED}, {@value #SNAPSHOTS_WRITTEN} (counters);</li>
 * <li>{@value #SNAPSHOTS_DISCARDED} (counter; tag {@code reason}: {@code class_changed},
 * {@code corrupt}, {@code head_mismatch}, {@code unreadable}, {@code other});</li>
 * <li>{@value #STATE_REPAIRED} (counter of state stream entries found behind and
 * rewritten);</li>
 * <li>{@value #CACHE_WRITE_FAILURES} (counter of state and snapshot writes that did not
 * happen; tags {@code kind}: {@code state}, {@code snapshot}, and {@code reason}:
 * {@code too_large}, {@code error}).</li>
 * </ul>
 * In Prometheus the names read {@code cim_persistence_repository_save_seconds} and so on.
 */
public class MicrometerRepositoryObserver implements RepositoryObserver {

	/** Timer of saves. */
	public static final String SAVE = "cim.persistence.repository.save";

	/** Timer of loads. */
	public static final String LOAD = "cim.persistence.repository.load";

	/** Counter of version conflicts met by saves. */
	public static final String CONFLICTS = "cim.persistence.repository.conflicts";

	/** Counter of cache lookups that found a current entry. */
	public static final String CACHE_HITS = "cim.persistence.cache.hits";

	/** Counter of cache lookups that found nothing current. */
	public static final String CACHE_MISSES = "cim.persistence.cache.misses";

	/** Counter of snapshots read and used. */
	public static final String SNAPSHOTS_USED = "cim.persistence.snapshots.used";

	/** Counter of snapshots read and discarded as invalid. */
	public static final String SNAPSHOTS_DISCARDED = "cim.persistence.snapshots.discarded";

	/** Counter of snapshots written. */
	public static final String SNAPSHOTS_WRITTEN = "cim.persistence.snapshots.written";

	/** Counter of aggregate states found behind the events and repaired. */
	public static final String STATE_REPAIRED = "cim.persistence.state.repaired";

	/** Counter of state and snapshot writes that did not happen. */
	public static final String CACHE_WRITE_FAILURES = "cim.persistence.cache.write.failures";

	private static final String AGGREGATE = "aggregate";

	private final MeterRegistry registry;

	/**
	 * Create an observer.
	 * @param registry the registry the meters are registered in
	 */
	public MicrometerRepositoryObserver(MeterRegistry registry) {
		this.registry = registry;
	}

	@Override
	public void versionConflict(String aggregate) {
		count(CONFLICTS, "Version conflicts met by saves", aggregate);
	}

	@Override
	public void cacheLookup(String aggregate, boolean hit) {
		if (hit) {
			count(CACHE_HITS, "Cache lookups that found a current aggregate", aggregate);
		}
		else {
			count(CACHE_MISSES, "Cache lookups that found no current aggregate", aggregate);
		}
	}

	@Override
	public void snapshotUsed(String aggregate) {
		count(SNAPSHOTS_USED, "Snapshots read and used", aggregate);
	}

	@Override
	public void snapshotDiscarded(String aggregate, String reason) {
		Counter.builder(SNAPSHOTS_DISCARDED)
			.description("Snapshots read and discarded as invalid")
			.tag(AGGREGATE, aggregate)
			.tag("reason", reasonKind(reason))
			.register(this.registry)
			.increment();
	}

	@Override
	public void snapshotWritten(String aggregate) {
		count(SNAPSHOTS_WRITTEN, "Snapshots written", aggregate);
	}

	@Override
	public void stateRepaired(String aggregate) {
		count(STATE_REPAIRED, "Aggregate states found behind the events and repaired", aggregate);
	}

	@Override
	public void cacheWriteFailed(String aggregate, CacheKind kind, CacheWriteFailure reason) {
		Counter.builder(CACHE_WRITE_FAILURES)
			.description("State and snapshot writes that did not happen (the saves and loads that made them succeeded)")
			.tag(AGGREGATE, aggregate)
			.tag("kind", kind.tag())
			.tag("reason", reason.tag())
			.register(this.registry)
			.increment();
	}

	private void count(String name, String description, String aggregate) {
		Counter.builder(name).description(description).tag(AGGREGATE, aggregate).register(this.registry).increment();
	}

	/**
	 * Map the repository's free-text reason to a tag value of low cardinality.
	 * @param reason why a snapshot was discarded
	 * @return {@code class_changed}, {@code corrupt}, {@code head_mismatch},
	 * {@code unreadable} or {@code other}
	 */
	static String reasonKind(String reason) {
		String text = reason.toLowerCase(Locale.ROOT);
		if (text.contains("class shape") || text.contains("fingerprint")) {
			return "class_changed";
		}
		if (text.startsWith("unreadable")) {
			return "unreadable";
		}
		if ((text.contains("cid") && text.contains("state")) || text.contains("cannot be encoded")
				|| text.contains("below 1")) {
			return "corrupt";
		}
		if (text.contains("cover") || text.contains("head")) {
			return "head_mismatch";
		}
		return "other";
	}

}
