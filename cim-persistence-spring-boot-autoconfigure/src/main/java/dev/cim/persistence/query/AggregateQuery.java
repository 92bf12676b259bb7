package dev.cim.persistence.query;

import java.util.Objects;

import dev.cim.persistence.routing.IdPattern;
import dev.cim.persistence.routing.SubjectTokens;

/**
 * A query for the newest states of the aggregates of one type whose ids match a pattern,
 * as the aggregate state stream holds them, in stream order, optionally limited.
 *
 * <pre class="code">
 * AggregateQuery.of("sales", "Order", "o-*")
 * </pre>
 *
 * @param context the bounded context, a valid subject token
 * @param type the aggregate type, a valid subject token
 * @param idPattern the ids (see {@link IdPattern}): {@code *} for all
 * @param limit the most states to return, or 0 for all
 */
public record AggregateQuery(String context, String type, String idPattern, int limit) implements Query {

	/**
	 * Check the values.
	 * @throws IllegalArgumentException when a token or the id pattern is invalid or the
	 * limit negative
	 */
	public AggregateQuery {
		SubjectTokens.require(context, "context");
		SubjectTokens.require(type, "aggregate type");
		IdPattern.of(Objects.requireNonNull(idPattern, "idPattern"), "aggregate id");
		Limits.require(limit);
	}

	/**
	 * The newest states of the aggregates whose ids match a pattern.
	 * @param context the bounded context
	 * @param type the aggregate type
	 * @param idPattern {@code *} for all, an exact id, or a glob such as {@code o-*}
	 * @return the query
	 * @throws IllegalArgumentException when a token or the pattern is invalid
	 */
	public static AggregateQuery of(String context, String type, String idPattern) {
		return new AggregateQuery(context, type, idPattern, 0);
	}

	/**
	 * This query, returning at most a number of states.
	 * @param limit the most states, at least 1
	 * @return a new query
	 */
	public AggregateQuery limit(int limit) {
		return new AggregateQuery(this.context, this.type, this.idPattern, Limits.requirePositive(limit));
	}

	/**
	 * The id pattern, read.
	 * @return the pattern
	 */
	public IdPattern ids() {
		return IdPattern.of(this.idPattern, "aggregate id");
	}

}
