package dev.cim.persistence.ipld;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import static dev.cim.persistence.ipld.DagCborWriter.MAJOR_BYTES;
import static dev.cim.persistence.ipld.DagCborWriter.MAJOR_LIST;
import static dev.cim.persistence.ipld.DagCborWriter.MAJOR_MAP;
import static dev.cim.persistence.ipld.DagCborWriter.MAJOR_NEGATIVE;
import static dev.cim.persistence.ipld.DagCborWriter.MAJOR_SIMPLE;
import static dev.cim.persistence.ipld.DagCborWriter.MAJOR_STRING;
import static dev.cim.persistence.ipld.DagCborWriter.MAJOR_UNSIGNED;

/**
 * Reads canonical DAG-CBOR strictly: anything {@link DagCborWriter} would not have
 * written for the same value is rejected with the byte offset where it was found.
 */
final class DagCborReader {

	private static final String[] MAJOR_NAMES = { "unsigned integer", "negative integer", "byte string", "text string",
			"array", "map", "tag", "simple value or float" };

	/**
	 * The most items a list is sized for before they are read.
	 */
	private static final int PRESIZE_LIMIT = 64;

	private final byte[] in;

	private int pos;

	DagCborReader(byte[] in) {
		this.in = in;
	}

	@Nullable Object read() {
		if (this.in.length == 0) {
			throw fail("empty input, expected a value", 0);
		}
		Object value = readValue(0);
		if (this.pos < this.in.length) {
			throw fail((this.in.length - this.pos) + " trailing bytes after the value (a block holds exactly one)",
					this.pos);
		}
		return value;
	}

	/**
	 * Read a value inside {@code depth} lists and maps.
	 */
	private @Nullable Object readValue(int depth) {
		int start = this.pos;
		int initial = next(start, "a value");
		int major = initial >>> 5;
		int info = initial & 0x1F;
		if (major == MAJOR_SIMPLE) {
			return readSimple(info, start);
		}
		long argument = readArgument(major, info, start);
		return switch (major) {
			case MAJOR_UNSIGNED -> (argument >= 0) ? (Object) argument : unsigned(argument);
			case MAJOR_NEGATIVE ->
				(argument >= 0) ? (Object) (-1 - argument) : unsigned(argument).negate().subtract(BigInteger.ONE);
			case MAJOR_BYTES -> readBytes(argument, start);
			case MAJOR_STRING -> readString(argument, start);
			case MAJOR_LIST -> readList(argument, start, depth);
			case MAJOR_MAP -> readMap(argument, start, depth);
			default -> readLink(argument, start); // major type 6, a tag
		};
	}

	/**
	 * Read the argument of a head whose initial byte is already consumed, and check that
	 * it takes the fewest bytes.
	 * @return the argument, to be read as an unsigned 64-bit value
	 */
	private long readArgument(int major, int info, int start) {
		if (info < 24) {
			return info;
		}
		if (info == 31) {
			throw fail(
					"indefinite-length " + MAJOR_NAMES[major] + " is not allowed: DAG-CBOR uses definite lengths only",
					start);
		}
		if (info > 27) {
			throw fail("reserved additional information " + info + " in the head of a " + MAJOR_NAMES[major], start);
		}
		int size = 1 << (info - 24);
		need(size, start);
		long argument = 0;
		for (int i = 0; i < size; i++) {
			argument = (argument << 8) | (this.in[this.pos++] & 0xFF);
		}
		long smallest = switch (size) {
			case 1 -> 24;
			case 2 -> 0x100;
			case 4 -> 0x10000;
			default -> 0x100000000L;
		};
		if (Long.compareUnsigned(argument, smallest) < 0) {
			throw fail("non-canonical head of a " + MAJOR_NAMES[major] + ": " + Long.toUnsignedString(argument)
					+ " is written in " + size + " bytes but fits in fewer", start);
		}
		return argument;
	}

	private @Nullable Object readSimple(int info, int start) {
		switch (info) {
			case 20:
				return Boolean.FALSE;
			case 21:
				return Boolean.TRUE;
			case 22:
				return null;
			case 23:
				throw fail("undefined is not in the IPLD data model", start);
			case 25:
			case 26:
				throw fail("float written in " + ((info == 25) ? 16 : 32) + " bits: DAG-CBOR floats are always 64-bit",
						start);
			case 27:
				return readFloat(start);
			case 31:
				throw fail("unexpected break: DAG-CBOR uses definite lengths only", start);
			default:
				throw fail("simple value " + ((info == 24) ? "in one extra byte" : String.valueOf(info))
						+ " is not supported: only false, true, null and 64-bit floats are", start);
		}
	}

	private Double readFloat(int start) {
		need(8, start);
		long bits = 0;
		for (int i = 0; i < 8; i++) {
			bits = (bits << 8) | (this.in[this.pos++] & 0xFF);
		}
		double value = Double.longBitsToDouble(bits);
		if (Double.isNaN(value) || Double.isInfinite(value)) {
			throw fail("float " + value + " is not in the IPLD data model (no NaN or Infinity)", start);
		}
		return value;
	}

