package dev.cim.persistence.readmodel;

import com.fasterxml.jackson.databind.JsonNode;
import org.jspecify.annotations.Nullable;

/**
 * Equality of a top-level field of a stored value with a value given in a query (as a
 * tree): numbers by numeric value, other scalars by their text, {@code null} matching a
 * missing field too, objects and arrays by structure.
 */
final class FieldFilter {

	private FieldFilter() {
	}

	static boolean matches(@Nullable JsonNode value, String field, JsonNode expected) {
		JsonNode actual = (value != null) ? value.get(field) : null;
		if (expected.isNull()) {
			return actual == null || actual.isNull();
		}
		if (actual == null || actual.isNull()) {
			return false;
		}
		if (expected.isNumber() && actual.isNumber()) {
			return actual.decimalValue().compareTo(expected.decimalValue()) == 0;
		}
		if (expected.isValueNode() && actual.isValueNode()) {
			return actual.asText().equals(expected.asText());
		}
		return actual.equals(expected);
	}

}
