package dev.cim.persistence.ipld;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for the rules of the DAG-JSON specification
 * ({@code specs/codecs/dag-json/spec.md} of {@code ipld/ipld}) as {@link DagJson} applies
 * them.
 */
class DagJsonTests {

	private static final Cid LINK = Cid.parse("bafyreiejkvsvdq4smz44yuwhfymcuvqzavveoj2at3utujwqlllspsqr6q");

	@Test
	void encodeSortsKeysByUtf8BytesWhateverTheInputOrder() {
		Map<String, Object> map = new LinkedHashMap<>();
		map.put("b", 1L);
		map.put("a", 2L);
		map.put("aa", 3L);
		map.put("A", 4L);
		map.put("", 5L);
		assertThat(json(map)).isEqualTo("{\"\":5,\"A\":4,\"a\":2,\"aa\":3,\"b\":1}");
	}

	@Test
	void encodeSortsSupplementaryCharactersAfterTheRestOfTheBasicPlane() {
		// UTF-16 puts U+1F600 (surrogates D83D DE00) before U+FF61; UTF-8 bytes put it
		// after.
		Map<String, Object> map = new TreeMap<>();
		map.put("\uD83D\uDE00", 1L);
		map.put("\uFF61", 2L);
		assertThat(json(map)).isEqualTo("{\"\uFF61\":2,\"\uD83D\uDE00\":1}");
		assertThat(DagJson.decode(DagJson.encode(map))).isEqualTo(map);
	}

	@Test
	void encodeWritesNoWhitespace() {
		Map<String, Object> map = Map.of("list", List.of(1, "two", Map.of()), "nested", Map.of("deeper", List.of()));
		assertThat(json(map)).isEqualTo("{\"list\":[1,\"two\",{}],\"nested\":{\"deeper\":[]}}");
	}

	@Test
	void encodeWritesLinksAndBytesInTheirReservedForms() {
		Map<String, Object> map = Map.of("link", LINK, "data", new byte[] { 1, 2, 3 }, "empty", new byte[0]);
		assertThat(json(map)).isEqualTo("{\"data\":{\"/\":{\"bytes\":\"AQID\"}},\"empty\":{\"/\":{\"bytes\":\"\"}},"
				+ "\"link\":{\"/\":\"bafyreiejkvsvdq4smz44yuwhfymcuvqzavveoj2at3utujwqlllspsqr6q\"}}");
	}

	@Test
	void encodeWritesCidV0LinksInBase58() {
		Cid v0 = Cid.parse("QmQg1v4o9xdT3Q14wh4S7dxZkDjyZ9ssFzFzyep1YrVJBY");
		assertThat(json(v0)).isEqualTo("{\"/\":\"QmQg1v4o9xdT3Q14wh4S7dxZkDjyZ9ssFzFzyep1YrVJBY\"}");
	}

	@Test
	void decodeTurnsReservedFormsIntoCidsAndBytes() {
		Object value = decode("{\"a\":{\"/\":\"bafkqabiaaebagba\"},\"b\":{\"/\":{\"bytes\":\"AQID\"}}}");
		assertThat(value).isInstanceOf(Map.class);
		Map<?, ?> map = (Map<?, ?>) value;
		assertThat(map.get("a")).isEqualTo(Cid.parse("bafkqabiaaebagba"));
		assertThat((byte[]) map.get("b")).containsExactly(1, 2, 3);
	}

