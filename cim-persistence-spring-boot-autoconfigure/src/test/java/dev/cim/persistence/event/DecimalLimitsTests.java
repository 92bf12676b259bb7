package dev.cim.persistence.event;

import java.math.BigDecimal;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Decimals with huge exponents, such as {@code 1e-10000000}, are refused by the store's
 * mappers and by the conversion to the data model before anything computes with them.
 */
class DecimalLimitsTests {

	private static final List<ObjectMapper> MAPPERS = List.of(StoreObjectMappers.forEvents(),
			StoreObjectMappers.forState());

	@Test
	void aDecimalStringWithAHugeExponentIsRefusedByTheStoreMappers() {
		for (ObjectMapper mapper : MAPPERS) {
			assertThatExceptionOfType(InvalidFormatException.class)
				.isThrownBy(() -> mapper.readValue("{\"price\":\"1e-10000000\"}", Priced.class))
				.withMessageContaining("scale 10000000, out of range");
			assertThatExceptionOfType(InvalidFormatException.class)
				.isThrownBy(() -> mapper.readValue("{\"price\":\"1E+10000000\"}", Priced.class))
				.withMessageContaining("scale -10000000, out of range");
		}
	}

	@Test
	void aDecimalNumberWithAHugeExponentIsRefusedByTheStoreMappers() {
		for (ObjectMapper mapper : MAPPERS) {
			assertThatExceptionOfType(InvalidFormatException.class)
				.isThrownBy(() -> mapper.readValue("{\"price\":1e-10000000}", Priced.class))
				.withMessageContaining("scale 10000000, out of range");
		}
	}

	@Test
	void aStoredEventWhoseDecimalHasAHugeExponentIsRefusedWhenItIsRead() {
		ObjectNode data = JsonNodeFactory.instance.objectNode().put("price", "1e-10000000");
		assertThatExceptionOfType(InvalidFormatException.class)
			.isThrownBy(() -> StoreObjectMappers.forEvents().treeToValue(data, Priced.class))
			.withMessageContaining("scale 10000000, out of range");
	}

	@Test
	void decimalTextIsBoundedBeforeItIsParsed() {
		String digits = "0." + "1".repeat(1 << 20);
		for (ObjectMapper mapper : MAPPERS) {
			assertThatExceptionOfType(InvalidFormatException.class)
				.isThrownBy(() -> mapper.readValue("{\"price\":\"" + digits + "\"}", Priced.class))
				.withMessageContaining("from a string of " + digits.length() + " characters");
			assertThatExceptionOfType(JsonProcessingException.class)
				.isThrownBy(() -> mapper.readValue("{\"price\":" + digits + "}", Priced.class))
				.withMessageContaining("Number value length");
			assertThatExceptionOfType(InvalidFormatException.class)
				.isThrownBy(() -> mapper.readValue("{\"price\":\"1e-99999999999\"}", Priced.class));
		}
	}

	@Test
	void decimalsWithinTheLimitsReadBackExactly() throws Exception {
		for (ObjectMapper mapper : MAPPERS) {
			for (String text : List.of("9.99", "-0.010", "1E-1000", "1E+1000", "4.9E-324", "1.7976931348623157E+308",
					"0." + "3".repeat(999))) {
				Priced priced = mapper.readValue("{\"price\":\"" + text + "\"}", Priced.class);
				assertThat(priced.price).isEqualTo(new BigDecimal(text));
			}
			assertThatExceptionOfType(InvalidFormatException.class)
				.isThrownBy(() -> mapper.readValue("{\"price\":\"1E-1001\"}", Priced.class));
			assertThatExceptionOfType(InvalidFormatException.class)
				.isThrownBy(() -> mapper.readValue("{\"price\":\"" + "3".repeat(1001) + "\"}", Priced.class))
				.withMessageContaining("more than 1000 significant digits");
		}
	}

	@Test
	void aDecimalWithAHugeExponentIsRefusedBeforeItIsWrittenOut() {
		ObjectNode data = JsonNodeFactory.instance.objectNode();
		data.putObject("line").put("price", new BigDecimal("1e-10000000"));
		assertThatIllegalArgumentException().isThrownBy(() -> DataModelTrees.toDataModel(data, "data"))
			.withMessageContaining("data.line.price is a decimal of scale 10000000, out of range");
		ObjectNode ordinary = JsonNodeFactory.instance.objectNode().put("price", new BigDecimal("9.990"));
		assertThat(DataModelTrees.toDataModel(ordinary, "data")).isEqualTo(java.util.Map.of("price", "9.990"));
	}

	@Test
	void treesOfTheStoreMappersRefuseADecimalWithAHugeExponent() {
		for (ObjectMapper mapper : MAPPERS) {
			assertThatIllegalArgumentException().isThrownBy(() -> mapper.readTree("{\"price\":1e-10000000}"))
				.withMessageContaining("a number is a decimal of scale 10000000, out of range");
			Priced priced = new Priced();
			priced.price = new BigDecimal("1e-10000000");
			assertThatIllegalArgumentException().isThrownBy(() -> mapper.valueToTree(priced))
				.withMessageContaining("a number is a decimal of scale 10000000, out of range");
			assertThat(mapper.valueToTree(new Priced()).get("price").decimalValue()).isEqualByComparingTo("0");
		}
	}

	static class Priced {

		public BigDecimal price = BigDecimal.ZERO;

	}

}
