package dev.cim.persistence.ipld;

/**
 * Strict decoding of one UTF-8 sequence, shared by the DAG-CBOR and DAG-JSON readers:
 * overlong forms, surrogates and code points beyond U+10FFFF are refused, as are
 * truncated sequences and stray continuation bytes.
 */
final class Utf8 {

	private Utf8() {
	}

	/**
	 * Decode the code point whose lead byte is at {@code start}.
	 * @param in the input
	 * @param start the offset of the lead byte
	 * @param end the offset the sequence must end at or before
	 * @return the code point, which takes {@link #length(int)} bytes of the input
	 * @throws IpldCodecException if the bytes are not well-formed UTF-8
	 */
	static int decode(byte[] in, int start, int end) {
		int lead = in[start] & 0xFF;
		if (lead < 0x80) {
			return lead;
		}
		int length;
		int codePoint;
		int min;
		if (lead >= 0xC2 && lead <= 0xDF) {
			length = 2;
			codePoint = lead & 0x1F;
			min = 0x80;
		}
		else if (lead >= 0xE0 && lead <= 0xEF) {
			length = 3;
			codePoint = lead & 0x0F;
			min = 0x800;
		}
		else if (lead >= 0xF0 && lead <= 0xF4) {
			length = 4;
			codePoint = lead & 0x07;
			min = 0x10000;
		}
		else {
			throw new IpldCodecException("invalid UTF-8 byte 0x" + hex(lead) + " in string", start);
		}
		if (start + length > end) {
			throw new IpldCodecException("truncated UTF-8 sequence in string", start);
		}
		for (int i = 1; i < length; i++) {
			int b = in[start + i] & 0xFF;
			if ((b & 0xC0) != 0x80) {
				throw new IpldCodecException("invalid UTF-8 continuation byte 0x" + hex(b) + " in string", start + i);
			}
			codePoint = (codePoint << 6) | (b & 0x3F);
		}
		if (codePoint < min || codePoint > Character.MAX_CODE_POINT
				|| (codePoint >= Character.MIN_SURROGATE && codePoint <= Character.MAX_SURROGATE)) {
			throw new IpldCodecException("invalid UTF-8 sequence (overlong, surrogate or beyond U+10FFFF) in string",
					start);
		}
		return codePoint;
	}

	/**
	 * The number of bytes of the shortest UTF-8 form of a code point, the only form
	 * {@link #decode(byte[], int, int)} accepts.
	 * @param codePoint a code point
	 * @return 1 to 4
	 */
	static int length(int codePoint) {
		if (codePoint < 0x80) {
			return 1;
		}
		if (codePoint < 0x800) {
			return 2;
		}
		return (codePoint < 0x10000) ? 3 : 4;
	}

	/**
	 * A byte as two lower-case hex digits, as error messages quote it.
	 * @param b the byte, 0 to 255
	 * @return for example {@code "c0"}
	 */
	static String hex(int b) {
		return String.format("%02x", b);
	}

}
