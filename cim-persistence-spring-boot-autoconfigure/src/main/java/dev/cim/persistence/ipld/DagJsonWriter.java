package dev.cim.persistence.ipld;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Writes a value of the data model as canonical DAG-JSON: map keys sorted by their UTF-8
 * bytes, no whitespace, strings escaped as {@code JSON.stringify} does, floats in their
 * shortest form with a decimal point or exponent, links as {@code {"/":"<cid>"}} and
 * bytes as {@code {"/":{"bytes":"<base64>"}}}.
 */
final class DagJsonWriter {

	/**
	 * Orders strings by their UTF-8 bytes, which is the order of their code points (not
	 * that of {@link String#compareTo}, which compares UTF-16 units).
	 */
	static final Comparator<String> UTF8_ORDER = DagJsonWriter::compareCodePoints;

	/**
	 * The most lists and maps a value may be nested in, counting the outermost: both
	 * codecs write and read 512 levels and refuse 513.
	 */
	static final int MAX_DEPTH = 512;

	private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

	private final ByteArrayOutputStream out = new ByteArrayOutputStream();

	byte[] write(@Nullable Object value) {
		writeValue(value, 0);
		return this.out.toByteArray();
	}

	private void writeValue(@Nullable Object value, int depth) {
		if ((value instanceof List || value instanceof Map) && depth >= MAX_DEPTH) {
			throw new IpldCodecException(
					"value is nested deeper than " + MAX_DEPTH + " levels of lists and maps (is it cyclic?)");
		}
		if (value == null) {
			ascii("null");
		}
		else if (value instanceof Boolean b) {
			ascii(b ? "true" : "false");
		}
		else if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
			ascii(Long.toString(((Number) value).longValue()));
		}
		else if (value instanceof BigInteger big) {
			DagCborWriter.checkIntegerRange(big);
			ascii(big.toString());
		}
		else if (value instanceof Double d) {
			if (d.isNaN() || d.isInfinite()) {
				throw new IpldCodecException("float " + d + " is not in the IPLD data model (no NaN or Infinity)");
			}
			ascii(DagJsonFloats.format(d));
		}
		else if (value instanceof String s) {
			writeString(s);
		}
		else if (value instanceof byte[] bytes) {
			ascii("{\"/\":{\"bytes\":\"");
			ascii(Base64.getEncoder().withoutPadding().encodeToString(bytes));
			ascii("\"}}");
		}
		else if (value instanceof Cid cid) {
			ascii("{\"/\":\"");
			ascii(cid.toString());
			ascii("\"}");
		}
		else if (value instanceof List<?> list) {
			this.out.write('[');
			for (int i = 0; i < list.size(); i++) {
				if (i > 0) {
					this.out.write(',');
				}
				writeValue(list.get(i), depth + 1);
			}
			this.out.write(']');
		}
		else if (value instanceof Map<?, ?> map) {
			writeMap(map, depth);
		}
		else {
			throw new IpldCodecException("cannot encode a " + value.getClass().getName()
					+ " as DAG-JSON: use null, Boolean, Long, Integer, Short, Byte, BigInteger, Double, String,"
					+ " byte[], Cid, List or Map with String keys");
		}
	}

	private void writeMap(Map<?, ?> map, int depth) {
		List<Map.Entry<String, ?>> entries = new ArrayList<>(map.size());
		for (Map.Entry<?, ?> entry : map.entrySet()) {
			Object key = entry.getKey();
			if (!(key instanceof String name)) {
				throw new IpldCodecException("map key " + key + " is a "
						+ ((key != null) ? key.getClass().getName() : "null") + ": DAG-JSON map keys are strings");
			}
			entries.add(new AbstractMap.SimpleImmutableEntry<>(name, entry.getValue()));
		}
		entries.sort((a, b) -> UTF8_ORDER.compare(a.getKey(), b.getKey()));
		if (!entries.isEmpty()) {
			DagJsonReservedForms.checkNotReserved(entries.get(0).getKey(), entries.get(0).getValue());
		}
		this.out.write('{');
		for (int i = 0; i < entries.size(); i++) {
			if (i > 0) {
				this.out.write(',');
			}
			writeString(entries.get(i).getKey());
			this.out.write(':');
			writeValue(entries.get(i).getValue(), depth + 1);
		}
		this.out.write('}');
	}

	private void writeString(String s) {
		this.out.write('"');
		int length = s.length();
		for (int i = 0; i < length; i++) {
			char c = s.charAt(i);
			if (c == '"' || c == '\\') {
				this.out.write('\\');
				this.out.write(c);
			}
			else if (c < 0x20) {
				writeControl(c);
			}
			else if (c < 0x80) {
				this.out.write(c);
			}
			else if (Character.isSurrogate(c)) {
				if (!Character.isHighSurrogate(c) || i + 1 >= length || !Character.isLowSurrogate(s.charAt(i + 1))) {
					throw new IpldCodecException("string has an unpaired surrogate U+"
							+ Integer.toHexString(c).toUpperCase() + " at index " + i + ": it is not valid Unicode");
				}
				writeUtf8(Character.toCodePoint(c, s.charAt(i + 1)));
				i++;
			}
			else {
				writeUtf8(c);
			}
		}
		this.out.write('"');
	}

	private void writeControl(char c) {
		this.out.write('\\');
		switch (c) {
			case '\b' -> this.out.write('b');
			case '\t' -> this.out.write('t');
			case '\n' -> this.out.write('n');
			case '\f' -> this.out.write('f');
			case '\r' -> this.out.write('r');
			default -> {
				ascii("u00");
				this.out.write(HEX[c >> 4]);
				this.out.write(HEX[c & 0xF]);
			}
		}
	}

	private void writeUtf8(int codePoint) {
		if (codePoint < 0x800) {
			this.out.write(0xC0 | (codePoint >> 6));
		}
		else {
			if (codePoint < 0x10000) {
				this.out.write(0xE0 | (codePoint >> 12));
			}
			else {
				this.out.write(0xF0 | (codePoint >> 18));
				this.out.write(0x80 | ((codePoint >> 12) & 0x3F));
			}
			this.out.write(0x80 | ((codePoint >> 6) & 0x3F));
		}
		this.out.write(0x80 | (codePoint & 0x3F));
	}

	private void ascii(String text) {
		this.out.writeBytes(text.getBytes(StandardCharsets.US_ASCII));
	}

	private static int compareCodePoints(String a, String b) {
		int i = 0;
		int j = 0;
		while (i < a.length() && j < b.length()) {
			int x = a.codePointAt(i);
			int y = b.codePointAt(j);
			if (x != y) {
				return Integer.compare(x, y);
			}
			i += Character.charCount(x);
			j += Character.charCount(y);
		}
		return Integer.compare(a.length() - i, b.length() - j);
	}

}
