package dev.cim.persistence.query;

import java.util.List;
import java.util.Objects;

/**
 * The answer to a query: its rows and what reading them cost.
 *
 * @param plan the plan executed
 * @param rows the results: {@link QueryRow.StoredMessage}s in stream order for subject
 * and aggregate queries, {@link QueryRow.ReadModelRow}s in id order for read-model
 * queries
 * @param performance what the execution cost
 */
public record QueryResult(QueryPlan plan, List<QueryRow> rows, QueryPerformance performance) {

	/**
	 * Check and copy the values.
	 */
	public QueryResult {
		Objects.requireNonNull(plan, "plan");
		rows = List.copyOf(rows);
		Objects.requireNonNull(performance, "performance");
	}

	/**
	 * The plan's {@link QueryPlan#explain() explanation} followed by what its execution
	 * did: the strategy run, what was read, whether the result cache answered, and a
	 * fallback if the planned way could not be taken.
	 * @return the text, several lines
	 */
	public String explain() {
		return this.plan.explain() + "\n" + this.performance.describe();
	}

}
