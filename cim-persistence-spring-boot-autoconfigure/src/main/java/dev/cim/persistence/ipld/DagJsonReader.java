package dev.cim.persistence.ipld;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Reads canonical DAG-JSON strictly: anything {@link DagJsonWriter} would not have
 * written for the same value is rejected with the byte offset where it was found.
 */
final class DagJsonReader {

	private static final int MAX_LONG_DIGITS = 18;

	/**
	 * The digits of 2^64, the largest magnitude an integer may have (as -2^64).
	 */
	private static final int MAX_INTEGER_DIGITS = 20;

	/**
	 * More characters than the canonical text of any double takes: at most 25, a sign,
	 * {@code 0.00000} and 17 significant digits.
	 */
	private static final int MAX_FLOAT_CHARS = 32;

	private final byte[] in;

	private int pos;

	DagJsonReader(byte[] in) {
		this.in = in;
	}

	@Nullable Object read() {
		Object value = readValue(0);
		if (this.pos < this.in.length) {
			throw fail("unexpected " + describe(this.pos) + " after the end of the value", this.pos);
		}
		return value;
	}

	/**
	 * Read a value inside {@code depth} lists and maps.
	 */
	private @Nullable Object readValue(int depth) {
		if (this.pos >= this.in.length) {
			throw fail("unexpected end of input, expected a value", this.pos);
		}
		byte b = this.in[this.pos];
		return switch (b) {
			case '{' -> readMap(depth);
			case '[' -> readList(depth);
			case '"' -> readString();
			case 't' -> literal("true", Boolean.TRUE);
			case 'f' -> literal("false", Boolean.FALSE);
			case 'n' -> literal("null", null);
			case '-', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9' -> readNumber();
			default -> throw fail("unexpected " + describe(this.pos) + ", expected a value", this.pos);
		};
	}

	private List<@Nullable Object> readList(int depth) {
		if (depth >= DagJsonWriter.MAX_DEPTH) {
			throw tooDeep(this.pos);
		}
		this.pos++;
		List<@Nullable Object> list = new ArrayList<>();
		if (peek() == ']') {
			this.pos++;
			return Collections.unmodifiableList(list);
		}
		while (true) {
			int itemOffset = this.pos;
			@Nullable Object item = readValue(depth + 1);
			if (item instanceof Map && depth + 1 >= DagJsonWriter.MAX_DEPTH) {
				throw tooDeep(itemOffset);
			}
			list.add(item);
			byte next = expectOneOf(',', ']', "list");
			if (next == ']') {
				return Collections.unmodifiableList(list);
			}
		}
	}

	private @Nullable Object readMap(int depth) {
		int start = this.pos;
		// Bytes are written as two nested maps and a link as one, so a map one or two
		// levels too deep may still be a value that is no map at all: its container
		// decides once it knows.
		if (depth > DagJsonWriter.MAX_DEPTH + 1) {
			throw tooDeep(start);
		}
		this.pos++;
		Map<String, @Nullable Object> map = new LinkedHashMap<>();
		if (peek() == '}') {
			this.pos++;
			return Collections.unmodifiableMap(map);
		}
		String previous = null;
		int firstValueOffset = -1;
		// Where a value that is a map one level too deep starts: an error unless this map
		// turns out to be the bytes form that wraps it.
		int tooDeepMap = -1;
		while (true) {
			int keyOffset = this.pos;
			if (peek() != '"') {
				throw fail("unexpected " + describe(this.pos) + ", expected a string map key", this.pos);
			}
			String key = readString();
			if (previous != null) {
				int order = DagJsonWriter.UTF8_ORDER.compare(previous, key);
				if (order == 0) {
					throw fail("repeated map key \"" + key + "\"", keyOffset);
				}
				if (order > 0) {
					throw fail(
							"map key \"" + key + "\" is out of order: keys must be sorted by their UTF-8 bytes, and it"
									+ " sorts before \"" + previous + "\"",
							keyOffset);
				}
			}
			if (peek() != ':') {
				throw fail("unexpected " + describe(this.pos) + ", expected ':' after a map key", this.pos);
			}
			this.pos++;
			if (firstValueOffset < 0) {
				firstValueOffset = this.pos;
			}
			int valueOffset = this.pos;
			@Nullable Object value = readValue(depth + 1);
			if (tooDeepMap < 0 && value instanceof Map && depth + 1 >= DagJsonWriter.MAX_DEPTH) {
				tooDeepMap = valueOffset;
			}
			map.put(key, value);
			previous = key;
			byte next = expectOneOf(',', '}', "map");
			if (next == '}') {
				@Nullable Object result = DagJsonReservedForms.read(map, start, firstValueOffset);
				if (result instanceof Map && tooDeepMap >= 0) {
					throw tooDeep(tooDeepMap);
				}
				return result;
			}
		}
	}

