package dev.cim.persistence.ipld;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link IpldCodec}.
 */
class IpldCodecTests {

	private static final Map<String, Object> EVENT = Map.of("type", "OrderPlaced", "version", 1, "data",
			Map.of("lines", List.of(1, 2), "note", "\u00e9t\u00e9"));

	@Test
	void forNameFindsEachCodecByItsMulticodecName() {
		assertThat(IpldCodec.forName("dag-json")).isSameAs(IpldCodec.DAG_JSON);
		assertThat(IpldCodec.forName("dag-cbor")).isSameAs(IpldCodec.DAG_CBOR);
		assertThat(IpldCodec.forName(" DAG-CBOR ")).isSameAs(IpldCodec.DAG_CBOR);
	}

	@Test
	void forNameWhenNameIsUnknownShouldThrowNamingTheChoices() {
		assertThatIllegalArgumentException().isThrownBy(() -> IpldCodec.forName("json"))
			.withMessageContaining("\"json\"")
			.withMessageContaining("dag-json or dag-cbor");
	}

	@Test
	void forCodeFindsTheCodecOfACid() {
		assertThat(IpldCodec.forCode(0x71)).contains(IpldCodec.DAG_CBOR);
		assertThat(IpldCodec.forCode(0x0129)).contains(IpldCodec.DAG_JSON);
		assertThat(IpldCodec.forCode(Cid.RAW)).isEmpty();
	}

	@Test
	void eachCodecHasItsCodeNameAndContentType() {
		assertThat(IpldCodec.DAG_JSON.code()).isEqualTo(0x0129);
		assertThat(IpldCodec.DAG_JSON.codecName()).isEqualTo("dag-json").isEqualTo(IpldCodec.DAG_JSON.toString());
		assertThat(IpldCodec.DAG_JSON.contentType()).isEqualTo("application/vnd.ipld.dag-json");
		assertThat(IpldCodec.DAG_CBOR.code()).isEqualTo(0x71);
		assertThat(IpldCodec.DAG_CBOR.codecName()).isEqualTo("dag-cbor").isEqualTo(IpldCodec.DAG_CBOR.toString());
		assertThat(IpldCodec.DAG_CBOR.contentType()).isEqualTo("application/vnd.ipld.dag-cbor");
	}

	@Test
	void encodeDecodeAndCidDelegateToTheCodec() {
		assertThat(IpldCodec.DAG_JSON.encode(EVENT)).isEqualTo(DagJson.encode(EVENT));
		assertThat(IpldCodec.DAG_CBOR.encode(EVENT)).isEqualTo(DagCbor.encode(EVENT));
		assertThat(IpldCodec.DAG_JSON.decode(DagJson.encode(EVENT))).isEqualTo(DagJson.decode(DagJson.encode(EVENT)));
		assertThat(IpldCodec.DAG_CBOR.decode(DagCbor.encode(EVENT))).isEqualTo(DagCbor.decode(DagCbor.encode(EVENT)));
		assertThat(IpldCodec.DAG_JSON.cid(EVENT)).isEqualTo(DagJson.cid(EVENT));
		assertThat(IpldCodec.DAG_JSON.cid(EVENT).toString()).startsWith("baguqee");
		assertThat(IpldCodec.DAG_CBOR.cid(EVENT)).isEqualTo(DagCbor.cid(EVENT));
		assertThat(IpldCodec.DAG_CBOR.cid(EVENT).toString()).startsWith("bafyrei");
	}

	@Test
	void bothCodecsDecodeToTheSameValueButHaveDifferentCids() {
		Object fromJson = IpldCodec.DAG_JSON.decode(IpldCodec.DAG_JSON.encode(EVENT));
		Object fromCbor = IpldCodec.DAG_CBOR.decode(IpldCodec.DAG_CBOR.encode(EVENT));
		assertThat(fromJson).isEqualTo(fromCbor);
		assertThat(IpldCodec.DAG_JSON.cid(EVENT)).isNotEqualTo(IpldCodec.DAG_CBOR.cid(EVENT));
		assertThat(IpldCodec.DAG_JSON.cid(EVENT).multihash()).isNotEqualTo(IpldCodec.DAG_CBOR.cid(EVENT).multihash());
	}

}
