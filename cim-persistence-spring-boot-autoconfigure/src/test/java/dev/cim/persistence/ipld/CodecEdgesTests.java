package dev.cim.persistence.ipld;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The exact edges of what the DAG-JSON and DAG-CBOR readers and writers accept: each
 * range of UTF-8, the one control character range that is escaped as {@code \\u00XX}, the
 * integer range, the nesting limit through maps, and the errors that name what they met.
 */
class CodecEdgesTests {

	@ParameterizedTest
	@CsvSource({ "c280, 0080", "dfbf, 07ff", "e0a080, 0800", "ed9fbf, d7ff", "ee8080, e000", "efbfbf, ffff",
			"f0908080, 10000", "f48fbfbf, 10ffff" })
	void bothReadersAcceptTheFirstAndLastCodePointOfEveryUtf8Range(String hex, String codePoint) {
		String expected = Character.toString(Integer.parseInt(codePoint, 16));
		byte[] utf8 = bytes(hex);
		assertThat(DagJson.decode(jsonString(utf8))).isEqualTo(expected);
		assertThat(DagCbor.decode(cborString(utf8))).isEqualTo(expected);
		assertThat(DagJson.encode(expected)).isEqualTo(jsonString(utf8));
		assertThat(DagCbor.encode(expected)).isEqualTo(cborString(utf8));
	}

	@ParameterizedTest
	@CsvSource({ "c1bf, invalid UTF-8 byte 0xc1", "e09fbf, overlong", "f08fbfbf, overlong", "f4908080, overlong",
			"eda080, surrogate", "edbfbf, surrogate", "f5808080, invalid UTF-8 byte 0xf5" })
	void bothReadersRefuseTheCodePointsJustOutsideEveryUtf8Range(String hex, String problem) {
		byte[] utf8 = bytes(hex);
		assertThatExceptionOfType(IpldCodecException.class).isThrownBy(() -> DagJson.decode(jsonString(utf8)))
			.withMessageContaining(problem)
			.satisfies((ex) -> assertThat(ex.offset()).isEqualTo(1));
		assertThatExceptionOfType(IpldCodecException.class).isThrownBy(() -> DagCbor.decode(cborString(utf8)))
			.withMessageContaining(problem)
			.satisfies((ex) -> assertThat(ex.offset()).isEqualTo(1));
	}

	@Test
	void aBadContinuationByteIsReportedAtItsOwnOffset() {
		byte[] json = { '"', 'a', (byte) 0xe2, (byte) 0x82, 'x', '"' };
		assertThatExceptionOfType(IpldCodecException.class).isThrownBy(() -> DagJson.decode(json))
			.withMessageContaining("invalid UTF-8 continuation byte 0x78")
			.satisfies((ex) -> assertThat(ex.offset()).isEqualTo(4));
		byte[] cbor = { 0x64, 'a', (byte) 0xe2, (byte) 0x82, 'x' };
		assertThatExceptionOfType(IpldCodecException.class).isThrownBy(() -> DagCbor.decode(cbor))
			.withMessageContaining("invalid UTF-8 continuation byte 0x78")
			.satisfies((ex) -> assertThat(ex.offset()).isEqualTo(4));
	}

	@Test
	void aSequenceThatEndsWithTheInputIsCompleteAndOneThatEndsBeyondItIsTruncated() {
		assertThatExceptionOfType(IpldCodecException.class)
			.isThrownBy(() -> DagJson.decode(new byte[] { '"', (byte) 0xc3, (byte) 0xa9 }))
			.withMessageContaining("unterminated string");
		assertThatExceptionOfType(IpldCodecException.class)
			.isThrownBy(() -> DagJson.decode(new byte[] { '"', (byte) 0xe2, (byte) 0x82 }))
			.withMessageContaining("truncated UTF-8 sequence");
		assertThat(DagCbor.decode(new byte[] { 0x62, (byte) 0xc3, (byte) 0xa9 })).isEqualTo("\u00e9");
		assertThatExceptionOfType(IpldCodecException.class)
			.isThrownBy(() -> DagCbor.decode(new byte[] { 0x62, (byte) 0xe2, (byte) 0x82 }))
			.withMessageContaining("truncated UTF-8 sequence");
	}

	@Test
	void onlyControlCharactersWithoutAShortEscapeAreWrittenAndReadAsUnicodeEscapes() {
		assertThat(DagJson.decode(ascii("\"\\u0000\\u001f\""))).isEqualTo("\u0000\u001f");
		assertThat(DagJson.encode("\u0000\u001f \u007f")).isEqualTo(ascii("\"\\u0000\\u001f \u007f\""));
		assertThat(DagJson.encode("\b\t\n\f\r\"\\")).isEqualTo(ascii("\"\\b\\t\\n\\f\\r\\\"\\\\\""));
		for (String escape : new String[] { "\\u0020", "\\u007f", "\\u0008", "\\u0009", "\\u000a", "\\u000c",
				"\\u000d" }) {
			assertThatExceptionOfType(IpldCodecException.class).as(escape)
				.isThrownBy(() -> DagJson.decode(ascii("\"" + escape + "\"")))
				.withMessageContaining("non-canonical escape " + escape);
		}
		assertThatExceptionOfType(IpldCodecException.class).isThrownBy(() -> DagJson.decode(ascii("\"\\u001F\"")))
			.withMessageContaining("expected four lower-case hex digits");
	}

