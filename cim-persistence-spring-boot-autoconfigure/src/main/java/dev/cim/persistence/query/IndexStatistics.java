package dev.cim.persistence.query;

import dev.cim.persistence.routing.SubjectTokens;

/**
 * What is known about a secondary index on one field of a read-model type.
 *
 * @param field the indexed field
 * @param entries how many index entries there are, or -1 when unknown
 * @param distinctValues how many distinct values the field has, or -1 when unknown (then
 * the planner assumes {@value CostModel#DEFAULT_EQUALITY_SELECTIVITY} of the entries
 * match one value)
 */
public record IndexStatistics(String field, long entries, long distinctValues) {

	/**
	 * Check the values.
	 */
	public IndexStatistics {
		SubjectTokens.require(field, "indexed field");
		if (entries < -1 || distinctValues < -1) {
			throw new IllegalArgumentException("index counts must be at least 0 (-1 for unknown)");
		}
	}

	/**
	 * An index of which nothing but its existence is known.
	 * @param field the indexed field
	 * @return the statistics
	 */
	public static IndexStatistics of(String field) {
		return new IndexStatistics(field, -1, -1);
	}

}
