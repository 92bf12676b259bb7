package dev.cim.persistence.ipld;

import java.util.Arrays;

/**
 * Base58 with the bitcoin alphabet ("base58btc"), as used by CIDv0 strings and multibase
 * prefix {@code z}. Each leading zero byte is written as a leading {@code 1}.
 */
public final class Base58 {

	private static final char[] ALPHABET = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz".toCharArray();

	private static final int[] INDEXES = new int[128];

	static {
		Arrays.fill(INDEXES, -1);
		for (int i = 0; i < ALPHABET.length; i++) {
			INDEXES[ALPHABET[i]] = i;
		}
	}

	private Base58() {
	}

	/**
	 * Encode bytes.
	 * @param bytes the bytes
	 * @return the base58btc text, without a multibase prefix
	 */
	public static String encode(byte[] bytes) {
		int zeros = 0;
		while (zeros < bytes.length && bytes[zeros] == 0) {
			zeros++;
		}
		// log(256) / log(58) < 1.37, so this many digits always suffice.
		char[] digits = new char[bytes.length * 2];
		int length = 0;
		byte[] number = Arrays.copyOfRange(bytes, zeros, bytes.length);
		int start = 0;
		while (start < number.length) {
			int remainder = 0;
			for (int i = start; i < number.length; i++) {
				int value = (remainder << 8) | (number[i] & 0xFF);
				number[i] = (byte) (value / 58);
				remainder = value % 58;
			}
			digits[length++] = ALPHABET[remainder];
			while (start < number.length && number[start] == 0) {
				start++;
			}
		}
		StringBuilder text = new StringBuilder(zeros + length);
		text.append("1".repeat(zeros));
		for (int i = length - 1; i >= 0; i--) {
			text.append(digits[i]);
		}
		return text.toString();
	}

	/**
	 * Decode base58btc text.
	 * @param text the text, without a multibase prefix
	 * @return the bytes
	 * @throws IllegalArgumentException when the text holds a character outside the
	 * alphabet
	 */
	public static byte[] decode(String text) {
		int zeros = 0;
		while (zeros < text.length() && text.charAt(zeros) == '1') {
			zeros++;
		}
		// log(58) / log(256) < 0.733, so this many bytes always suffice.
		byte[] number = new byte[text.length()];
		int used = 0;
		for (int i = zeros; i < text.length(); i++) {
			char c = text.charAt(i);
			int digit = (c < 128) ? INDEXES[c] : -1;
			if (digit < 0) {
				throw new IllegalArgumentException(
						"invalid base58btc character '" + c + "' at index " + i + " of \"" + text + "\"");
			}
			int carry = digit;
			int j = number.length - 1;
			for (int k = 0; k < used || carry != 0; k++, j--) {
				carry += 58 * (number[j] & 0xFF);
				number[j] = (byte) carry;
				carry >>>= 8;
				if (k >= used) {
					used = k + 1;
				}
			}
		}
		byte[] bytes = new byte[zeros + used];
		System.arraycopy(number, number.length - used, bytes, zeros, used);
		return bytes;
	}

}
