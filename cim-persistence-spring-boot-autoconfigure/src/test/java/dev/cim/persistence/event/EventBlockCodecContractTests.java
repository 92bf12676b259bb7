package dev.cim.persistence.event;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.cim.persistence.ipld.Cid;
import dev.cim.persistence.ipld.DagCbor;
import dev.cim.persistence.ipld.DagJson;
import dev.cim.persistence.ipld.IpldCodec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * What {@link EventBlockCodec} guarantees about the bytes it writes and the blocks it
 * reads: a first event has no {@code prev}, every later one links its predecessor, the
 * CID is over exactly the written bytes in the configured codec, and every malformed
 * field of a stored body is reported by name.
 */
class EventBlockCodecContractTests {

	private static final ObjectMapper JSON = new ObjectMapper();

	private static final EventMeta BARE_META = new EventMeta("0190f5d2-6b1e-7c3a-8f00-000000000002",
			Instant.parse("2026-11-27T05:00:00Z"), null, null, Map.of());

	private static EventBlock first() {
		return new EventBlock("OrderCreated", 1, "sales", "Order", "o-1", 1,
				JsonNodeFactory.instance.objectNode().put("customerId", "c-1"), null, BARE_META);
	}

	@ParameterizedTest
	@EnumSource(IpldCodec.class)
	void aFirstEventHasNoPrevAndItsCidIsOverTheBytesInTheConfiguredCodec(IpldCodec ipld) {
		EventBlockCodec codec = new EventBlockCodec(true, ipld);
		EncodedEvent encoded = codec.encode(first());
		Map<String, Object> map = asMap(ipld.decode(encoded.bytes()));
		assertThat(map).doesNotContainKey("prev").containsEntry("version", 1L).containsEntry("schema", 1L);
		assertThat(encoded.cid()).isEqualTo(Cid.of(ipld.code(), encoded.bytes()));
		assertThat(encoded.cid().codec()).isEqualTo(ipld.code());
		assertThat(codec.cidOf(encoded.bytes())).isEqualTo(encoded.cid());
		assertThat(EventBlockCodec.codecOf(encoded.bytes())).isEqualTo(ipld);
		assertThat(codec.codec()).isEqualTo(ipld);
		assertThat(codec.contentType()).isEqualTo(ipld.contentType());
		assertThat(codec.isContentAddressed()).isTrue();
		EventBlock decoded = codec.decode(encoded.bytes());
		assertThat(decoded).isEqualTo(first());
		assertThat(decoded.prev()).isNull();
	}

	@ParameterizedTest
	@EnumSource(IpldCodec.class)
	void aSecondEventLinksTheFirstByItsCid(IpldCodec ipld) {
		EventBlockCodec codec = new EventBlockCodec(true, ipld);
		Cid firstCid = codec.encode(first()).cid();
		EventBlock second = new EventBlock("OrderPlaced", 1, "sales", "Order", "o-1", 2,
				JsonNodeFactory.instance.objectNode(), firstCid, BARE_META);
		EncodedEvent encoded = codec.encode(second);
		Map<String, Object> map = asMap(ipld.decode(encoded.bytes()));
		assertThat(map.get("prev")).isEqualTo(firstCid);
		assertThat(codec.decode(encoded.bytes())).isEqualTo(second);
		// Either reader reads the other's bodies: a stream may hold both.
		EventBlockCodec other = new EventBlockCodec(true,
				(ipld == IpldCodec.DAG_JSON) ? IpldCodec.DAG_CBOR : IpldCodec.DAG_JSON);
		assertThat(other.decode(encoded.bytes())).isEqualTo(second);
		assertThat(other.cidOf(encoded.bytes())).isEqualTo(encoded.cid());
	}

	@Test
	void withoutContentAddressingTheBodyIsCanonicalJsonWithoutPrevOrCidWhateverTheCodec() {
		EventBlockCodec plain = new EventBlockCodec(false, IpldCodec.DAG_CBOR);
		assertThat(plain.codec()).isEqualTo(IpldCodec.DAG_JSON);
		assertThat(plain.isContentAddressed()).isFalse();
		assertThat(plain.contentType()).isEqualTo(EventBlockCodec.JSON_CONTENT_TYPE);
		EventBlock second = new EventBlock("OrderPlaced", 1, "sales", "Order", "o-1", 2,
				JsonNodeFactory.instance.objectNode(), Cid.of(Cid.DAG_JSON, new byte[] { 1 }), BARE_META);
		EncodedEvent encoded = plain.encode(second);
		assertThat(encoded.bytes()[0]).isEqualTo((byte) '{');
		assertThat(encoded.cid()).isNull();
		assertThat(plain.cidOf(encoded.bytes())).isNull();
		assertThat(asMap(DagJson.decode(encoded.bytes()))).doesNotContainKey("prev");
		assertThat(plain.decode(encoded.bytes()).prev()).isNull();
	}

