package dev.cim.persistence.query;

import java.util.Locale;

/**
 * What a query reads, as a low-cardinality name for meters and logs.
 */
public enum QueryTarget {

	/** A {@link SubjectQuery} over the events stream. */
	EVENTS,

	/** A {@link ReadModelWhere} over the read-model bucket. */
	READ_MODEL,

	/** An {@link AggregateQuery} over the aggregate state stream. */
	AGGREGATE;

	/**
	 * The target of a query.
	 * @param query the query
	 * @return what it reads
	 */
	public static QueryTarget of(Query query) {
		if (query instanceof SubjectQuery) {
			return EVENTS;
		}
		return (query instanceof AggregateQuery) ? AGGREGATE : READ_MODEL;
	}

	/**
	 * The name used as a meter tag: {@code events}, {@code readmodel} or
	 * {@code aggregate}.
	 * @return the name
	 */
	public String tagValue() {
		return name().replace("_", "").toLowerCase(Locale.ROOT);
	}

}