	@Test
	void mapsThatOnlyResembleReservedFormsStayMaps() {
		// From the specification's list of valid maps in the reserved namespace.
		assertThat(decode("{\"/\":true,\"bar\":\"baz\"}")).isEqualTo(Map.of("/", true, "bar", "baz"));
		assertThat(decode("{\"/\":{\"abar\":\"baz\",\"bytes\":\"foo\"}}"))
			.isEqualTo(Map.of("/", Map.of("abar", "baz", "bytes", "foo")));
		assertThat(decode("{\"/\":{\"bytes\":true},\"bar\":\"baz\"}"))
			.isEqualTo(Map.of("/", Map.of("bytes", true), "bar", "baz"));
		assertThat(decode("{\"\":\"baz\",\"/\":\"foo\"}")).isEqualTo(Map.of("", "baz", "/", "foo"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "{\"/\":\"foo\",\"bar\":\"baz\"}", "{\"/\":{\"bytes\":\"foo\",\"zbar\":\"baz\"}}",
			"{\"/\":{\"bytes\":\"AQID\"},\"bar\":\"baz\"}", "{\"/\":\"foo\"}", "{\"/\":{\"bytes\":\"A\"}}" })
	void decodeRejectsMapsInTheReservedNamespaceThatAreNeitherLinksNorBytes(String json) {
		assertThatExceptionOfType(IpldCodecException.class).isThrownBy(() -> decode(json));
	}

	@Test
	void encodeRejectsMapsThatWouldReadBackAsLinksOrBytes() {
		assertThatExceptionOfType(IpldCodecException.class)
			.isThrownBy(() -> DagJson.encode(Map.of("/", LINK.toString())))
			.withMessageContaining("use a Cid");
		assertThatExceptionOfType(IpldCodecException.class)
			.isThrownBy(() -> DagJson.encode(Map.of("/", Map.of("bytes", "AQID"))))
			.withMessageContaining("use a byte[]");
		assertThat(json(Map.of("/", LINK))).startsWith("{\"/\":{\"/\":");
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|',
			value = { "1.0|1.0", "100.0|100.0", "1.0E20|100000000000000000000.0", "1.0E21|1e+21", "1.5E300|1.5e+300",
					"1.0E-6|0.000001", "1.0E-7|1e-7", "0.1|0.1", "-2.5|-2.5", "123456.789|123456.789",
					"4.9E-324|5e-324", "1.7976931348623157E308|1.7976931348623157e+308", "2.0E-3|0.002", "0.0|0.0",
					"-0.0|-0.0" })
	void encodeWritesFloatsInShortestFormWithADecimalPointOrExponent(double value, String expected) {
		assertThat(json(value)).isEqualTo(expected);
		assertThat(decode(expected)).isEqualTo(value);
	}

	@ParameterizedTest
	@ValueSource(strings = { "1.10", "1e2", "1E+21", "1e21", "0.5e0", "5e-1", "1.0e-7", "100000000000000000000000.0",
			"1e400", "1e-400", "01.5", "1.", ".5", "+1.0", "0.30000000000000001" })
	void decodeRejectsFloatsNotInCanonicalForm(String json) {
		assertThatExceptionOfType(IpldCodecException.class).isThrownBy(() -> decode(json))
			.withMessageContaining("at byte offset");
	}

	@Test
	void encodeRejectsNanAndInfinity() {
		assertThatExceptionOfType(IpldCodecException.class).isThrownBy(() -> DagJson.encode(Double.NaN))
			.withMessageContaining("NaN");
		assertThatExceptionOfType(IpldCodecException.class)
			.isThrownBy(() -> DagJson.encode(List.of(Double.NEGATIVE_INFINITY)))
			.withMessageContaining("Infinity");
		assertThatExceptionOfType(IpldCodecException.class).isThrownBy(() -> decode("NaN"));
		assertThatExceptionOfType(IpldCodecException.class).isThrownBy(() -> decode("-Infinity"));
	}

	@Test
	void integersAndFloatsStayDistinct() {
		assertThat(decode("1")).isEqualTo(1L);
		assertThat(decode("1.0")).isEqualTo(1.0);
		assertThat(json(1)).isEqualTo("1");
		assertThat(json(1.0)).isEqualTo("1.0");
		assertThat(json((short) -7)).isEqualTo("-7");
		assertThat(json((byte) 8)).isEqualTo("8");
		assertThat(json(Long.MIN_VALUE)).isEqualTo("-9223372036854775808");
	}

	@Test
	void integersBeyondALongDecodeAsBigInteger() {
		BigInteger big = BigInteger.TWO.pow(64).negate();
		assertThat(decode(big.toString())).isEqualTo(big);
		assertThat(decode("9223372036854775808")).isEqualTo(new BigInteger("9223372036854775808"));
		assertThat(decode("-9223372036854775809")).isEqualTo(new BigInteger("-9223372036854775809"));
		assertThat(decode("9223372036854775807")).isEqualTo(Long.MAX_VALUE);
		assertThat(json(big)).isEqualTo(big.toString());
	}

	@ParameterizedTest
	@ValueSource(strings = { "-0", "01", "-01", "00", "+1", "1 ", " 1", "- 1" })
	void decodeRejectsIntegersNotInCanonicalForm(String json) {
		assertThatExceptionOfType(IpldCodecException.class).isThrownBy(() -> decode(json));
	}

	@Test
	void encodeEscapesStringsAsTheReferenceEncodersDo() {
		String text = "q\" b\\ \b\f\n\r\t \u0000\u0001\u001f / \u007f \u2028 é 水 \uD800\uDC00";
		assertThat(json(text))
			.isEqualTo("\"q\\\" b\\\\ \\b\\f\\n\\r\\t \\u0000\\u0001\\u001f / \u007f \u2028 é 水 \uD800\uDC00\"");
		assertThat(decode(json(text))).isEqualTo(text);
	}

	@Test
	void encodeWritesNonAsciiAsUtf8() {
		assertThat(HexFormat.of().formatHex(DagJson.encode("Čaues ßvěte!")))
			.isEqualTo("22c48c6175657320c39f76c49b74652122");
		assertThat(HexFormat.of().formatHex(DagJson.encode("\uD800\uDD51"))).isEqualTo("22f090859122");
	}

	@ParameterizedTest
	@ValueSource(strings = { "\"\\/\"", "\"\\u0041\"", "\"\\u000a\"", "\"\\u001F\"", "\"\\u00e9\"", "\"\\x\"",
			"\"\\ud83d\\ude00\"", "\"tab\there\"", "\"unterminated", "\"\\u00" })
	void decodeRejectsStringsNotInCanonicalForm(String json) {
		assertThatExceptionOfType(IpldCodecException.class).isThrownBy(() -> decode(json));
	}

	@ParameterizedTest
	@ValueSource(strings = { "22ff22", "22c0af22", "22e08080 22", "22eda08022", "22f4908080 22", "22c322" })
	void decodeRejectsInvalidUtf8(String hex) {
		byte[] bytes = HexFormat.of().parseHex(hex.replace(" ", ""));
		assertThatExceptionOfType(IpldCodecException.class).isThrownBy(() -> DagJson.decode(bytes))
			.withMessageContaining("UTF-8");
	}

	@Test
	void encodeRejectsUnpairedSurrogates() {
		assertThatExceptionOfType(IpldCodecException.class).isThrownBy(() -> DagJson.encode("a\uD800b"))
			.withMessageContaining("unpaired surrogate U+D800 at index 1");
	}

	@Test
	void decodeRejectsUnsortedKeysNamingTheKeyAndOffset() {
		assertThatExceptionOfType(IpldCodecException.class).isThrownBy(() -> decode("{\"b\":1,\"a\":2}"))
			.withMessage("map key \"a\" is out of order: keys must be sorted by their UTF-8 bytes, and it sorts"
					+ " before \"b\" at byte offset 7")
			.extracting(IpldCodecException::offset)
			.isEqualTo(7);
	}

	@Test
	void decodeRejectsDuplicateKeysFromTheNegativeFixture() {
		// codec-fixtures negative-fixtures/dag-json/decode/duplicate-keys.json
		byte[] bytes = HexFormat.of().parseHex("7b22666f6f223a312c22666f6f223a322c22626172223a337d");
		assertThatExceptionOfType(IpldCodecException.class).isThrownBy(() -> DagJson.decode(bytes))
			.withMessage("repeated map key \"foo\" at byte offset 9");
	}

	@ParameterizedTest
	@ValueSource(strings = { "{ }", "[1, 2]", "{\"a\": 1}", "{\"a\" :1}", "[1]\n", "\t[]", "[1,]", "[,1]", "{\"a\":1,}",
			"{a:1}", "", "[", "{", "{\"a\"}", "tru", "nul", "[] []", "'a'" })
	void decodeRejectsWhitespaceAndMalformedJson(String json) {
		assertThatExceptionOfType(IpldCodecException.class).isThrownBy(() -> decode(json))
			.withMessageContaining("at byte offset");
	}

	@Test
	void decodeNamesWhitespaceAsTheProblem() {
		assertThatExceptionOfType(IpldCodecException.class).isThrownBy(() -> decode("[1, 2]"))
			.withMessageContaining("whitespace")
			.withMessageEndingWith("at byte offset 3");
	}

	@Test
	void decodeRejectsLinksNotInCanonicalForm() {
		String base58v1 = Multibase.encodeBase58btc(LINK.bytes());
		assertThatExceptionOfType(IpldCodecException.class).isThrownBy(() -> decode("{\"/\":\"" + base58v1 + "\"}"))
			.withMessageContaining("base32 lower case");
		assertThatExceptionOfType(IpldCodecException.class).isThrownBy(() -> decode("{\"/\":\"bafyrei\"}"))
			.withMessageContaining("invalid link");
	}

	@Test
	void decodeRejectsBytesNotInCanonicalForm() {
		assertThatExceptionOfType(IpldCodecException.class).isThrownBy(() -> decode("{\"/\":{\"bytes\":\"AQ==\"}}"));
		assertThatExceptionOfType(IpldCodecException.class).isThrownBy(() -> decode("{\"/\":{\"bytes\":\"AR\"}}"))
			.withMessageContaining("not in canonical form");
		assertThatExceptionOfType(IpldCodecException.class).isThrownBy(() -> decode("{\"/\":{\"bytes\":\"-_8\"}}"));
		assertThatExceptionOfType(IpldCodecException.class).isThrownBy(() -> decode("{\"/\":{\"bytes\":\"mAQID\"}}"));
	}

	@Test
	void encodeRejectsUnsupportedTypesNamingThem() {
		assertThatExceptionOfType(IpldCodecException.class).isThrownBy(() -> DagJson.encode(new Object()))
			.withMessageContaining("java.lang.Object");
		assertThatExceptionOfType(IpldCodecException.class).isThrownBy(() -> DagJson.encode(Map.of("a", List.of(1.5f))))
			.withMessageContaining("java.lang.Float");
		assertThatExceptionOfType(IpldCodecException.class).isThrownBy(() -> DagJson.encode(Set.of(1)))
			.withMessageContaining("Set");
		assertThatExceptionOfType(IpldCodecException.class).isThrownBy(() -> DagJson.encode(Map.of(1, "a")))
			.withMessageContaining("map key 1 is a java.lang.Integer");
	}

	@Test
	void encodeRejectsCyclicValues() {
		List<Object> list = new ArrayList<>();
		list.add(list);
		assertThatExceptionOfType(IpldCodecException.class).isThrownBy(() -> DagJson.encode(list))
			.withMessageContaining("nested deeper");
	}

	@Test
	void decodeRejectsExcessiveNesting() {
		String json = "[".repeat(10_000) + "]".repeat(10_000);
		assertThatExceptionOfType(IpldCodecException.class).isThrownBy(() -> decode(json))
			.withMessageContaining("nested deeper");
	}

	@Test
	void decodeReturnsUnmodifiableCollectionsInKeyOrder() {
		Object value = decode("{\"a\":[1,null],\"b\":{}}");
		Map<?, ?> map = (Map<?, ?>) value;
		assertThat(new ArrayList<Object>(map.keySet())).containsExactly("a", "b");
		assertThat(new ArrayList<Object>((List<?>) map.get("a"))).containsExactly(1L, null);
		assertThatExceptionOfType(UnsupportedOperationException.class).isThrownBy(map::clear);
		assertThatExceptionOfType(UnsupportedOperationException.class)
			.isThrownBy(() -> ((List<?>) map.get("a")).clear());
	}

	@Test
	void encodeAcceptsNullValuesInMapsAndLists() {
		Map<String, Object> map = new LinkedHashMap<>();
		map.put("z", null);
		map.put("a", Arrays.asList(null, true, false));
		assertThat(json(map)).isEqualTo("{\"a\":[null,true,false],\"z\":null}");
		assertThat(json(null)).isEqualTo("null");
	}

	private static String json(Object value) {
		return new String(DagJson.encode(value), StandardCharsets.UTF_8);
	}

	private static Object decode(String json) {
		return DagJson.decode(json.getBytes(StandardCharsets.UTF_8));
	}

}
