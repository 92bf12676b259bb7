package dev.cim.persistence.ipld;

/**
 * RFC 4648 base32 in lower case without padding, the encoding of multibase prefix
 * {@code b}.
 */
final class Base32 {

	private static final char[] ALPHABET = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();

	private Base32() {
	}

	static String encode(byte[] bytes) {
		StringBuilder text = new StringBuilder((bytes.length * 8 + 4) / 5);
		int buffer = 0;
		int bits = 0;
		for (byte b : bytes) {
			buffer = (buffer << 8) | (b & 0xFF);
			bits += 8;
			while (bits >= 5) {
				text.append(ALPHABET[(buffer >>> (bits - 5)) & 0x1F]);
				bits -= 5;
			}
		}
		if (bits > 0) {
			text.append(ALPHABET[(buffer << (5 - bits)) & 0x1F]);
		}
		return text.toString();
	}

	/**
	 * Decode lower-case base32 without padding; only the canonical form is accepted, so
	 * the unused bits of the last character must be zero.
	 * @param text the text
	 * @param start the index of the first base32 character
	 * @return the bytes
	 */
	static byte[] decode(String text, int start) {
		int characters = text.length() - start;
		int remainder = characters % 8;
		if (remainder == 1 || remainder == 3 || remainder == 6) {
			throw new IllegalArgumentException("invalid base32 length " + characters + " in \"" + text + "\"");
		}
		byte[] bytes = new byte[characters * 5 / 8];
		int buffer = 0;
		int bits = 0;
		int length = 0;
		for (int i = start; i < text.length(); i++) {
			int value = valueOf(text.charAt(i));
			if (value < 0) {
				throw new IllegalArgumentException("invalid base32 character '" + text.charAt(i) + "' at index " + i
						+ " of \"" + text + "\" (expected a-z or 2-7)");
			}
			buffer = (buffer << 5) | value;
			bits += 5;
			if (bits >= 8) {
				bytes[length++] = (byte) (buffer >>> (bits - 8));
				bits -= 8;
			}
		}
		if ((buffer & ((1 << bits) - 1)) != 0) {
			throw new IllegalArgumentException("base32 text \"" + text + "\" has non-zero trailing bits");
		}
		return bytes;
	}

	private static int valueOf(char c) {
		if (c >= 'a' && c <= 'z') {
			return c - 'a';
		}
		if (c >= '2' && c <= '7') {
			return c - '2' + 26;
		}
		return -1;
	}

}
