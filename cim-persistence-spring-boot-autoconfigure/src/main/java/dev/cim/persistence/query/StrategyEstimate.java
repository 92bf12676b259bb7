package dev.cim.persistence.query;

import java.util.Objects;

/**
 * What the {@link CostModel} thought of one strategy for one query.
 *
 * @param strategy the strategy
 * @param applicable whether it can answer the query
 * @param executable whether this optimizer can execute it now
 * @param cost its estimated cost, in units of one message delivered to the client (a
 * round trip costs {@value CostModel#REQUEST}); {@code -1} when not applicable
 * @param reason how it would answer the query, or why it cannot
 */
public record StrategyEstimate(QueryStrategy strategy, boolean applicable, boolean executable, double cost,
		String reason) {

	/**
	 * Check the values.
	 */
	public StrategyEstimate {
		Objects.requireNonNull(strategy, "strategy");
		Objects.requireNonNull(reason, "reason");
	}

	static StrategyEstimate notApplicable(QueryStrategy strategy, String reason) {
		return new StrategyEstimate(strategy, false, false, -1, reason);
	}

	String describe() {
		if (!this.applicable) {
			return this.strategy + " not applicable: " + this.reason;
		}
		return this.strategy + " cost " + CostModel.format(this.cost) + ": " + this.reason
				+ (this.executable ? "" : " (not executable yet)");
	}

}
