package dev.cim.persistence.query;

import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.jspecify.annotations.Nullable;

/**
 * The plan and result caches of a {@link QueryOptimizer}, Caffeine caches bounded by
 * size. Plans expire a while after they were made; results carry the mark of the stream
 * they were read from and are used only while the stream still has that mark.
 */
final class QueryCache {

	private final Cache<PlanKey, QueryPlan> plans;

	private final Cache<ResultKey, Cached> results;

	private final QueryObserver observer;

	QueryCache(QueryCaching caching, QueryObserver observer) {
		this.plans = Caffeine.newBuilder()
			.maximumSize(caching.maximumSize())
			.expireAfterWrite(caching.planTimeToLive())
			.build();
		this.results = Caffeine.newBuilder().maximumSize(caching.maximumSize()).build();
		this.observer = observer;
	}

	/**
	 * The cached plan of a query and hint, or a new one, which is cached.
	 */
	QueryPlan plan(Query query, QueryHint hint, Supplier<QueryPlan> planner) {
		PlanKey key = new PlanKey(query, hint.strategy());
		@Nullable QueryPlan plan = this.plans.getIfPresent(key);
		this.observer.planCache(plan != null);
		if (plan != null) {
			return plan;
		}
		QueryPlan made = planner.get();
		this.plans.put(key, made);
		return made;
	}

	/**
	 * The cached rows and performance of a plan's query and strategy, if they were read
	 * when the stream had this mark.
	 */
	Optional<Cached> result(QueryPlan plan, StreamMark mark) {
		@Nullable Cached cached = this.results.getIfPresent(new ResultKey(plan.query(), plan.strategy()));
		boolean hit = cached != null && cached.mark().equals(mark);
		this.observer.resultCache(hit);
		return hit ? Optional.of(cached) : Optional.empty();
	}

	void put(QueryResult result, StreamMark mark) {
		this.results.put(new ResultKey(result.plan().query(), result.plan().strategy()),
				new Cached(mark, result.rows(), result.performance()));
	}

	/**
	 * Where a stream stood: a result read then is valid while these have not changed. A
	 * new message moves the last sequence, a purge or removal the first sequence or the
	 * count.
	 */
	record StreamMark(long firstSequence, long lastSequence, long messages) {
	}

	record Cached(StreamMark mark, List<QueryRow> rows, QueryPerformance performance) {
	}

	private record PlanKey(Query query, @Nullable QueryStrategy strategy) {
	}

	private record ResultKey(Query query, QueryStrategy strategy) {
	}

}
