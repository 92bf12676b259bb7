package dev.cim.persistence.query;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

import dev.cim.persistence.routing.SubjectTokens;
import org.jspecify.annotations.Nullable;

/**
 * A condition on a top-level field of a read model: {@code field = value} or
 * {@code field in (v1, v2, ...)}. Values are text, numbers, booleans or {@code null};
 * numbers are kept as {@link java.math.BigDecimal} without trailing zeros and compared
 * with stored numbers by value, other scalars by their text, and {@code null} matches a
 * missing field too.
 */
public sealed interface Condition permits Condition.Equals, Condition.In {

	/**
	 * The field the condition is on.
	 * @return a valid subject token (so an index can be keyed by it)
	 */
	String field();

	/**
	 * The values the field may have.
	 * @return one value for {@link Equals}, one or more for {@link In}
	 */
	List<@Nullable Object> values();

	/**
	 * {@code field = value}.
	 * @param field the field, a valid subject token
	 * @param value text, a number, a boolean or {@code null}
	 * @return the condition
	 * @throws IllegalArgumentException when the field is not a valid token or the value
	 * of another kind
	 */
	static Equals equal(String field, @Nullable Object value) {
		return new Equals(field, value);
	}

	/**
	 * {@code field in (values...)}.
	 * @param field the field, a valid subject token
	 * @param values one or more values: text, numbers, booleans or {@code null}
	 * @return the condition
	 * @throws IllegalArgumentException when the field is not a valid token, there is no
	 * value, or a value is of another kind
	 */
	static In in(String field, List<? extends @Nullable Object> values) {
		return new In(field, new ArrayList<@Nullable Object>(values));
	}

	/**
	 * {@code field = value}.
	 *
	 * @param field the field
	 * @param value the value it must equal
	 */
	record Equals(String field, @Nullable Object value) implements Condition {

		/**
		 * Check and normalize the values.
		 */
		public Equals {
			SubjectTokens.require(field, "field");
			value = QueryValues.normalize(value);
		}

		@Override
		public List<@Nullable Object> values() {
			return Collections.singletonList(this.value);
		}

	}

	/**
	 * {@code field in (values...)}.
	 *
	 * @param field the field
	 * @param values the values it may equal, one or more
	 */
	record In(String field, List<@Nullable Object> values) implements Condition {

		/**
		 * Check, normalize and copy the values.
		 */
		public In {
			SubjectTokens.require(field, "field");
			Objects.requireNonNull(values, "values");
			if (values.isEmpty()) {
				throw new IllegalArgumentException("'" + field + " in (...)' needs at least one value");
			}
			List<@Nullable Object> normalized = new ArrayList<>(values.size());
			for (Object value : values) {
				normalized.add(QueryValues.normalize(value));
			}
			values = Collections.unmodifiableList(normalized);
		}

	}

}