	private String readString() {
		int start = this.pos;
		this.pos++;
		StringBuilder text = new StringBuilder();
		while (true) {
			if (this.pos >= this.in.length) {
				throw fail("unterminated string", start);
			}
			int b = this.in[this.pos] & 0xFF;
			if (b == '"') {
				this.pos++;
				return text.toString();
			}
			if (b == '\\') {
				text.append(readEscape());
			}
			else if (b < 0x20) {
				throw fail("control character 0x" + Utf8.hex(b) + " must be escaped in a string", this.pos);
			}
			else if (b < 0x80) {
				text.append((char) b);
				this.pos++;
			}
			else {
				text.appendCodePoint(readUtf8());
			}
		}
	}

	private char readEscape() {
		int start = this.pos;
		this.pos++;
		if (this.pos >= this.in.length) {
			throw fail("unterminated escape", start);
		}
		byte b = this.in[this.pos++];
		switch (b) {
			case '"':
				return '"';
			case '\\':
				return '\\';
			case 'b':
				return '\b';
			case 'f':
				return '\f';
			case 'n':
				return '\n';
			case 'r':
				return '\r';
			case 't':
				return '\t';
			case 'u':
				return readUnicodeEscape(start);
			case '/':
				throw fail("non-canonical escape \\/: '/' is written unescaped", start);
			default:
				throw fail("invalid escape \\" + (char) b, start);
		}
	}

	private char readUnicodeEscape(int start) {
		if (this.pos + 4 > this.in.length) {
			throw fail("unterminated \\u escape", start);
		}
		int value = 0;
		for (int i = 0; i < 4; i++) {
			int b = this.in[this.pos++];
			int digit = (b >= '0' && b <= '9') ? b - '0' : (b >= 'a' && b <= 'f') ? b - 'a' + 10 : -1;
			if (digit < 0) {
				throw fail("invalid \\u escape: expected four lower-case hex digits", start);
			}
			value = (value << 4) | digit;
		}
		char c = (char) value;
		if (c >= 0x20 || c == '\b' || c == '\t' || c == '\n' || c == '\f' || c == '\r') {
			throw fail("non-canonical escape \\u" + String.format("%04x", value)
					+ ": only control characters without a short escape are written as \\u00XX", start);
		}
		return c;
	}

	private int readUtf8() {
		int codePoint = Utf8.decode(this.in, this.pos, this.in.length);
		this.pos += Utf8.length(codePoint);
		return codePoint;
	}

	private Object readNumber() {
		int start = this.pos;
		if (peek() == '-') {
			this.pos++;
		}
		if (peek() == '0') {
			this.pos++;
			if (isDigit(peek())) {
				throw fail("number has a leading zero", start);
			}
		}
		else if (!digits()) {
			throw fail("invalid number: expected a digit", this.pos);
		}
		boolean isFloat = false;
		if (peek() == '.') {
			isFloat = true;
			this.pos++;
			if (!digits()) {
				throw fail("invalid number: expected a digit after the decimal point", this.pos);
			}
		}
		if (peek() == 'e' || peek() == 'E') {
			isFloat = true;
			this.pos++;
			if (peek() == '+' || peek() == '-') {
				this.pos++;
			}
			if (!digits()) {
				throw fail("invalid number: expected a digit in the exponent", this.pos);
			}
		}
		String text = new String(this.in, start, this.pos - start, StandardCharsets.US_ASCII);
		return isFloat ? toFloat(text, start) : toInteger(text, start);
	}

