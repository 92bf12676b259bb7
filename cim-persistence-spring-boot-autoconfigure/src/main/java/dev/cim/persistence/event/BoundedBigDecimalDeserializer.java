package dev.cim.persistence.event;

import java.io.IOException;
import java.math.BigDecimal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.NumberDeserializers;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;

/**
 * Reads a {@link BigDecimal} as Jackson does, from a number or a string, and refuses one
 * outside {@link DecimalLimits} before the application can compute with it. The text of a
 * string is bounded before it is parsed.
 */
final class BoundedBigDecimalDeserializer extends NumberDeserializers.BigDecimalDeserializer {

	private static final long serialVersionUID = 1L;

	/**
	 * The longest text read as a decimal: every decimal within the limits has a shorter
	 * scientific form.
	 */
	static final int MAX_TEXT_LENGTH = DecimalLimits.MAX_PRECISION + 16;

	@Override
	public BigDecimal deserialize(JsonParser parser, DeserializationContext context) throws IOException {
		if (parser.hasToken(JsonToken.VALUE_STRING) && parser.getTextLength() > MAX_TEXT_LENGTH) {
			throw InvalidFormatException.from(parser, "Cannot read a decimal from a string of " + parser.getTextLength()
					+ " characters: at most " + MAX_TEXT_LENGTH + " are accepted", "", BigDecimal.class);
		}
		BigDecimal value = super.deserialize(parser, context);
		String problem = (value != null) ? DecimalLimits.problem(value) : null;
		if (problem != null) {
			throw InvalidFormatException.from(parser, "Cannot accept " + problem, value, BigDecimal.class);
		}
		return value;
	}

}
