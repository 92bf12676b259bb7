package dev.cim.persistence.ipld;

/**
 * The unsigned LEB128 varint of the multiformats specifications: seven bits per byte,
 * least significant group first, the high bit set on every byte but the last. Only
 * minimal encodings of values up to {@code 2^63-1} (at most nine bytes) are accepted.
 */
public final class Varint {

	/**
	 * The most bytes a varint may take: nine groups of seven bits hold 63 bits.
	 */
	public static final int MAX_BYTES = 9;

	private Varint() {
	}

	/**
	 * Encode a value.
	 * @param value the value, not negative
	 * @return the varint bytes
	 * @throws IllegalArgumentException when the value is negative
	 */
	public static byte[] encode(long value) {
		byte[] bytes = new byte[sizeOf(value)];
		long rest = value;
		for (int i = 0; i < bytes.length - 1; i++) {
			bytes[i] = (byte) ((rest & 0x7F) | 0x80);
			rest >>>= 7;
		}
		bytes[bytes.length - 1] = (byte) rest;
		return bytes;
	}

	/**
	 * Return how many bytes the varint of a value takes.
	 * @param value the value, not negative
	 * @return the size in bytes, from 1 to {@value #MAX_BYTES}
	 * @throws IllegalArgumentException when the value is negative
	 */
	public static int sizeOf(long value) {
		if (value < 0) {
			throw new IllegalArgumentException("varint value must not be negative: " + value);
		}
		int size = 1;
		long rest = value >>> 7;
		while (rest != 0) {
			size++;
			rest >>>= 7;
		}
		return size;
	}

	/**
	 * Decode a varint that spans the whole array.
	 * @param bytes the varint bytes
	 * @return the value
	 * @throws IllegalArgumentException when the bytes are not exactly one minimal varint
	 * of at most 63 bits
	 */
	public static long decode(byte[] bytes) {
		long value = decode(bytes, 0);
		int size = sizeOf(value);
		if (size != bytes.length) {
			throw new IllegalArgumentException(
					"varint takes " + size + " bytes but " + (bytes.length - size) + " bytes follow it");
		}
		return value;
	}

	/**
	 * Decode the varint that starts at an offset. Since only minimal encodings are
	 * accepted, the number of bytes read is {@link #sizeOf(long) sizeOf(value)}.
	 * @param bytes the bytes to read from
	 * @param offset where the varint starts
	 * @return the value
	 * @throws IllegalArgumentException when there is no complete varint at the offset, it
	 * is not minimally encoded, or its value is above {@code 2^63-1}
	 */
	public static long decode(byte[] bytes, int offset) {
		if (offset < 0 || offset > bytes.length) {
			throw new IllegalArgumentException(
					"varint offset " + offset + " is outside the " + bytes.length + " bytes");
		}
		long value = 0;
		for (int i = 0; i < MAX_BYTES; i++) {
			int position = offset + i;
			if (position >= bytes.length) {
				throw new IllegalArgumentException(
						"varint at offset " + offset + " is truncated after " + i + " bytes");
			}
			int b = bytes[position] & 0xFF;
			value |= ((long) (b & 0x7F)) << (7 * i);
			if ((b & 0x80) == 0) {
				if (b == 0 && i > 0) {
					throw new IllegalArgumentException(
							"varint at offset " + offset + " is not minimally encoded (it ends with a zero group)");
				}
				return value;
			}
		}
		throw new IllegalArgumentException("varint at offset " + offset + " is longer than " + MAX_BYTES
				+ " bytes: its value would exceed 2^63-1");
	}

}
