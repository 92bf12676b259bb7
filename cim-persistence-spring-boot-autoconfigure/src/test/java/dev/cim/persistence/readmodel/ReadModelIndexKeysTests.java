package dev.cim.persistence.readmodel;

import java.math.BigDecimal;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import dev.cim.persistence.event.StoreObjectMappers;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * {@link ReadModelIndexKeys}: the layout of index keys and the encoding of values into
 * key tokens.
 */
class ReadModelIndexKeysTests {

	private static final ObjectMapper JSON = StoreObjectMappers.forEvents();

	private static final List<String> AWKWARD = List.of("", " ", "a.b", "a b", "*", ">", "a.*.>", "Zoë 東京 🚀",
			"\u0000\t\n", "x".repeat(96), "y".repeat(97), "é".repeat(48), "z".repeat(10 * 1024));

	@Test
	void everyTextBecomesOneShortKeyToken() {
		Set<String> tokens = new HashSet<>();
		for (String text : AWKWARD) {
			String token = ReadModelIndexKeys.tokenOf(JSON.valueToTree(text));
			assertThat(token).as(text).matches("[A-Za-z0-9_-]+").hasSizeLessThanOrEqualTo(129);
			tokens.add(token);
		}
		assertThat(tokens).as("distinct texts, distinct tokens").hasSameSizeAs(AWKWARD);
	}

	@Test
	void shortTextsAreEncodedLongOnesHashed() {
		assertThat(ReadModelIndexKeys.encode("")).isEqualTo("v");
		assertThat(ReadModelIndexKeys.encode("PLACED")).isEqualTo("vUExBQ0VE");
		assertThat(ReadModelIndexKeys.encode("x".repeat(96))).startsWith("v");
		assertThat(ReadModelIndexKeys.encode("x".repeat(97))).startsWith("h").hasSize(44);
	}

	@Test
	void missingAndNullFieldsShareTheNullToken() {
		assertThat(ReadModelIndexKeys.tokenOf(null)).isEqualTo(ReadModelIndexKeys.NULL_TOKEN);
		assertThat(ReadModelIndexKeys.tokenOf(NullNode.getInstance())).isEqualTo(ReadModelIndexKeys.NULL_TOKEN);
		assertThat(ReadModelIndexKeys.tokenOf(JSON.valueToTree("null"))).isNotEqualTo(ReadModelIndexKeys.NULL_TOKEN);
		assertThat(ReadModelIndexKeys.lookupTokens(NullNode.getInstance()))
			.containsExactly(ReadModelIndexKeys.NULL_TOKEN);
	}

	@Test
	void equalNumbersShareOneToken() {
		String one = ReadModelIndexKeys.tokenOf(JSON.valueToTree(1));
		assertThat(ReadModelIndexKeys.tokenOf(JSON.valueToTree(new BigDecimal("1.00")))).isEqualTo(one);
		assertThat(ReadModelIndexKeys.tokenOf(JSON.valueToTree(1.0d))).isEqualTo(one);
		assertThat(ReadModelIndexKeys.tokenOf(JSON.valueToTree(1L))).isEqualTo(one);
		assertThat(ReadModelIndexKeys.tokenOf(JSON.valueToTree(0)))
			.isEqualTo(ReadModelIndexKeys.tokenOf(JSON.valueToTree(new BigDecimal("0.000"))));
		assertThat(ReadModelIndexKeys.tokenOf(JSON.valueToTree(2))).isNotEqualTo(one);
	}

	@Test
	void aLookupFindsEveryTokenAMatchingValueMayBeStoredUnder() {
		JsonNode numberTen = JSON.valueToTree(10);
		JsonNode textTen = JSON.valueToTree("10");
		JsonNode textTenPointZero = JSON.valueToTree("10.0");
		// A query compares a string with a number by text, numbers by value.
		assertThat(ReadModelIndexKeys.lookupTokens(textTen)).contains(ReadModelIndexKeys.tokenOf(numberTen),
				ReadModelIndexKeys.tokenOf(textTen));
		assertThat(ReadModelIndexKeys.lookupTokens(numberTen)).contains(ReadModelIndexKeys.tokenOf(numberTen),
				ReadModelIndexKeys.tokenOf(textTen));
		assertThat(ReadModelIndexKeys.lookupTokens(JSON.valueToTree(new BigDecimal("10.0"))))
			.contains(ReadModelIndexKeys.tokenOf(textTenPointZero), ReadModelIndexKeys.tokenOf(numberTen));
		assertThat(ReadModelIndexKeys.lookupTokens(JSON.valueToTree("PLACED")))
			.containsExactly(ReadModelIndexKeys.encode("PLACED"));
		assertThat(ReadModelIndexKeys.lookupTokens(JSON.valueToTree(true)))
			.containsExactly(ReadModelIndexKeys.encode("true"));
	}

	@Test
	void aLookupOfAnObjectOrArrayIsRefused() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> ReadModelIndexKeys.lookupTokens(JSON.valueToTree(List.of(1))));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> ReadModelIndexKeys.lookupTokens(JSON.createObjectNode().put("a", 1)));
	}

	@Test
	void keysFollowTheLayout() {
		String key = ReadModelIndexKeys.entry("OrderSummary", "v2-r1", "status", "vUExBQ0VE", "o-1");
		assertThat(key).isEqualTo("OrderSummary.v2-r1.status.vUExBQ0VE.o-1");
		assertThat(ReadModelIndexKeys.idOf(key)).isEqualTo("o-1");
		assertThat(ReadModelIndexKeys.valueFilter("OrderSummary", "v2-r1", "status", "vUExBQ0VE"))
			.isEqualTo("OrderSummary.v2-r1.status.vUExBQ0VE.*");
		assertThat(ReadModelIndexKeys.slotFilter("OrderSummary", "v2")).isEqualTo("OrderSummary.v2.>");
		assertThat(ReadModelIndexKeys.registry("OrderSummary", "v2")).isEqualTo("OrderSummary.v2");
	}

}
