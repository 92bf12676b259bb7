package dev.cim.persistence.readmodel;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.cim.persistence.routing.IdPattern;
import org.jspecify.annotations.Nullable;

/**
 * A query over the entries of one read model: an id pattern and equality filters on
 * top-level fields. Immutable.
 *
 * <pre class="code">
 * ReadModelQuery.all().where("status", "PLACED").where("customerId", "c-1")
 * ReadModelQuery.idPattern("o-*")
 * </pre>
 *
 * @param idPattern the ids to consider: {@code *} (or {@code >}) for all, an exact id, or
 * a glob of {@code [A-Za-z0-9_-]} where {@code *} matches any run of characters (see
 * {@link IdPattern})
 * @param filters top-level field names and the values they must equal ({@code null}
 * matches a missing or null field)
 */
public record ReadModelQuery(String idPattern, Map<String, @Nullable Object> filters) {

	private static final ReadModelQuery ALL = new ReadModelQuery("*", Map.of());

	/**
	 * Check and copy the values.
	 */
	public ReadModelQuery {
		pattern(idPattern);
		filters = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(filters));
	}

	/**
	 * Every entry.
	 * @return the query
	 */
	public static ReadModelQuery all() {
		return ALL;
	}

	/**
	 * The entries whose id matches a pattern.
	 * @param pattern {@code *} for all, an exact id, or a glob such as {@code o-*}
	 * @return the query
	 */
	public static ReadModelQuery idPattern(String pattern) {
		return new ReadModelQuery(pattern, Map.of());
	}

	/**
	 * This query with one more equality filter.
	 * @param field a top-level field
	 * @param value the value it must equal
	 * @return a new query
	 */
	public ReadModelQuery where(String field, @Nullable Object value) {
		Map<String, @Nullable Object> more = new LinkedHashMap<>(this.filters);
		more.put(field, value);
		return new ReadModelQuery(this.idPattern, more);
	}

	/**
	 * The id pattern, read.
	 * @return the pattern
	 */
	IdPattern pattern() {
		return pattern(this.idPattern);
	}

	private static IdPattern pattern(String idPattern) {
		return IdPattern.of(idPattern, "read model id");
	}

}
