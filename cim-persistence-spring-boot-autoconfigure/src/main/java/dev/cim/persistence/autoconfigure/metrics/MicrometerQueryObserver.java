package dev.cim.persistence.autoconfigure.metrics;

import dev.cim.persistence.query.QueryObserver;
import dev.cim.persistence.query.QueryPerformance;
import dev.cim.persistence.query.QueryTarget;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * A {@link QueryObserver} that records what the query optimizer does as Micrometer
 * meters: a timer of query executions and a summary of the messages each read, both
 * tagged by strategy, target ({@code events}, {@code readmodel}, {@code aggregate}) and
 * whether the result cache answered, and counters of plan and result cache hits and
 * misses. Every tag has a handful of values.
 */
public class MicrometerQueryObserver implements QueryObserver {

	/** Timer of query executions, cached answers included. */
	public static final String QUERIES = "cim.persistence.query";

	/** Distribution summary of the messages one query execution read from the server. */
	public static final String MESSAGES_READ = "cim.persistence.query.messages.read";

	/** Counter of plan cache lookups, tagged {@code result=hit|miss}. */
	public static final String PLAN_CACHE = "cim.persistence.query.plan.cache";

	/** Counter of result cache lookups, tagged {@code result=hit|miss}. */
	public static final String RESULT_CACHE = "cim.persistence.query.result.cache";

	private final Counter planHits;

	private final Counter planMisses;

	private final Counter resultHits;

	private final Counter resultMisses;

	private final MeterRegistry registry;

	/**
	 * Create an observer.
	 * @param registry the registry the meters are registered in
	 */
	public MicrometerQueryObserver(MeterRegistry registry) {
		this.registry = registry;
		this.planHits = cacheCounter(PLAN_CACHE, "Plans looked up in the query plan cache", "hit");
		this.planMisses = cacheCounter(PLAN_CACHE, "Plans looked up in the query plan cache", "miss");
		this.resultHits = cacheCounter(RESULT_CACHE, "Results looked up in the query result cache", "hit");
		this.resultMisses = cacheCounter(RESULT_CACHE, "Results looked up in the query result cache", "miss");
	}

	@Override
	public void executed(QueryTarget target, QueryPerformance performance) {
		String strategy = performance.strategy().name();
		String cached = Boolean.toString(performance.cacheHit());
		Timer.builder(QUERIES)
			.description("Query executions by the query optimizer")
			.tag("strategy", strategy)
			.tag("target", target.tagValue())
			.tag("cached", cached)
			.register(this.registry)
			.record(performance.duration());
		DistributionSummary.builder(MESSAGES_READ)
			.description("Messages one query execution read from the server")
			.baseUnit("messages")
			.tag("strategy", strategy)
			.tag("target", target.tagValue())
			.tag("cached", cached)
			.register(this.registry)
			.record(performance.messagesRead());
	}

	@Override
	public void planCache(boolean hit) {
		(hit ? this.planHits : this.planMisses).increment();
	}

	@Override
	public void resultCache(boolean hit) {
		(hit ? this.resultHits : this.resultMisses).increment();
	}

	private Counter cacheCounter(String name, String description, String result) {
		return Counter.builder(name).description(description).tag("result", result).register(this.registry);
	}

}
