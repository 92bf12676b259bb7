package dev.cim.persistence.query;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import dev.cim.persistence.readmodel.ReadModelQuery;
import dev.cim.persistence.routing.IdPattern;
import dev.cim.persistence.routing.SubjectTokens;
import org.jspecify.annotations.Nullable;

/**
 * A query over the entries of one read-model type: an id pattern and conditions on
 * top-level fields, all of which must hold, in id order, optionally limited. The
 * equality-only form is the {@link ReadModelQuery} that
 * {@link dev.cim.persistence.readmodel.ReadModelStore#query} takes ({@link #from},
 * {@link #toReadModelQuery()}); this form adds {@code in} and a limit, and names the type
 * as text so that it can be planned without the read model's class.
 *
 * <pre class="code">
 * ReadModelWhere.of("OrderSummary").where("status", "PLACED").whereIn("region", "eu", "us").limit(50)
 * </pre>
 *
 * @param type the read-model type, a valid subject token
 * @param idPattern the ids to consider (see {@link IdPattern}): {@code *} for all
 * @param conditions the conditions, all of which must hold
 * @param limit the most entries to return, or 0 for all
 */
public record ReadModelWhere(String type, String idPattern, List<Condition> conditions, int limit) implements Query {

	/**
	 * Check and copy the values.
	 * @throws IllegalArgumentException when the type or id pattern is invalid or the
	 * limit negative
	 */
	public ReadModelWhere {
		SubjectTokens.require(type, "read model type");
		IdPattern.of(Objects.requireNonNull(idPattern, "idPattern"), "read model id");
		conditions = List.copyOf(conditions);
		Limits.require(limit);
	}

	/**
	 * Every entry of a read-model type.
	 * @param type the read-model type
	 * @return the query
	 * @throws IllegalArgumentException when the type is not a valid token
	 */
	public static ReadModelWhere of(String type) {
		return new ReadModelWhere(type, "*", List.of(), 0);
	}

	/**
	 * The query a {@link ReadModelQuery} stands for, over a read-model type.
	 * @param type the read-model type
	 * @param query its id pattern and equality filters
	 * @return the query
	 * @throws IllegalArgumentException when the type or a field is not a valid token, or
	 * a value is not text, a number, a boolean or {@code null}
	 */
	public static ReadModelWhere from(String type, ReadModelQuery query) {
		List<Condition> conditions = new ArrayList<>();
		for (Map.Entry<String, @Nullable Object> filter : query.filters().entrySet()) {
			conditions.add(Condition.equal(filter.getKey(), filter.getValue()));
		}
		return new ReadModelWhere(type, query.idPattern(), conditions, 0);
	}

	/**
	 * This query, over the ids a pattern selects.
	 * @param pattern {@code *} for all, an exact id, or a glob such as {@code o-*}
	 * @return a new query
	 */
	public ReadModelWhere id(String pattern) {
		return new ReadModelWhere(this.type, pattern, this.conditions, this.limit);
	}

	/**
	 * This query with one more condition {@code field = value}.
	 * @param field the field
	 * @param value text, a number, a boolean or {@code null}
	 * @return a new query
	 */
	public ReadModelWhere where(String field, @Nullable Object value) {
		return and(Condition.equal(field, value));
	}

	/**
	 * This query with one more condition {@code field in (values...)}.
	 * @param field the field
	 * @param values one or more values
	 * @return a new query
	 */
	public ReadModelWhere whereIn(String field, @Nullable Object... values) {
		return and(Condition.in(field, Arrays.asList(values)));
	}

	/**
	 * This query with one more condition.
	 * @param condition the condition
	 * @return a new query
	 */
	public ReadModelWhere and(Condition condition) {
		List<Condition> more = new ArrayList<>(this.conditions);
		more.add(Objects.requireNonNull(condition, "condition"));
		return new ReadModelWhere(this.type, this.idPattern, more, this.limit);
	}

	/**
	 * This query, returning at most a number of entries.
	 * @param limit the most entries, at least 1
	 * @return a new query
	 */
	public ReadModelWhere limit(int limit) {
		return new ReadModelWhere(this.type, this.idPattern, this.conditions, Limits.requirePositive(limit));
	}

	/**
	 * The id pattern, read.
	 * @return the pattern
	 */
	public IdPattern ids() {
		return IdPattern.of(this.idPattern, "read model id");
	}

	/**
	 * The same query as a {@link ReadModelQuery}, when it has only equality conditions on
	 * distinct fields and no limit.
	 * @return the query, or empty when it needs {@code in}, names a field twice or has a
	 * limit
	 */
	public Optional<ReadModelQuery> toReadModelQuery() {
		ReadModelQuery query = ReadModelQuery.idPattern(this.idPattern);
		for (Condition condition : this.conditions) {
			if (!(condition instanceof Condition.Equals equals) || query.filters().containsKey(equals.field())) {
				return Optional.empty();
			}
			query = query.where(equals.field(), equals.value());
		}
		return (this.limit == 0) ? Optional.of(query) : Optional.empty();
	}

}
