package dev.cim.persistence.ipld;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Writes a value of the data model as canonical DAG-CBOR: the shortest head for every
 * integer and length, map keys sorted length-first and then by their bytes, floats always
 * as 64-bit, links as tag 42 over a byte string of {@code 0x00} and the binary CID, and
 * no other tag, no indefinite length and no simple value but false, true and null.
 */
final class DagCborWriter {

	static final int MAJOR_UNSIGNED = 0;

	static final int MAJOR_NEGATIVE = 1;

	static final int MAJOR_BYTES = 2;

	static final int MAJOR_STRING = 3;

	static final int MAJOR_LIST = 4;

	static final int MAJOR_MAP = 5;

	static final int MAJOR_TAG = 6;

	static final int MAJOR_SIMPLE = 7;

	static final int FALSE = 0xf4;

	static final int TRUE = 0xf5;

	static final int NULL = 0xf6;

	static final int FLOAT64 = 0xfb;

	static final int CID_TAG = 42;

	/**
	 * Orders encoded map keys as RFC 7049 canonical CBOR does: a shorter key first, keys
	 * of the same length by their bytes compared as unsigned values.
	 */
	static final Comparator<byte[]> KEY_ORDER = (a, b) -> (a.length != b.length) ? Integer.compare(a.length, b.length)
			: Arrays.compareUnsigned(a, b);

	private final ByteArrayOutputStream out = new ByteArrayOutputStream();

	byte[] write(@Nullable Object value) {
		writeValue(value, 0);
		return this.out.toByteArray();
	}

