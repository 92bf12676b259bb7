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

}
