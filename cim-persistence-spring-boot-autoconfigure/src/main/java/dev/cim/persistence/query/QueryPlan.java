package dev.cim.persistence.query;

import java.util.List;
import java.util.Objects;

/**
 * How a query will be answered: the chosen strategy, its estimated cost, the statistics
 * the choice was based on, and every strategy considered. Immutable; execute it with
 * {@link QueryOptimizer#executePlan(QueryPlan)}.
 *
 * @param query the query
 * @param strategy the chosen strategy
 * @param estimatedCost its estimated cost (see {@link StrategyEstimate#cost()})
 * @param statistics what the choice was based on
 * @param forced whether a {@link QueryHint} forced the strategy
 * @param estimates every strategy considered, the chosen one included, in the order of
 * {@link QueryStrategy}
 * @param bypassCache whether the {@link QueryHint} asked to bypass the caches: executing
 * the plan then reads the server even when a cached result is still valid
 */
public record QueryPlan(Query query, QueryStrategy strategy, double estimatedCost, QueryStatistics statistics,
		boolean forced, List<StrategyEstimate> estimates, boolean bypassCache) {

	/**
	 * Check and copy the values.
	 */
	public QueryPlan {
		Objects.requireNonNull(query, "query");
		Objects.requireNonNull(strategy, "strategy");
		Objects.requireNonNull(statistics, "statistics");
		estimates = List.copyOf(estimates);
	}

	/**
	 * A plan that uses the caches.
	 * @param query the query
	 * @param strategy the chosen strategy
	 * @param estimatedCost its estimated cost
	 * @param statistics what the choice was based on
	 * @param forced whether a {@link QueryHint} forced the strategy
	 * @param estimates every strategy considered
	 */
	public QueryPlan(Query query, QueryStrategy strategy, double estimatedCost, QueryStatistics statistics,
			boolean forced, List<StrategyEstimate> estimates) {
		this(query, strategy, estimatedCost, statistics, forced, estimates, false);
	}

	/**
	 * The estimate of the chosen strategy.
	 * @return the estimate
	 */
	public StrategyEstimate chosen() {
		return this.estimates.stream()
			.filter((estimate) -> estimate.strategy() == this.strategy)
			.findFirst()
			.orElseThrow(() -> new IllegalStateException("the plan has no estimate of " + this.strategy));
	}

	/**
	 * The strategies considered and not chosen.
	 * @return their estimates
	 */
	public List<StrategyEstimate> rejected() {
		return this.estimates.stream().filter((estimate) -> estimate.strategy() != this.strategy).toList();
	}

	/**
	 * A text for people: the query, the strategy and why, the statistics, and the
	 * rejected alternatives with their costs.
	 * @return the text, several lines
	 */
	public String explain() {
		StrategyEstimate chosen = chosen();
		StringBuilder text = new StringBuilder("query: ").append(this.query.toText()).append('\n');
		text.append("strategy: ")
			.append(this.strategy)
			.append(", estimated cost ")
			.append(CostModel.format(this.estimatedCost))
			.append(this.forced ? ", forced by the hint" : ", the cheapest executable strategy")
			.append(this.bypassCache ? ", caches bypassed" : "")
			.append('\n');
		text.append("why: ").append(chosen.reason()).append('\n');
		text.append("statistics: ").append(this.statistics.describe()).append('\n');
		text.append("rejected:");
		for (StrategyEstimate estimate : rejected()) {
			text.append("\n  ").append(estimate.describe());
		}
		return text.toString();
	}

}
