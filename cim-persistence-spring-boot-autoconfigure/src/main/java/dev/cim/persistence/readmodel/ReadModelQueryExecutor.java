package dev.cim.persistence.readmodel;

import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Answers the queries of a {@link ReadModelStore} in its place, for example through a
 * query optimizer that reads a secondary index or only the keys an id pattern names
 * instead of every entry. Whatever it answers must be what the store itself would answer:
 * the entries of the type's active version that match, ordered by id.
 */
@FunctionalInterface
public interface ReadModelQueryExecutor {

	/**
	 * The entries of the active version of a read-model type that match a query.
	 * @param type the read-model type
	 * @param query the id pattern and field filters
	 * @return the matching entries as stored, ordered by id; empty when this executor
	 * does not answer the query, and the store reads the entries itself
	 * @throws org.springframework.dao.DataAccessException when the store cannot be read
	 */
	Optional<List<ReadModelEntry<JsonNode>>> query(String type, ReadModelQuery query);

}
