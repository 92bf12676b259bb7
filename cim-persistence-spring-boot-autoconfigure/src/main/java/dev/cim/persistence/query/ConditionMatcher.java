package dev.cim.persistence.query;

import java.math.BigDecimal;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.TextNode;
import org.jspecify.annotations.Nullable;

/**
 * Whether a stored read-model value satisfies a query's conditions, comparing as
 * {@link dev.cim.persistence.readmodel.ReadModelStore#query} does (its field filter is
 * not public, so the rule is repeated here): numbers by numeric value, other scalars by
 * their text, {@code null} matching a missing field too, objects and arrays never equal
 * to a scalar.
 */
final class ConditionMatcher {

	private ConditionMatcher() {
	}

	static boolean matchesAll(JsonNode value, List<Condition> conditions) {
		for (Condition condition : conditions) {
			if (!matches(value, condition)) {
				return false;
			}
		}
		return true;
	}

	static boolean matches(JsonNode value, Condition condition) {
		JsonNode actual = value.get(condition.field());
		for (Object expected : condition.values()) {
			if (equal(actual, expected)) {
				return true;
			}
		}
		return false;
	}

	private static boolean equal(@Nullable JsonNode actual, @Nullable Object value) {
		if (value == null) {
			return actual == null || actual.isNull();
		}
		if (actual == null || actual.isNull()) {
			return false;
		}
		JsonNode expected = tree(value);
		if (expected.isNumber() && actual.isNumber()) {
			return actual.decimalValue().compareTo(expected.decimalValue()) == 0;
		}
		if (actual.isValueNode()) {
			return actual.asText().equals(expected.asText());
		}
		return false;
	}

	private static JsonNode tree(Object value) {
		if (value instanceof BigDecimal number) {
			return DecimalNode.valueOf(number);
		}
		if (value instanceof Boolean bool) {
			return BooleanNode.valueOf(bool);
		}
		return TextNode.valueOf(value.toString());
	}

}
