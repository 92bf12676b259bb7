package dev.cim.persistence.query;

import java.math.BigDecimal;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.cim.persistence.readmodel.StoredReadModels;
import org.jspecify.annotations.Nullable;

/**
 * Whether a stored read-model value satisfies a query's conditions, each value compared
 * by {@link StoredReadModels#fieldEquals} as
 * {@link dev.cim.persistence.readmodel.ReadModelStore#query} compares it: numbers by
 * numeric value, other scalars by their text, {@code null} matching a missing field too,
 * objects and arrays never equal to a scalar.
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
		for (Object expected : condition.values()) {
			if (StoredReadModels.fieldEquals(value, condition.field(), tree(expected))) {
				return true;
			}
		}
		return false;
	}

	private static JsonNode tree(@Nullable Object value) {
		if (value == null) {
			return NullNode.getInstance();
		}
		if (value instanceof BigDecimal number) {
			return DecimalNode.valueOf(number);
		}
		if (value instanceof Boolean bool) {
			return BooleanNode.valueOf(bool);
		}
		return TextNode.valueOf(value.toString());
	}

}
