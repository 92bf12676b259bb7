package dev.cim.persistence.ipld;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Encoding rules of {@link DagCbor}, with vectors written from the DAG-CBOR specification
 * ({@code ipld/ipld specs/codecs/dag-cbor/spec.md}) and RFC 8949, and the two DAG-CBOR
 * blocks of the CARv1 fixture {@code carv1-basic}.
 */
class DagCborTests {

	private static final HexFormat HEX = HexFormat.of();

	@ParameterizedTest(name = "{0} -> {1}")
	@CsvSource({ "0, 00", "1, 01", "23, 17", "24, 1818", "255, 18ff", "256, 190100", "65535, 19ffff",
			"65536, 1a00010000", "4294967295, 1affffffff", "4294967296, 1b0000000100000000",
			"9223372036854775807, 1b7fffffffffffffff", "-1, 20", "-24, 37", "-25, 3818", "-256, 38ff", "-257, 390100",
			"-4294967296, 3affffffff", "-4294967297, 3b0000000100000000", "-9223372036854775808, 3b7fffffffffffffff" })
	void integerIsEncodedInItsShortestFormAndDecodesAsLong(long value, String hex) {
		assertThat(DagCbor.encode(value)).isEqualTo(HEX.parseHex(hex));
		assertThat(DagCbor.decode(HEX.parseHex(hex))).isEqualTo(value);
	}

