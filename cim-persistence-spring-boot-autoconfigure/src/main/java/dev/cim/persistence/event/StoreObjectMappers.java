package dev.cim.persistence.event;

import java.math.BigDecimal;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * Builds the store's own Jackson {@link ObjectMapper}, configured for exactness and
 * independent of the application's JSON setup: decimals stay {@code BigDecimal} (and are
 * stored as strings) and are refused outside {@link DecimalLimits} before they are used,
 * numbers are read from at most a thousand or so characters, {@code java.time} values are
 * ISO-8601 strings, aggregate state is read and written through fields.
 */
public final class StoreObjectMappers {

	/**
	 * What a parser of the store reads: numbers of at most
	 * {@link BoundedBigDecimalDeserializer#MAX_TEXT_LENGTH} characters, and a little more
	 * nesting than an IPLD block may have, so that any event's data reads back.
	 */
	static final StreamReadConstraints READ_CONSTRAINTS = StreamReadConstraints.builder()
		.maxNumberLength(BoundedBigDecimalDeserializer.MAX_TEXT_LENGTH)
		.maxNestingDepth(1000)
		.build();

	private StoreObjectMappers() {
	}

	/**
	 * A new mapper for event payloads.
	 * @return the mapper
	 */
	public static ObjectMapper forEvents() {
		return base().build();
	}

	/**
	 * A new mapper for aggregate state: fields only, whatever their visibility, so the
	 * state of an aggregate needs no getters or setters.
	 * @return the mapper
	 */
	public static ObjectMapper forState() {
		return base().visibility(PropertyAccessor.ALL, JsonAutoDetect.Visibility.NONE)
			.visibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY)
			.visibility(PropertyAccessor.CREATOR, JsonAutoDetect.Visibility.ANY)
			.build();
	}

	private static JsonMapper.Builder base() {
		JsonFactory factory = JsonFactory.builder().streamReadConstraints(READ_CONSTRAINTS).build();
		return JsonMapper.builder(factory)
			.addModule(new JavaTimeModule())
			.addModule(new SimpleModule("cim-decimal-limits").addDeserializer(BigDecimal.class,
					new BoundedBigDecimalDeserializer()))
			.nodeFactory(new BoundedNodeFactory())
			.enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
			.enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS)
			.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
			.disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
			.disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
			.disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES);
	}

}
