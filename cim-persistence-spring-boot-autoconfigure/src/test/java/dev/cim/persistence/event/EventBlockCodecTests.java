package dev.cim.persistence.event;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cim.persistence.ipld.Cid;
import dev.cim.persistence.ipld.IpldCodec;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class EventBlockCodecTests {

	private static final ObjectMapper JSON = new ObjectMapper();

	private static final EventMeta META = new EventMeta("0190f5d2-6b1e-7c3a-8f00-000000000001",
			Instant.parse("2026-11-27T05:00:00.123Z"), "corr-1", null, Map.of("tenant", "t-1"));

	private final EventBlockCodec codec = new EventBlockCodec(true);

	@Test
	void encodesTheDesignedMapCanonically() throws Exception {
		EventBlock block = new EventBlock("OrderCreated", 1, "sales", "Order", "o-1", 1,
				JSON.readTree("{\"customerId\":\"c-1\"}"), null, META);
		String body = new String(this.codec.encode(block).bytes(), StandardCharsets.UTF_8);
		assertThat(body).isEqualTo("{\"aggregate\":{\"context\":\"sales\",\"id\":\"o-1\",\"type\":\"Order\"},"
				+ "\"data\":{\"customerId\":\"c-1\"},\"meta\":{\"correlationId\":\"corr-1\","
				+ "\"eventId\":\"0190f5d2-6b1e-7c3a-8f00-000000000001\",\"timestamp\":\"2026-11-27T05:00:00.123Z\","
				+ "\"user\":{\"tenant\":\"t-1\"}},\"schema\":1,\"type\":\"OrderCreated\",\"version\":1}");
	}

	@Test
	void roundTripsWithALinkAndExactNumbers() {
		ObjectNode data = JsonNodeFactory.instance.objectNode();
		data.put("price", new BigDecimal("19.990"));
		data.put("big", new BigInteger("18446744073709551615"));
		data.put("negative", -42L);
		data.put("ratio", 0.1);
		data.putArray("tags").add("a").add("\u00e9\u4e2d");
		Cid prev = Cid.of(Cid.DAG_JSON, "previous".getBytes(StandardCharsets.UTF_8));
		EventBlock block = new EventBlock("ItemAdded", 2, "sales", "Order", "o-1", 2, data, prev, META);
		EncodedEvent encoded = this.codec.encode(block);
		assertThat(encoded.cid()).isEqualTo(Cid.of(Cid.DAG_JSON, encoded.bytes()));
		EventBlock decoded = this.codec.decode(encoded.bytes());
		assertThat(decoded.prev()).isEqualTo(prev);
		assertThat(decoded.meta()).isEqualTo(META);
		JsonNode back = decoded.data();
		assertThat(back.get("price").asText()).isEqualTo("19.990");
		assertThat(back.get("big").bigIntegerValue()).isEqualTo(new BigInteger("18446744073709551615"));
		assertThat(back.get("negative").longValue()).isEqualTo(-42L);
		assertThat(back.get("ratio").doubleValue()).isEqualTo(0.1);
		assertThat(back.get("tags").get(1).asText()).isEqualTo("\u00e9\u4e2d");
		assertThat(decoded.version()).isEqualTo(2);
		assertThat(decoded.schema()).isEqualTo(2);
	}

	@Test
	void withoutIpldTheBodyHasNoLinkAndNoCid() throws Exception {
		EventBlockCodec plain = new EventBlockCodec(false);
		Cid prev = Cid.of(Cid.DAG_JSON, new byte[] { 1 });
		EventBlock block = new EventBlock("ItemAdded", 1, "sales", "Order", "o-1", 2, JSON.readTree("{}"), prev, META);
		EncodedEvent encoded = plain.encode(block);
		assertThat(encoded.cid()).isNull();
		assertThat(new String(encoded.bytes(), StandardCharsets.UTF_8)).doesNotContain("prev");
		assertThat(plain.contentType()).isEqualTo("application/json");
	}

	@Test
	void cidTextIsTheBase32TextOfTheBodysCidInItsOwnCodec() throws Exception {
		EventBlock block = new EventBlock("OrderCreated", 1, "sales", "Order", "o-1", 1, JSON.readTree("{}"), null,
				META);
		byte[] json = this.codec.encode(block).bytes();
		assertThat(this.codec.cidTextOf(json)).isEqualTo(Cid.of(Cid.DAG_JSON, json).toString()).startsWith("baguqee");
		byte[] cbor = new EventBlockCodec(true, IpldCodec.DAG_CBOR).encode(block).bytes();
		assertThat(this.codec.cidTextOf(cbor)).isEqualTo(Cid.of(Cid.DAG_CBOR, cbor).toString()).startsWith("bafy");
		assertThat(new EventBlockCodec(false).cidTextOf(json)).isNull();
	}

	@Test
	void nonFiniteNumbersAreRefused() {
		ObjectNode data = JsonNodeFactory.instance.objectNode();
		data.put("x", Double.NaN);
		EventBlock block = new EventBlock("X", 1, "sales", "Order", "o-1", 1, data, null, META);
		assertThatIllegalArgumentException().isThrownBy(() -> this.codec.encode(block)).withMessageContaining("data.x");
	}

	@Test
	void integersAndDecimalsBeyondWhatTheCodecsHoldAreRefusedWithAnIllegalArgument() {
		for (IpldCodec ipld : IpldCodec.values()) {
			for (boolean contentAddressed : new boolean[] { true, false }) {
				EventBlockCodec codec = new EventBlockCodec(contentAddressed, ipld);
				ObjectNode big = JsonNodeFactory.instance.objectNode().put("n", BigInteger.TWO.pow(64));
				assertThatIllegalArgumentException()
					.isThrownBy(() -> codec.encode(new EventBlock("X", 1, "sales", "Order", "o-1", 1, big, null, META)))
					.withMessageContaining("above 2^64-1");
				ObjectNode tiny = JsonNodeFactory.instance.objectNode().put("p", new BigDecimal("1e-10000000"));
				assertThatIllegalArgumentException()
					.isThrownBy(
							() -> codec.encode(new EventBlock("X", 1, "sales", "Order", "o-1", 1, tiny, null, META)))
					.withMessageContaining("data.p is a decimal of scale 10000000, out of range");
			}
		}
	}

	@Test
	void aSchemaBeyondAnIntIsReportedRatherThanTruncated() throws Exception {
		EventBlock block = new EventBlock("X", 1, "sales", "Order", "o-1", 1, JSON.readTree("{}"), null, META);
		String body = new String(this.codec.encode(block).bytes(), StandardCharsets.UTF_8);
		byte[] forged = body.replace("\"schema\":1", "\"schema\":4294967297").getBytes(StandardCharsets.UTF_8);
		assertThatExceptionOfType(EventFormatException.class).isThrownBy(() -> this.codec.decode(forged))
			.withMessageContaining("event field 'schema' is out of range: 4294967297");
	}

	@Test
	void malformedBodiesAreReported() {
		assertThatExceptionOfType(EventFormatException.class)
			.isThrownBy(() -> this.codec.decode("{\"type\":1}".getBytes(StandardCharsets.UTF_8)));
		assertThatExceptionOfType(EventFormatException.class)
			.isThrownBy(() -> this.codec.decode("not json".getBytes(StandardCharsets.UTF_8)));
	}

	@Test
	void uuidV7HasVersionSevenAndSortsByTime() {
		java.util.UUID first = UuidV7.next(java.time.Clock.fixed(Instant.ofEpochMilli(1000), java.time.ZoneOffset.UTC));
		java.util.UUID second = UuidV7
			.next(java.time.Clock.fixed(Instant.ofEpochMilli(2000), java.time.ZoneOffset.UTC));
		assertThat(first.version()).isEqualTo(7);
		assertThat(first.variant()).isEqualTo(2);
		assertThat(first.toString()).isLessThan(second.toString());
		assertThat(first.getMostSignificantBits() >>> 16).isEqualTo(1000L);
	}

}