	private byte[] readBytes(long length, int start) {
		int size = length(length, start, "byte string");
		byte[] bytes = Arrays.copyOfRange(this.in, this.pos, this.pos + size);
		this.pos += size;
		return bytes;
	}

	private String readString(long length, int start) {
		int size = length(length, start, "text string");
		int end = this.pos + size;
		StringBuilder text = new StringBuilder(size);
		while (this.pos < end) {
			text.appendCodePoint(readUtf8(end));
		}
		return text.toString();
	}

	private List<@Nullable Object> readList(long length, int start, int depth) {
		checkDepth(depth, start);
		// Every item takes at least one byte, so a longer list cannot be in the input.
		// Even so the list grows as items arrive: nested lists may all declare the same
		// remaining bytes, and sizing each by its declaration would allocate that many
		// times over.
		int size = length(length, start, "array");
		List<@Nullable Object> list = new ArrayList<>(Math.min(size, PRESIZE_LIMIT));
		for (int i = 0; i < size; i++) {
			list.add(readValue(depth + 1));
		}
		return Collections.unmodifiableList(list);
	}

	private Map<String, @Nullable Object> readMap(long length, int start, int depth) {
		checkDepth(depth, start);
		int size = length(length, start, "map");
		Map<String, @Nullable Object> map = new LinkedHashMap<>();
		byte[] previous = null;
		for (int i = 0; i < size; i++) {
			int keyOffset = this.pos;
			int initial = next(keyOffset, "a map key");
			if (initial >>> 5 != MAJOR_STRING) {
				throw fail("map key is a " + MAJOR_NAMES[initial >>> 5] + ": DAG-CBOR map keys are strings", keyOffset);
			}
			int keyLength = length(readArgument(MAJOR_STRING, initial & 0x1F, keyOffset), keyOffset, "text string");
			int keyStart = this.pos;
			String key = readString(keyLength, keyOffset);
			byte[] keyBytes = Arrays.copyOfRange(this.in, keyStart, this.pos);
			if (previous != null) {
				int order = DagCborWriter.KEY_ORDER.compare(previous, keyBytes);
				if (order == 0) {
					throw fail("repeated map key \"" + key + "\"", keyOffset);
				}
				if (order > 0) {
					throw fail("map key \"" + key + "\" is out of order: keys are sorted by length and then by their"
							+ " bytes, and it sorts before the key that precedes it", keyOffset);
				}
			}
			previous = keyBytes;
			map.put(key, readValue(depth + 1));
		}
		return Collections.unmodifiableMap(map);
	}

	private Cid readLink(long tag, int start) {
		if (tag != DagCborWriter.CID_TAG) {
			throw fail("tag " + Long.toUnsignedString(tag) + " is not supported: DAG-CBOR allows only tag 42 (links)",
					start);
		}
		int contentOffset = this.pos;
		int initial = next(contentOffset, "the byte string of a link");
		if (initial >>> 5 != MAJOR_BYTES) {
			throw fail("tag 42 holds a " + MAJOR_NAMES[initial >>> 5] + ": a link is a byte string", contentOffset);
		}
		byte[] bytes = readBytes(readArgument(MAJOR_BYTES, initial & 0x1F, contentOffset), contentOffset);
		if (bytes.length == 0 || bytes[0] != 0x00) {
			throw fail("a link's bytes must start with the identity multibase prefix 0x00", contentOffset);
		}
		try {
			return Cid.decode(Arrays.copyOfRange(bytes, 1, bytes.length));
		}
		catch (IllegalArgumentException ex) {
			throw new IpldCodecException("invalid link: " + ex.getMessage(), contentOffset, ex);
		}
	}

	private int readUtf8(int end) {
		int codePoint = Utf8.decode(this.in, this.pos, end);
		this.pos += Utf8.length(codePoint);
		return codePoint;
	}

	/**
	 * Check a declared length against the bytes that are left, so that a forged length
	 * cannot make the reader allocate more than the input holds.
	 */
	private int length(long length, int start, String what) {
		if (length < 0 || length > this.in.length - this.pos) {
			throw fail(what + " declares " + Long.toUnsignedString(length) + " items or bytes but only "
					+ (this.in.length - this.pos) + " bytes are left", start);
		}
		return (int) length;
	}

	/**
	 * Refuse a list or map inside {@link DagJsonWriter#MAX_DEPTH} others: it would be one
	 * level too many.
	 */
	private void checkDepth(int depth, int start) {
		if (depth >= DagJsonWriter.MAX_DEPTH) {
			throw fail("value is nested deeper than " + DagJsonWriter.MAX_DEPTH + " levels of lists and maps", start);
		}
	}

	private int next(int offset, String expected) {
		if (this.pos >= this.in.length) {
			throw fail("unexpected end of input, expected " + expected, offset);
		}
		return this.in[this.pos++] & 0xFF;
	}

	private void need(int size, int start) {
		if (size > this.in.length - this.pos) {
			throw fail("unexpected end of input in the head of an item, " + size + " more bytes expected", start);
		}
	}

	private static BigInteger unsigned(long argument) {
		return new BigInteger(Long.toUnsignedString(argument));
	}

	private static IpldCodecException fail(String message, int offset) {
		return new IpldCodecException(message, offset);
	}

}