	@Test
	void integersBeyondLongUseTheFull64BitArgumentAndDecodeAsBigInteger() {
		BigInteger max = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);
		BigInteger min = BigInteger.ONE.shiftLeft(64).negate();
		assertThat(DagCbor.encode(max)).isEqualTo(HEX.parseHex("1bffffffffffffffff"));
		assertThat(DagCbor.encode(min)).isEqualTo(HEX.parseHex("3bffffffffffffffff"));
		assertThat(DagCbor.decode(HEX.parseHex("1bffffffffffffffff"))).isEqualTo(max);
		assertThat(DagCbor.decode(HEX.parseHex("3bffffffffffffffff"))).isEqualTo(min);
		assertThat(DagCbor.decode(HEX.parseHex("1b8000000000000000"))).isEqualTo(BigInteger.ONE.shiftLeft(63));
		assertThat(DagCbor.decode(HEX.parseHex("3b8000000000000000")))
			.isEqualTo(BigInteger.ONE.shiftLeft(63).negate().subtract(BigInteger.ONE));
	}

	@Test
	void bigIntegerThatFitsALongIsEncodedAsTheLongAndSmallerBoxesAreAccepted() {
		assertThat(DagCbor.encode(BigInteger.valueOf(-500))).isEqualTo(DagCbor.encode(-500L));
		assertThat(DagCbor.encode(500)).isEqualTo(HEX.parseHex("1901f4"));
		assertThat(DagCbor.encode((short) -3)).isEqualTo(HEX.parseHex("22"));
		assertThat(DagCbor.encode((byte) 24)).isEqualTo(HEX.parseHex("1818"));
		assertThat(DagCbor.decode(DagCbor.encode(BigInteger.TEN))).isEqualTo(10L);
	}

	@Test
	void encodeWhenIntegerIsOutsideThe64BitRangeShouldThrow() {
		assertThatExceptionOfType(IpldCodecException.class)
			.isThrownBy(() -> DagCbor.encode(BigInteger.ONE.shiftLeft(64)))
			.withMessageContaining("above 2^64-1");
		assertThatExceptionOfType(IpldCodecException.class)
			.isThrownBy(() -> DagCbor.encode(BigInteger.ONE.shiftLeft(64).negate().subtract(BigInteger.ONE)))
			.withMessageContaining("below -2^64");
	}

	@Test
	void floatIsAlways64BitEvenWhenAShorterFormWouldHoldIt() {
		assertThat(DagCbor.encode(1.5)).isEqualTo(HEX.parseHex("fb3ff8000000000000"));
		assertThat(DagCbor.encode(0.0)).isEqualTo(HEX.parseHex("fb0000000000000000"));
		assertThat(DagCbor.encode(-0.0)).isEqualTo(HEX.parseHex("fb8000000000000000"));
		assertThat(DagCbor.encode(1.0)).isEqualTo(HEX.parseHex("fb3ff0000000000000"));
		assertThat(DagCbor.decode(HEX.parseHex("fb3ff0000000000000"))).isEqualTo(1.0);
		assertThat(DagCbor.decode(HEX.parseHex("fb8000000000000000"))).isEqualTo(-0.0);
	}

	@Test
	void encodeWhenFloatIsNanOrInfiniteShouldThrow() {
		for (double value : new double[] { Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY }) {
			assertThatExceptionOfType(IpldCodecException.class).isThrownBy(() -> DagCbor.encode(value))
				.withMessageContaining("NaN or Infinity");
		}
	}

	@Test
	void simpleValuesStringsBytesAndEmptyContainersHaveTheirCborForms() {
		assertThat(DagCbor.encode(null)).isEqualTo(HEX.parseHex("f6"));
		assertThat(DagCbor.encode(true)).isEqualTo(HEX.parseHex("f5"));
		assertThat(DagCbor.encode(false)).isEqualTo(HEX.parseHex("f4"));
		assertThat(DagCbor.encode("")).isEqualTo(HEX.parseHex("60"));
		assertThat(DagCbor.encode("IETF")).isEqualTo(HEX.parseHex("6449455446"));
		assertThat(DagCbor.encode("\u00fc")).isEqualTo(HEX.parseHex("62c3bc"));
		assertThat(DagCbor.encode("\u6c34")).isEqualTo(HEX.parseHex("63e6b0b4"));
		assertThat(DagCbor.encode("\ud800\udd51")).isEqualTo(HEX.parseHex("64f0908591"));
		assertThat(DagCbor.encode(new byte[0])).isEqualTo(HEX.parseHex("40"));
		assertThat(DagCbor.encode(new byte[] { 1, 2, 3, 4 })).isEqualTo(HEX.parseHex("4401020304"));
		assertThat(DagCbor.encode(List.of())).isEqualTo(HEX.parseHex("80"));
		assertThat(DagCbor.encode(Map.of())).isEqualTo(HEX.parseHex("a0"));
		assertThat(DagCbor.encode(List.of(1, List.of(2, 3), List.of(4, 5))))
			.isEqualTo(HEX.parseHex("8301820203820405"));
		assertThat(DagCbor.encode(new byte[24])).startsWith(HEX.parseHex("5818"));
		assertThat(DagCbor.encode("a".repeat(256))).startsWith(HEX.parseHex("790100"));
	}

	@Test
	void mapKeysAreSortedByLengthFirstAndThenByTheirBytes() {
		Map<String, Object> map = new LinkedHashMap<>();
		map.put("\ud800\udd51", 5);
		map.put("\u20ac", 4);
		map.put("\u00e9", 3);
		map.put("aa", 2);
		map.put("z", 1);
		// z (1 byte), aa (2), é (2: c3a9 after 6161), € (3), 𐅑 (4): not the UTF-8 order
		// DAG-JSON uses, which would put "aa" before "z".
		byte[] block = DagCbor.encode(map);
		assertThat(block).isEqualTo(HEX.parseHex("a5617a0162616102" + "62c3a90363e282ac0464f090859105"));
		assertThat(new ArrayList<Object>(((Map<?, ?>) DagCbor.decode(block)).keySet())).containsExactly("z", "aa",
				"\u00e9", "\u20ac", "\ud800\udd51");
		assertThat(DagJson.encode(map)).asString().startsWith("{\"aa\":2,\"z\":1,");
	}

	@Test
	void encodingDoesNotDependOnTheIterationOrderOfTheMap() {
		Map<String, Object> forward = new LinkedHashMap<>();
		Map<String, Object> backward = new LinkedHashMap<>();
		List<String> keys = List.of("version", "roots", "a", "bb", "ba", "ab", "", "\u00e9t\u00e9");
		for (int i = 0; i < keys.size(); i++) {
			forward.put(keys.get(i), i);
			backward.put(keys.get(keys.size() - 1 - i), keys.size() - 1 - i);
		}
		assertThat(DagCbor.encode(forward)).isEqualTo(DagCbor.encode(backward));
		assertThat(DagCbor.cid(forward)).isEqualTo(DagCbor.cid(backward));
	}

	@Test
	void linkIsTag42OverAByteStringOfTheIdentityPrefixAndTheBinaryCid() {
		Cid v1 = Cid.parse("bafyreidj5idub6mapiupjwjsyyxhyhedxycv4vihfsicm2vt46o7morwlm");
		Cid v0 = Cid.parse("QmQg1v4o9xdT3Q14wh4S7dxZkDjyZ9ssFzFzyep1YrVJBY");
		assertThat(DagCbor.encode(v1)).isEqualTo(
				HEX.parseHex("d82a5825000171122069ea0740f9807a28f4d932c62e7c1c83be055e55072c90266ab3e79df63a365b"));
		assertThat(DagCbor.encode(v0))
			.isEqualTo(HEX.parseHex("d82a582300122022ad631c69ee983095b5b8acd029ff94aff1dc6c48837878589a92b90dfea317"));
		assertThat(DagCbor.decode(DagCbor.encode(v1))).isEqualTo(v1);
		assertThat(DagCbor.decode(DagCbor.encode(v0))).isEqualTo(v0);
	}

	@Test
	void nestedLinksMatchTheDagCborBlocksOfTheCarv1BasicFixture() {
		// Blocks 0 and 7 of ipld/ipld specs/transport/car/fixture/carv1-basic, which are
		// also its roots.
		Map<String, Object> blip = new LinkedHashMap<>();
		blip.put("name", "blip");
		blip.put("link", Cid.parse("QmNX6Tffavsya4xgBi2VJQnSuqy9GsxongxZZ9uZBqp16d"));
		Map<String, Object> limbo = new LinkedHashMap<>();
		limbo.put("name", "limbo");
		limbo.put("link", null);
		assertThat(DagCbor.encode(blip)).isEqualTo(HEX.parseHex("a2646c696e6bd82a582300122002acecc5de2438ea4126a301"
				+ "0ecb1f8a599c8eff22fff1a1dcffe999b27fd3de646e616d6564626c6970"));
		assertThat(DagCbor.cid(blip)).hasToString("bafyreihyrpefhacm6kkp4ql6j6udakdit7g3dmkzfriqfykhjw6cad5lrm");
		assertThat(DagCbor.encode(limbo)).isEqualTo(HEX.parseHex("a2646c696e6bf6646e616d65656c696d626f"));
		assertThat(DagCbor.cid(limbo)).hasToString("bafyreidj5idub6mapiupjwjsyyxhyhedxycv4vihfsicm2vt46o7morwlm");
		Map<String, Object> parent = Map.of("children", List.of(DagCbor.cid(blip), DagCbor.cid(limbo)), "bytes",
				new byte[] { (byte) 0xa1 });
		Object decoded = DagCbor.decode(DagCbor.encode(parent));
		assertThat(decoded).isInstanceOf(Map.class);
		assertThat(((Map<?, ?>) decoded).get("children"))
			.isEqualTo(List.of(Cid.parse("bafyreihyrpefhacm6kkp4ql6j6udakdit7g3dmkzfriqfykhjw6cad5lrm"),
					Cid.parse("bafyreidj5idub6mapiupjwjsyyxhyhedxycv4vihfsicm2vt46o7morwlm")));
		assertThat((byte[]) ((Map<?, ?>) decoded).get("bytes")).containsExactly(0xa1);
	}

	@Test
	void decodedMapsAndListsAreUnmodifiableAndInKeyOrder() {
		Object decoded = DagCbor.decode(HEX.parseHex("a2616101626262820102"));
		assertThat(decoded).isInstanceOf(Map.class);
		Map<?, ?> map = (Map<?, ?>) decoded;
		assertThat(new ArrayList<Object>(map.keySet())).containsExactly("a", "bb");
		assertThat(map.get("bb")).isEqualTo(List.of(1L, 2L));
		assertThatExceptionOfType(UnsupportedOperationException.class).isThrownBy(map::clear);
		assertThatExceptionOfType(UnsupportedOperationException.class).isThrownBy(((List<?>) map.get("bb"))::clear);
	}

	@Test
	void encodeWhenValueIsOutsideTheDataModelShouldThrow() {
		assertThatExceptionOfType(IpldCodecException.class).isThrownBy(() -> DagCbor.encode(Map.of(1, "one")))
			.withMessageContaining("DAG-CBOR map keys are strings");
		assertThatExceptionOfType(IpldCodecException.class).isThrownBy(() -> DagCbor.encode(new Object()))
			.withMessageContaining("cannot encode a java.lang.Object");
		assertThatExceptionOfType(IpldCodecException.class).isThrownBy(() -> DagCbor.encode(1.5f))
			.withMessageContaining("java.lang.Float");
		assertThatExceptionOfType(IpldCodecException.class).isThrownBy(() -> DagCbor.encode("a\ud800b"))
			.withMessageContaining("unpaired surrogate");
		assertThatExceptionOfType(IpldCodecException.class)
			.isThrownBy(() -> DagCbor.encode(Map.of("k", List.of("\udc00"))))
			.withMessageContaining("unpaired surrogate");
	}

	@Test
	void encodeWhenValueIsNestedTooDeeplyShouldThrow() {
		Object value = "leaf";
		for (int i = 0; i < 600; i++) {
			value = List.of(value);
		}
		Object deep = value;
		assertThatExceptionOfType(IpldCodecException.class).isThrownBy(() -> DagCbor.encode(deep))
			.withMessageContaining("nested deeper");
	}

	@Test
	void cidIsSha256OverExactlyTheEncodedBytesWithTheDagCborCodec() {
		Map<String, Object> value = Map.of("type", "OrderPlaced", "version", 1);
		Cid cid = DagCbor.cid(value);
		assertThat(cid.version()).isEqualTo(1);
		assertThat(cid.codec()).isEqualTo(DagCbor.CODEC).isEqualTo(0x71);
		assertThat(cid.toString()).startsWith("bafyrei");
		assertThat(cid.multihash()).isEqualTo(Multihash.sha256(DagCbor.encode(value)));
		byte[] changed = DagCbor.encode(value);
		changed[changed.length - 1] ^= 1;
		assertThat(Arrays.equals(Multihash.sha256(changed).digest(), cid.multihash().digest())).isFalse();
	}

}
