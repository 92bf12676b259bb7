package dev.cim.persistence.event;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cim.persistence.ipld.Cid;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * {@link DataModelTrees}: every kind of Jackson value maps to the IPLD data model and
 * back exactly, and what the model cannot hold is refused with its path.
 */
class DataModelTreesTests {

	private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

	@Test
	void everyKindOfValueMapsToItsDataModelValue() {
		ObjectNode tree = NODES.objectNode();
		tree.putNull("null");
		tree.put("true", true);
		tree.put("false", false);
		tree.put("text", "t");
		tree.put("int", 7);
		tree.put("long", Long.MIN_VALUE);
		tree.put("big", new BigInteger("18446744073709551615"));
		tree.put("decimal", new BigDecimal("1.50"));
		tree.put("double", 0.25);
		tree.put("bytes", new byte[] { 1, 2 });
		tree.putArray("list").add(1).add("two");
		Map<?, ?> map = (Map<?, ?>) DataModelTrees.toDataModel(tree, "data");
		assertThat(map.get("null")).isNull();
		assertThat(map.containsKey("null")).isTrue();
		assertThat(map.get("true")).isEqualTo(true);
		assertThat(map.get("false")).isEqualTo(false);
		assertThat(map.get("text")).isEqualTo("t");
		assertThat(map.get("int")).isEqualTo(7L);
		assertThat(map.get("long")).isEqualTo(Long.MIN_VALUE);
		assertThat(map.get("big")).isEqualTo(new BigInteger("18446744073709551615"));
		assertThat(map.get("decimal")).isEqualTo("1.50");
		assertThat(map.get("double")).isEqualTo(0.25);
		assertThat((byte[]) map.get("bytes")).containsExactly(1, 2);
		assertThat(map.get("list")).isEqualTo(List.of(1L, "two"));
		assertThat(DataModelTrees.toDataModel(NODES.missingNode(), "data")).isNull();
	}

	@Test
	void nonFiniteFloatsAndPojosAreRefusedWithTheirPath() {
		ObjectNode tree = NODES.objectNode();
		tree.putArray("list").add(1).add(Double.POSITIVE_INFINITY);
		assertThatIllegalArgumentException().isThrownBy(() -> DataModelTrees.toDataModel(tree, "data"))
			.withMessage("data.list[1] is Infinity, which an event cannot hold");
		ObjectNode pojo = NODES.objectNode();
		pojo.putPOJO("p", new Object());
		assertThatIllegalArgumentException().isThrownBy(() -> DataModelTrees.toDataModel(pojo, "data"))
			.withMessage("data.p holds a POJO value, which cannot be stored in an event");
		ObjectNode huge = NODES.objectNode().put("d", new BigDecimal("1e-10000000"));
		assertThatIllegalArgumentException().isThrownBy(() -> DataModelTrees.toDataModel(huge, "data"))
			.withMessageContaining("data.d");
	}

	@Test
	void everyDataModelValueMapsBackToItsTree() {
		Cid cid = Cid.of(Cid.DAG_JSON, new byte[] { 9 });
		Map<String, Object> map = new java.util.LinkedHashMap<>();
		map.put("null", null);
		map.put("bool", true);
		map.put("text", "t");
		map.put("long", 5L);
		map.put("int", 6);
		map.put("big", new BigInteger("18446744073709551615"));
		map.put("double", 0.5);
		map.put("bytes", new byte[] { 3 });
		map.put("link", cid);
		map.put("list", Arrays.asList(1L, null));
		JsonNode tree = DataModelTrees.toTree(map);
		assertThat(tree.get("null").isNull()).isTrue();
		assertThat(tree.get("bool").booleanValue()).isTrue();
		assertThat(tree.get("text").textValue()).isEqualTo("t");
		assertThat(tree.get("long").isLong()).isTrue();
		assertThat(tree.get("long").longValue()).isEqualTo(5L);
		assertThat(tree.get("int").isLong()).isTrue();
		assertThat(tree.get("int").longValue()).isEqualTo(6L);
		assertThat(tree.get("big").bigIntegerValue()).isEqualTo(new BigInteger("18446744073709551615"));
		assertThat(tree.get("double").isDouble()).isTrue();
		assertThat(tree.get("double").doubleValue()).isEqualTo(0.5);
		assertThat(tree.get("bytes").isBinary()).isTrue();
		assertThat(tree.get("link").get("/").textValue()).isEqualTo(cid.toString());
		assertThat(tree.get("list").size()).isEqualTo(2);
		assertThat(tree.get("list").get(1).isNull()).isTrue();
		assertThat(DataModelTrees.toTree(null).isNull()).isTrue();
		assertThat(DataModelTrees.toTree(Map.of(1, "x")).get("1").textValue()).isEqualTo("x");
		assertThatIllegalArgumentException().isThrownBy(() -> DataModelTrees.toTree(new Object()))
			.withMessage("not a value of the IPLD data model: java.lang.Object");
	}

	@Test
	void aUuidV7CarriesTheMillisecondsInItsFirst48BitsAndRandomBitsElsewhere() {
		java.time.Clock clock = java.time.Clock.fixed(java.time.Instant.ofEpochMilli(0x1_0000_0000_0001L),
				java.time.ZoneOffset.UTC);
		java.util.UUID first = UuidV7.next(clock);
		java.util.UUID second = UuidV7.next(clock);
		assertThat(first.getMostSignificantBits() >>> 16).isEqualTo(0x0000_0000_0001L);
		assertThat(first.version()).isEqualTo(7);
		assertThat(first.variant()).isEqualTo(2);
		assertThat(first).isNotEqualTo(second);
		assertThat(UuidV7.next().version()).isEqualTo(7);
	}

	@Test
	void decimalsAreWithinTheLimitsUpToTheirExactEdges() {
		assertThat(DecimalLimits.problem(new BigDecimal(BigInteger.ONE, 1000))).isNull();
		assertThat(DecimalLimits.problem(new BigDecimal(BigInteger.ONE, -1000))).isNull();
		assertThat(DecimalLimits.problem(new BigDecimal(BigInteger.ONE, 1001)))
			.isEqualTo("a decimal of scale 1001, out of range: the store accepts scales from -1000 to 1000");
		assertThat(DecimalLimits.problem(new BigDecimal(BigInteger.ONE, -1001)))
			.isEqualTo("a decimal of scale -1001, out of range: the store accepts scales from -1000 to 1000");
		assertThat(DecimalLimits.problem(new BigDecimal("9".repeat(1000)))).isNull();
		assertThat(DecimalLimits.problem(new BigDecimal("9".repeat(1001))))
			.isEqualTo("a decimal of more than 1000 significant digits, out of range");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> DecimalLimits.check(new BigDecimal(BigInteger.ONE, 1001), "data.price"))
			.withMessageStartingWith("data.price is a decimal of scale 1001");
	}

}
