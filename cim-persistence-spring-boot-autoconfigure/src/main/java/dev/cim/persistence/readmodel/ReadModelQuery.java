package dev.cim.persistence.readmodel;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

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
 * @param idPattern the ids to consider: {@code *} for all, an exact id, or a glob where
 * {@code *} matches any run of characters
 * @param filters top-level field names and the values they must equal ({@code null}
 * matches a missing or null field)
 */
public record ReadModelQuery(String idPattern, Map<String, @Nullable Object> filters) {

	private static final ReadModelQuery ALL = new ReadModelQuery("*", Map.of());

	/**
	 * Check and copy the values.
	 */
	public ReadModelQuery {
		Objects.requireNonNull(idPattern, "idPattern");
		if (idPattern.isEmpty() || idPattern.contains(".") || idPattern.contains(">")) {
			throw new IllegalArgumentException(
					"id pattern '" + idPattern + "' must be a non-empty glob without '.'" + " or '>'");
		}
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
	 * Whether the id pattern is a plain id or {@code *}, which the server can match.
	 * @return {@code true} when no client-side matching is needed
	 */
	boolean serverSidePattern() {
		return "*".equals(this.idPattern) || !this.idPattern.contains("*");
	}

	/**
	 * Whether an id matches the pattern.
	 * @param id the id
	 * @return whether it matches
	 */
	boolean matchesId(String id) {
		if ("*".equals(this.idPattern)) {
			return true;
		}
		String[] parts = this.idPattern.split("\\*", -1);
		StringBuilder regex = new StringBuilder();
		for (int i = 0; i < parts.length; i++) {
			regex.append((i > 0) ? ".*" : "").append(Pattern.quote(parts[i]));
		}
		return id.matches(regex.toString());
	}

}