	@Test
	void aUnicodeEscapeThatEndsWithTheInputIsCompleteAndAShorterOneIsNot() {
		assertThatExceptionOfType(IpldCodecException.class).isThrownBy(() -> DagJson.decode(ascii("\"\\u0001")))
			.withMessageContaining("unterminated string");
		assertThatExceptionOfType(IpldCodecException.class).isThrownBy(() -> DagJson.decode(ascii("\"\\u000")))
			.withMessageContaining("unterminated \\u escape");
	}

	@Test
	void anUnpairedHighSurrogateAtTheEndOfAStringIsRefusedByBothWriters() {
		for (IpldCodec codec : IpldCodec.values()) {
			assertThatExceptionOfType(IpldCodecException.class).as(codec.name())
				.isThrownBy(() -> codec.encode("a\ud800"))
				.withMessageContaining("unpaired surrogate U+D800");
			assertThat(codec.decode(codec.encode("a\ud800\udc00"))).isEqualTo("a\ud800\udc00");
		}
	}

	@Test
	void unexpectedBytesAreDescribedAsWhitespaceACharacterOrAByte() {
		assertDescribed("[1 ]", "unexpected whitespace (canonical DAG-JSON has none) in list");
		assertDescribed("[1\t]", "unexpected whitespace (canonical DAG-JSON has none) in list");
		assertDescribed("[1\n]", "unexpected whitespace (canonical DAG-JSON has none) in list");
		assertDescribed("[1\r]", "unexpected whitespace (canonical DAG-JSON has none) in list");
		assertDescribed("[1!]", "unexpected '!' in list, expected ',' or ']'");
		assertDescribed("[1~]", "unexpected '~' in list, expected ',' or ']'");
		assertDescribed("[1\u007f]", "unexpected byte 0x7f in list");
		assertDescribed("[1\u0001]", "unexpected byte 0x01 in list");
		assertDescribed("{\"a\":1", "unexpected end of input in map, expected ',' or '}'");
		assertDescribed("1 ", "unexpected whitespace (canonical DAG-JSON has none) after the end of the value");
	}

	@Test
	void integersOfTwentyDigitsAreReadAndOfTwentyOneRefusedBeforeParsing() {
		assertThat(DagJson.decode(ascii("18446744073709551615"))).isEqualTo(new BigInteger("18446744073709551615"));
		assertThat(DagJson.decode(ascii("-18446744073709551616"))).isEqualTo(new BigInteger("-18446744073709551616"));
		assertThat(DagJson.decode(ascii("999999999999999999"))).isEqualTo(999999999999999999L);
		assertThatExceptionOfType(IpldCodecException.class)
			.isThrownBy(() -> DagJson.decode(ascii("100000000000000000000")))
			.withMessageContaining("integer of 21 digits is out of range");
		assertThatExceptionOfType(IpldCodecException.class)
			.isThrownBy(() -> DagJson.decode(ascii("18446744073709551616")))
			.withMessageContaining("is above 2^64-1");
	}

	@Test
	void aFloatTextOf32CharactersIsCheckedForCanonicalFormAndOf33RefusedByItsLength() {
		String thirtyTwo = "1." + "0".repeat(30);
		assertThatExceptionOfType(IpldCodecException.class).isThrownBy(() -> DagJson.decode(ascii(thirtyTwo)))
			.withMessageContaining("is not in canonical form: it is written 1.0");
		assertThatExceptionOfType(IpldCodecException.class).isThrownBy(() -> DagJson.decode(ascii(thirtyTwo + "0")))
			.withMessageContaining("float of 33 characters is not in canonical form");
	}

	@Test
	void bothWritersHoldExactlyMinus2To64Through2To64Minus1() {
		BigInteger max = BigInteger.TWO.pow(64).subtract(BigInteger.ONE);
		BigInteger min = BigInteger.TWO.pow(64).negate();
		for (IpldCodec codec : IpldCodec.values()) {
			assertThat(codec.decode(codec.encode(max))).as(codec.name()).isEqualTo(max);
			assertThat(codec.decode(codec.encode(min))).as(codec.name()).isEqualTo(min);
			assertThatExceptionOfType(IpldCodecException.class).as(codec.name())
				.isThrownBy(() -> codec.encode(max.add(BigInteger.ONE)))
				.withMessageContaining("integer 18446744073709551616 is above 2^64-1");
			assertThatExceptionOfType(IpldCodecException.class).as(codec.name())
				.isThrownBy(() -> codec.encode(min.subtract(BigInteger.ONE)))
				.withMessageContaining("integer -18446744073709551617 is below -2^64");
			BigInteger bits256 = BigInteger.TWO.pow(255);
			assertThatExceptionOfType(IpldCodecException.class).as(codec.name())
				.isThrownBy(() -> codec.encode(bits256))
				.withMessageContaining("integer " + bits256 + " is above");
			assertThatExceptionOfType(IpldCodecException.class).as(codec.name())
				.isThrownBy(() -> codec.encode(BigInteger.TWO.pow(256)))
				.withMessageContaining("integer of 257 bits is above");
		}
		assertThat(DagCbor.encode(BigInteger.ZERO)).containsExactly(0x00);
		assertThat(DagCbor.encode(BigInteger.ONE.negate())).containsExactly(0x20);
		assertThat(DagCbor.encode(max)).containsExactly(0x1b, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff);
		assertThat(DagCbor.encode(min)).containsExactly(0x3b, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff);
	}