	@Test
	void metaWritesOnlyTheOptionalFieldsThatAreSet() {
		EventBlockCodec codec = new EventBlockCodec(true);
		Map<String, Object> bare = meta(codec.encode(first()).bytes());
		assertThat(bare.keySet()).containsExactlyInAnyOrder("eventId", "timestamp");
		assertThat(bare.get("timestamp")).isEqualTo("2026-11-27T05:00:00Z");
		EventMeta full = new EventMeta("e-1", Instant.parse("2026-11-27T05:00:00.5Z"), "corr", "cause",
				Map.of("b", "2", "a", "1"));
		EventBlock block = new EventBlock("X", 3, "sales", "Order", "o-1", 1, JsonNodeFactory.instance.nullNode(), null,
				full);
		byte[] bytes = codec.encode(block).bytes();
		Map<String, Object> meta = meta(bytes);
		assertThat(meta).containsEntry("correlationId", "corr")
			.containsEntry("causationId", "cause")
			.containsEntry("user", Map.of("a", "1", "b", "2"))
			.containsEntry("timestamp", "2026-11-27T05:00:00.500Z");
		EventBlock decoded = codec.decode(bytes);
		assertThat(decoded.meta()).isEqualTo(full);
		assertThat(decoded.schema()).isEqualTo(3);
		assertThat(decoded.data().isNull()).isTrue();
	}

	@Test
	void aCodecOfAnEmptyOrBinaryBodyIsDagCborAndOfAJsonObjectDagJson() {
		assertThat(EventBlockCodec.codecOf(new byte[0])).isEqualTo(IpldCodec.DAG_CBOR);
		assertThat(EventBlockCodec.codecOf(new byte[] { (byte) 0xa1 })).isEqualTo(IpldCodec.DAG_CBOR);
		assertThat(EventBlockCodec.codecOf("{}".getBytes(StandardCharsets.UTF_8))).isEqualTo(IpldCodec.DAG_JSON);
		assertThat(EventBlockCodec.codecOf("[]".getBytes(StandardCharsets.UTF_8))).isEqualTo(IpldCodec.DAG_CBOR);
	}

	@Test
	void eachMalformedFieldOfAStoredBodyIsReportedByName() {
		assertRefused(Map.of(), "event field 'aggregate' is not a map");
		assertRefused(with("aggregate", "o-1"), "event field 'aggregate' is not a map");
		assertRefused(with("meta", "m"), "event field 'meta' is not a map");
		assertRefused(with("prev", "bafy"), "event field 'prev' is not a link");
		assertRefused(without("data"), "event field 'data' is missing");
		assertRefused(with("type", 7L), "event field 'type' is not a string");
		assertRefused(with("schema", "1"), "event field 'schema' is not an integer");
		assertRefused(with("schema", -4294967297L), "event field 'schema' is out of range: -4294967297");
		assertRefused(with("schema", 2147483648L), "event field 'schema' is out of range: 2147483648");
		assertRefused(with("schema", -2147483649L), "event field 'schema' is out of range: -2147483649");
		assertRefused(with("schema", -2147483648L), "event block is invalid: schema of event OrderCreated");
		assertThat(new EventBlockCodec(true).decode(DagJson.encode(with("schema", 2147483647L))).schema())
			.isEqualTo(Integer.MAX_VALUE);
		assertRefused(with("version", 1.0), "event field 'version' is not an integer");
		assertRefused(with("version", new java.math.BigInteger("18446744073709551615")),
				"event field 'version' is out of range");
		assertRefused(with("version", 0L), "event block is invalid: version of event OrderCreated must be at least 1");
		assertRefused(with("schema", 0L), "event block is invalid: schema of event OrderCreated must be at least 1");
		assertRefused(withAggregate("context", 1L), "event field 'aggregate.context' is not a string");
		assertRefused(withAggregate("type", 1L), "event field 'aggregate.type' is not a string");
		assertRefused(withAggregate("id", 1L), "event field 'aggregate.id' is not a string");
		assertRefused(withMeta("eventId", 1L), "event field 'meta.eventId' is not a string");
		assertRefused(withMeta("timestamp", 1L), "event field 'meta.timestamp' is not a string");
		assertRefused(withMeta("timestamp", "yesterday"), "event field 'meta.timestamp' is not an RFC 3339 UTC time");
		assertRefused(withMeta("correlationId", 1L), "event field 'meta.correlationId' is not a string");
		assertRefused(withMeta("causationId", 1L), "event field 'meta.causationId' is not a string");
		assertRefused(withMeta("user", "u"), "event field 'meta.user' is not a map");
		assertRefused(withMeta("user", Map.of("tenant", 1L)), "event field 'meta.user.tenant' is not a string");
		assertThatExceptionOfType(EventFormatException.class)
			.isThrownBy(() -> new EventBlockCodec(true).decode(DagCbor.encode(java.util.List.of(1L))))
			.withMessage("event field 'event' is not a map");
		assertThatExceptionOfType(EventFormatException.class)
			.isThrownBy(() -> new EventBlockCodec(true).decode("{\"a\":1,}".getBytes(StandardCharsets.UTF_8)))
			.withMessageStartingWith("event body is not canonical dag-json: ")
			.withCauseInstanceOf(dev.cim.persistence.ipld.IpldCodecException.class);
		assertThatExceptionOfType(EventFormatException.class)
			.isThrownBy(() -> new EventBlockCodec(true).decode(new byte[] { (byte) 0xff }))
			.withMessageStartingWith("event body is not canonical dag-cbor: ");
	}