	private void writeValue(@Nullable Object value, int depth) {
		if ((value instanceof List || value instanceof Map) && depth >= DagJsonWriter.MAX_DEPTH) {
			throw new IpldCodecException("value is nested deeper than " + DagJsonWriter.MAX_DEPTH
					+ " levels of lists and maps (is it cyclic?)");
		}
		if (value == null) {
			this.out.write(NULL);
		}
		else if (value instanceof Boolean b) {
			this.out.write(b ? TRUE : FALSE);
		}
		else if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
			writeInteger(((Number) value).longValue());
		}
		else if (value instanceof BigInteger big) {
			writeInteger(big);
		}
		else if (value instanceof Double d) {
			writeFloat(d);
		}
		else if (value instanceof String s) {
			byte[] utf8 = utf8(s);
			writeHead(MAJOR_STRING, utf8.length);
			this.out.writeBytes(utf8);
		}
		else if (value instanceof byte[] bytes) {
			writeHead(MAJOR_BYTES, bytes.length);
			this.out.writeBytes(bytes);
		}
		else if (value instanceof Cid cid) {
			writeLink(cid);
		}
		else if (value instanceof List<?> list) {
			writeHead(MAJOR_LIST, list.size());
			for (Object item : list) {
				writeValue(item, depth + 1);
			}
		}
		else if (value instanceof Map<?, ?> map) {
			writeMap(map, depth);
		}
		else {
			throw new IpldCodecException("cannot encode a " + value.getClass().getName()
					+ " as DAG-CBOR: use null, Boolean, Long, Integer, Short, Byte, BigInteger, Double, String,"
					+ " byte[], Cid, List or Map with String keys");
		}
	}

	private void writeInteger(long value) {
		if (value >= 0) {
			writeHead(MAJOR_UNSIGNED, value);
		}
		else {
			// -1 - value, which is ~value, is not negative and fits in a long.
			writeHead(MAJOR_NEGATIVE, ~value);
		}
	}

	private void writeInteger(BigInteger value) {
		checkIntegerRange(value);
		if (value.signum() >= 0) {
			// The low 64 bits, read as unsigned.
			writeHead(MAJOR_UNSIGNED, value.longValue());
		}
		else {
			writeHead(MAJOR_NEGATIVE, value.negate().subtract(BigInteger.ONE).longValue());
		}
	}

	/**
	 * Check that an integer is one both codecs hold: from {@code -2^64} to
	 * {@code 2^64-1}, what the heads of CBOR major types 0 and 1 can carry.
	 * @throws IpldCodecException when it is not
	 */
	static void checkIntegerRange(BigInteger value) {
		// -2^64 .. 2^64-1 are exactly the integers of at most 64 bits besides the sign.
		if (value.bitLength() > Long.SIZE) {
			String text = (value.bitLength() <= 256) ? value.toString() : "of " + value.bitLength() + " bits";
			throw new IpldCodecException(
					"integer " + text + ((value.signum() > 0) ? " is above 2^64-1, the largest integer"
							: " is below -2^64, the smallest integer") + " of DAG-CBOR and DAG-JSON");
		}
	}

	private void writeFloat(double value) {
		if (Double.isNaN(value) || Double.isInfinite(value)) {
			throw new IpldCodecException("float " + value + " is not in the IPLD data model (no NaN or Infinity)");
		}
		this.out.write(FLOAT64);
		writeLong(Double.doubleToRawLongBits(value));
	}

	private void writeLink(Cid cid) {
		byte[] bytes = cid.bytes();
		this.out.write((MAJOR_TAG << 5) | 24);
		this.out.write(CID_TAG);
		// The identity multibase prefix, which the specification says must not be
		// omitted.
		writeHead(MAJOR_BYTES, bytes.length + 1L);
		this.out.write(0x00);
		this.out.writeBytes(bytes);
	}

	private void writeMap(Map<?, ?> map, int depth) {
		List<Entry> entries = new ArrayList<>(map.size());
		for (Map.Entry<?, ?> entry : map.entrySet()) {
			Object key = entry.getKey();
			if (!(key instanceof String name)) {
				throw new IpldCodecException("map key " + key + " is a "
						+ ((key != null) ? key.getClass().getName() : "null") + ": DAG-CBOR map keys are strings");
			}
			entries.add(new Entry(utf8(name), entry.getValue()));
		}
		entries.sort((a, b) -> KEY_ORDER.compare(a.key(), b.key()));
		writeHead(MAJOR_MAP, entries.size());
		for (Entry entry : entries) {
			writeHead(MAJOR_STRING, entry.key().length);
			this.out.writeBytes(entry.key());
			writeValue(entry.value(), depth + 1);
		}
	}

	/**
	 * Write the head of an item: its major type and its argument in the fewest bytes.
	 * @param major the major type, 0 to 7
	 * @param argument the argument, read as an unsigned 64-bit value
	 */
	private void writeHead(int major, long argument) {
		int type = major << 5;
		if (Long.compareUnsigned(argument, 24) < 0) {
			this.out.write(type | (int) argument);
		}
		else if (Long.compareUnsigned(argument, 0xFFL) <= 0) {
			this.out.write(type | 24);
			this.out.write((int) argument);
		}
		else if (Long.compareUnsigned(argument, 0xFFFFL) <= 0) {
			this.out.write(type | 25);
			this.out.write((int) (argument >>> 8));
			this.out.write((int) argument);
		}
		else if (Long.compareUnsigned(argument, 0xFFFFFFFFL) <= 0) {
			this.out.write(type | 26);
			for (int shift = 24; shift >= 0; shift -= 8) {
				this.out.write((int) (argument >>> shift));
			}
		}
		else {
			this.out.write(type | 27);
			writeLong(argument);
		}
	}

	private void writeLong(long bits) {
		for (int shift = 56; shift >= 0; shift -= 8) {
			this.out.write((int) (bits >>> shift));
		}
	}

	/**
	 * Return the UTF-8 bytes of a string that is valid Unicode ({@link String#getBytes}
	 * would silently replace an unpaired surrogate).
	 */
	private static byte[] utf8(String s) {
		for (int i = 0; i < s.length(); i++) {
			char c = s.charAt(i);
			if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
				i++;
			}
			else if (Character.isSurrogate(c)) {
				throw new IpldCodecException("string has an unpaired surrogate U+"
						+ Integer.toHexString(c).toUpperCase() + " at index " + i + ": it is not valid Unicode");
			}
		}
		return s.getBytes(StandardCharsets.UTF_8);
	}

	/**
	 * A map entry with its key as UTF-8 bytes, in which the value may be null.
	 */
	private record Entry(byte[] key, @Nullable Object value) {
	}

}