	@Test
	void aMapKeyThatIsNoStringIsRefusedNamingItsClass() {
		assertThatExceptionOfType(IpldCodecException.class).isThrownBy(() -> DagCbor.encode(Map.of(1, "x")))
			.withMessageContaining("map key 1 is a java.lang.Integer: DAG-CBOR map keys are strings");
		java.util.Map<Object, Object> nullKey = new java.util.HashMap<>();
		nullKey.put(null, "x");
		assertThatExceptionOfType(IpldCodecException.class).isThrownBy(() -> DagCbor.encode(nullKey))
			.withMessageContaining("map key null is a null");
	}

	@Test
	void theCborReaderAccepts512LevelsOfMapsAndRefuses513() {
		assertThat(DagCbor.decode(nestedCborMaps(512))).isInstanceOf(Map.class);
		assertThatExceptionOfType(IpldCodecException.class).isThrownBy(() -> DagCbor.decode(nestedCborMaps(513)))
			.withMessageContaining("nested deeper than 512 levels")
			.satisfies((ex) -> assertThat(ex.offset()).isEqualTo(512 * 3));
		byte[] listOfMaps = new byte[511 + 3 * 1 + 1];
		java.util.Arrays.fill(listOfMaps, 0, 511, (byte) 0x81);
		listOfMaps[511] = (byte) 0xa1;
		listOfMaps[512] = 0x61;
		listOfMaps[513] = 'k';
		listOfMaps[514] = 0x00;
		assertThat(DagCbor.decode(listOfMaps)).isInstanceOf(java.util.List.class);
	}

	@Test
	void theJsonReaderAccepts512LevelsOfMapsInListsAndRefusesAMapOneLevelDeeper() {
		byte[] edge = ascii("[".repeat(511) + "{\"k\":1}" + "]".repeat(511));
		assertThat(DagJson.decode(edge)).isInstanceOf(java.util.List.class);
		byte[] beyond = ascii("[".repeat(511) + "{\"k\":{\"k\":1}}" + "]".repeat(511));
		assertThatExceptionOfType(IpldCodecException.class).isThrownBy(() -> DagJson.decode(beyond))
			.withMessageContaining("nested deeper than 512 levels")
			.satisfies((ex) -> assertThat(ex.offset()).isEqualTo(511 + 5));
	}

	@Test
	void aCarBlockEqualsOnlyABlockOfTheSameCidAndBytesAndHandsOutCopies() {
		byte[] data = DagCbor.encode(Map.of("k", 1L));
		Car.Block block = Car.Block.of(Cid.DAG_CBOR, data);
		Car.Block same = Car.Block.of(Cid.DAG_CBOR, data.clone());
		assertThat(block).isEqualTo(same).hasSameHashCodeAs(same);
		assertThat(block).isNotEqualTo(Car.Block.of(Cid.DAG_CBOR, DagCbor.encode(Map.of("k", 2L))));
		assertThat(block).isNotEqualTo(Car.Block.of(Cid.RAW, data));
		assertThat(block).isNotEqualTo(data);
		block.data()[0] = 0;
		assertThat(block.data()).isEqualTo(data);
		assertThat(block.size()).isEqualTo(data.length);
		assertThat(block.toString()).isEqualTo("Block[cid=" + block.cid() + ", size=" + data.length + "]");
	}

	private static byte[] nestedCborMaps(int levels) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		for (int i = 0; i < levels; i++) {
			out.write(0xa1);
			out.write(0x61);
			out.write('k');
		}
		out.write(0x00);
		return out.toByteArray();
	}

	private static void assertDescribed(String json, String message) {
		assertThatExceptionOfType(IpldCodecException.class).isThrownBy(() -> DagJson.decode(ascii(json)))
			.withMessageContaining(message);
	}

	private static byte[] jsonString(byte[] utf8) {
		byte[] json = new byte[utf8.length + 2];
		json[0] = '"';
		System.arraycopy(utf8, 0, json, 1, utf8.length);
		json[json.length - 1] = '"';
		return json;
	}

	private static byte[] cborString(byte[] utf8) {
		byte[] cbor = new byte[utf8.length + 1];
		cbor[0] = (byte) (0x60 | utf8.length);
		System.arraycopy(utf8, 0, cbor, 1, utf8.length);
		return cbor;
	}

	private static byte[] bytes(String hex) {
		return java.util.HexFormat.of().parseHex(hex);
	}

	private static byte[] ascii(String text) {
		return text.getBytes(StandardCharsets.ISO_8859_1);
	}

}