	private Object toInteger(String text, int start) {
		if (text.equals("-0")) {
			throw fail("integer -0 is not canonical: it is written 0", start);
		}
		int digits = text.startsWith("-") ? text.length() - 1 : text.length();
		if (digits <= MAX_LONG_DIGITS) {
			return Long.parseLong(text);
		}
		// Checked before parsing, which takes time quadratic in the number of digits.
		if (digits > MAX_INTEGER_DIGITS) {
			throw fail("integer of " + digits + " digits is out of range: integers are from -2^64 to 2^64-1,"
					+ " as in DAG-CBOR", start);
		}
		BigInteger big = new BigInteger(text);
		try {
			DagCborWriter.checkIntegerRange(big);
		}
		catch (IpldCodecException ex) {
			throw fail(ex.getMessage(), start);
		}
		return (big.bitLength() < Long.SIZE) ? (Object) big.longValueExact() : big;
	}

	private Double toFloat(String text, int start) {
		if (text.length() > MAX_FLOAT_CHARS) {
			throw fail("float of " + text.length() + " characters is not in canonical form: the shortest text of a"
					+ " 64-bit float is never longer than " + MAX_FLOAT_CHARS, start);
		}
		double value = Double.parseDouble(text);
		if (Double.isInfinite(value)) {
			throw fail("float " + text + " is out of range of a 64-bit float", start);
		}
		String canonical = DagJsonFloats.format(value);
		if (!canonical.equals(text)) {
			throw fail("float " + text + " is not in canonical form: it is written " + canonical, start);
		}
		return value;
	}

	private boolean digits() {
		int start = this.pos;
		while (isDigit(peek())) {
			this.pos++;
		}
		return this.pos > start;
	}

	private static boolean isDigit(int b) {
		return b >= '0' && b <= '9';
	}

	private @Nullable Object literal(String word, @Nullable Object value) {
		byte[] expected = word.getBytes(StandardCharsets.US_ASCII);
		for (int i = 0; i < expected.length; i++) {
			if (this.pos + i >= this.in.length || this.in[this.pos + i] != expected[i]) {
				throw fail("invalid literal, expected " + word, this.pos);
			}
		}
		this.pos += expected.length;
		return value;
	}

	private byte expectOneOf(char separator, char end, String container) {
		int b = peek();
		if (b != separator && b != end) {
			throw fail("unexpected " + describe(this.pos) + " in " + container + ", expected '" + separator + "' or '"
					+ end + "'", this.pos);
		}
		this.pos++;
		return (byte) b;
	}

	/**
	 * Return the byte at the current position, or -1 at the end of the input.
	 */
	private int peek() {
		return (this.pos < this.in.length) ? this.in[this.pos] & 0xFF : -1;
	}

	private String describe(int offset) {
		if (offset >= this.in.length) {
			return "end of input";
		}
		int b = this.in[offset] & 0xFF;
		if (b == ' ' || b == '\t' || b == '\n' || b == '\r') {
			return "whitespace (canonical DAG-JSON has none)";
		}
		return (b > 0x20 && b < 0x7F) ? "'" + (char) b + "'" : "byte 0x" + Utf8.hex(b);
	}

	private static IpldCodecException tooDeep(int offset) {
		return fail("value is nested deeper than " + DagJsonWriter.MAX_DEPTH + " levels of lists and maps", offset);
	}

	private static IpldCodecException fail(String message, int offset) {
		return new IpldCodecException(message, offset);
	}

}
