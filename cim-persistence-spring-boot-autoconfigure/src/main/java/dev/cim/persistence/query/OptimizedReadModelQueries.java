package dev.cim.persistence.query;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cim.persistence.readmodel.ReadModelEntry;
import dev.cim.persistence.readmodel.ReadModelQuery;
import dev.cim.persistence.readmodel.ReadModelQueryExecutor;

/**
 * Answers a {@link dev.cim.persistence.readmodel.ReadModelStore}'s queries through the
 * {@link QueryOptimizer}, so that {@code ReadModelStore.query} and {@code findAll} use an
 * index, the keys an id pattern names, or the result cache where the optimizer finds one
 * cheaper than reading every entry. A query the optimizer's language cannot express (a
 * filter value other than text, a number, a boolean or {@code null}) is left to the
 * store.
 */
public final class OptimizedReadModelQueries implements ReadModelQueryExecutor {

	private final QueryOptimizer optimizer;

	/**
	 * Answer through an optimizer.
	 * @param optimizer the optimizer
	 */
	public OptimizedReadModelQueries(QueryOptimizer optimizer) {
		this.optimizer = optimizer;
	}

	@Override
	public Optional<List<ReadModelEntry<JsonNode>>> query(String type, ReadModelQuery query) {
		ReadModelWhere where;
		try {
			where = ReadModelWhere.from(type, query);
		}
		catch (IllegalArgumentException ex) {
			return Optional.empty();
		}
		QueryResult result = this.optimizer.execute(where, QueryHint.none());
		return Optional.of(result.rows()
			.stream()
			.map(QueryRow.ReadModelRow.class::cast)
			.map((row) -> new ReadModelEntry<>(row.id(), row.value(), row.metadata()))
			.sorted(Comparator.comparing(ReadModelEntry::id))
			.toList());
	}

}
