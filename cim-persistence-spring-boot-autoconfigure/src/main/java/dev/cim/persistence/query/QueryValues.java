package dev.cim.persistence.query;

import java.math.BigDecimal;
import java.math.BigInteger;

import org.jspecify.annotations.Nullable;

/**
 * The values a condition compares with, in one normal form so that equal values are equal
 * objects: text as {@link String}, numbers as {@link BigDecimal} without trailing zeros,
 * {@link Boolean}, and {@code null}. Comparison with a stored field is by numeric value
 * for numbers and by text for other scalars, as read-model queries compare.
 */
final class QueryValues {

	private QueryValues() {
	}

	static @Nullable Object normalize(@Nullable Object value) {
		if (value == null || value instanceof String || value instanceof Boolean) {
			return value;
		}
		if (value instanceof BigDecimal decimal) {
			return decimal.stripTrailingZeros();
		}
		if (value instanceof BigInteger integer) {
			return new BigDecimal(integer).stripTrailingZeros();
		}
		if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
			return BigDecimal.valueOf(((Number) value).longValue()).stripTrailingZeros();
		}
		if (value instanceof Double || value instanceof Float) {
			double number = ((Number) value).doubleValue();
			if (Double.isNaN(number) || Double.isInfinite(number)) {
				throw new IllegalArgumentException("a query value must be a finite number, was " + number);
			}
			return new BigDecimal(Double.toString(number)).stripTrailingZeros();
		}
		if (value instanceof CharSequence || value instanceof Enum<?> || value instanceof Character) {
			return value.toString();
		}
		throw new IllegalArgumentException(
				"a query value must be text, a number, a boolean or null, was a " + value.getClass().getName());
	}

}
