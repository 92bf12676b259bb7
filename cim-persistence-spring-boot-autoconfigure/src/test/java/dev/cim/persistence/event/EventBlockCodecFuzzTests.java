package dev.cim.persistence.event;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cim.persistence.ipld.Cid;
import dev.cim.persistence.ipld.IpldCodec;
import dev.cim.persistence.testsupport.Fuzzer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random and mutated message bodies for {@link EventBlockCodec#decode(byte[])}: each is
 * either an event block, which then encodes and reads back the same, or refused with an
 * {@link EventFormatException}, never anything else.
 *
 * @see Fuzzer for the number of cases and a longer run
 */
class EventBlockCodecFuzzTests {

	private static final int CASES = 3000;

	@Test
	void eventBodiesDecodeOrAreRefusedWithAnEventFormatException() {
		List<byte[]> corpus = new ArrayList<>();
		for (IpldCodec ipld : IpldCodec.values()) {
			for (boolean contentAddressed : new boolean[] { true, false }) {
				EventBlockCodec codec = new EventBlockCodec(contentAddressed, ipld);
				Cid prev = null;
				for (int version = 1; version <= 3; version++) {
					EncodedEvent event = codec.encode(block(version, prev));
					corpus.add(event.bytes());
					prev = event.cid();
				}
			}
		}
		EventBlockCodec codec = new EventBlockCodec(true);
		Fuzzer.of("event blocks", corpus)
			.withAlphabet("{}[]\":,/-.0123456789aegimnoprstuvyz")
			.run(Fuzzer.cases(CASES), (input) -> {
				// Unknown fields are ignored, so a block need not encode to the same
				// bytes; it does encode, to bytes that read back as the same block.
				EventBlock block = codec.decode(input);
				byte[] again = new EventBlockCodec(true, EventBlockCodec.codecOf(input)).encode(block).bytes();
				assertThat(codec.decode(again)).isEqualTo(block);
			}, Set.of(EventFormatException.class));
	}

	private static EventBlock block(long version, Cid prev) {
		ObjectNode data = JsonNodeFactory.instance.objectNode();
		data.put("sku", "A-" + version);
		data.put("quantity", version);
		data.put("unitPrice", new BigDecimal("9.99"));
		data.put("big", BigInteger.TWO.pow(63));
		data.put("ratio", 0.25);
		data.put("bytes", new byte[] { 1, 2, 3 });
		data.putArray("tags").add("a").add(JsonNodeFactory.instance.objectNode().putNull("n"));
		EventMeta meta = new EventMeta("0190f5d2-6b1e-7c3a-8f00-00000000000" + version,
				Instant.parse("2026-11-27T05:00:00.123Z"), (version == 2) ? "corr" : null,
				(version == 3) ? "cause" : null, (version == 3) ? Map.of("tenant", "t-1") : Map.of());
		return new EventBlock("ItemAdded", 1, "sales", "Order", "o-1", version, data, prev, meta);
	}

}