	@Test
	void aBlockRefusesASchemaOrVersionBelowOne() throws Exception {
		var data = JSON.readTree("{}");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new EventBlock("X", 0, "sales", "Order", "o-1", 1, data, null, BARE_META))
			.withMessage("schema of event X must be at least 1, was 0");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new EventBlock("X", 1, "sales", "Order", "o-1", 0, data, null, BARE_META))
			.withMessage("version of event X must be at least 1, was 0");
		assertThat(new EventBlock("X", 1, "sales", "Order", "o-1", 1, data, null, BARE_META).version()).isEqualTo(1);
	}

	@Test
	void metaCopiesAndSortsTheUserMap() {
		java.util.Map<String, String> user = new java.util.HashMap<>(Map.of("b", "2"));
		EventMeta meta = new EventMeta("e", Instant.EPOCH, null, null, user);
		user.put("a", "1");
		assertThat(meta.user()).containsExactly(Map.entry("b", "2"));
		assertThatExceptionOfType(UnsupportedOperationException.class).isThrownBy(() -> meta.user().put("c", "3"));
	}

	private static Map<String, Object> valid() {
		Map<String, Object> map = new java.util.LinkedHashMap<>();
		map.put("type", "OrderCreated");
		map.put("schema", 1L);
		map.put("aggregate", new java.util.LinkedHashMap<>(Map.of("context", "sales", "type", "Order", "id", "o-1")));
		map.put("version", 1L);
		map.put("data", Map.of());
		map.put("meta", new java.util.LinkedHashMap<>(Map.of("eventId", "e-1", "timestamp", "2026-11-27T05:00:00Z")));
		return map;
	}

	private static Map<String, Object> with(String key, Object value) {
		Map<String, Object> map = valid();
		map.put(key, value);
		return map;
	}

	private static Map<String, Object> without(String key) {
		Map<String, Object> map = valid();
		map.remove(key);
		return map;
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> withAggregate(String key, Object value) {
		Map<String, Object> map = valid();
		((Map<String, Object>) map.get("aggregate")).put(key, value);
		return map;
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> withMeta(String key, Object value) {
		Map<String, Object> map = valid();
		((Map<String, Object>) map.get("meta")).put(key, value);
		return map;
	}

	private static void assertRefused(Map<String, Object> map, String message) {
		for (IpldCodec ipld : IpldCodec.values()) {
			byte[] body = ipld.encode(map);
			assertThatExceptionOfType(EventFormatException.class).as(ipld.name())
				.isThrownBy(() -> new EventBlockCodec(true, ipld).decode(body))
				.withMessageStartingWith(message);
		}
		assertThat(new EventBlockCodec(true).decode(DagCbor.encode(valid())).aggregateId()).isEqualTo("o-1");
	}

	private static Map<String, Object> meta(byte[] body) {
		return asMap(asMap(IpldCodec.DAG_JSON.decode(body)).get("meta"));
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> asMap(Object value) {
		return (Map<String, Object>) value;
	}

}
