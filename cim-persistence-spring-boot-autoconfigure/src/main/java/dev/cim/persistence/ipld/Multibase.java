package dev.cim.persistence.ipld;

/**
 * Multibase strings: a one-character prefix that names the base, then the encoded bytes.
 * Two bases are supported: {@code b}, RFC 4648 base32 in lower case without padding (the
 * form of CIDv1 strings), and {@code z}, base58btc.
 */
public final class Multibase {

	/**
	 * The prefix of base32 lower case without padding.
	 */
	public static final char BASE32 = 'b';

	/**
	 * The prefix of base58btc.
	 */
	public static final char BASE58BTC = 'z';

	private Multibase() {
	}

	/**
	 * Encode bytes as base32 lower case without padding.
	 * @param bytes the bytes
	 * @return {@code "b"} followed by the base32 text
	 */
	public static String encodeBase32(byte[] bytes) {
		return BASE32 + Base32.encode(bytes);
	}

	/**
	 * Encode bytes as base58btc.
	 * @param bytes the bytes
	 * @return {@code "z"} followed by the base58btc text
	 */
	public static String encodeBase58btc(byte[] bytes) {
		return BASE58BTC + Base58.encode(bytes);
	}

	/**
	 * Decode a multibase string.
	 * @param text the string, starting with its base prefix
	 * @return the bytes
	 * @throws IllegalArgumentException when the string is empty, its prefix is not
	 * {@code b} or {@code z}, or the rest is not valid in that base
	 */
	public static byte[] decode(String text) {
		if (text.isEmpty()) {
			throw new IllegalArgumentException("multibase string is empty: it has no base prefix");
		}
		char prefix = text.charAt(0);
		if (prefix == BASE32) {
			return Base32.decode(text, 1);
		}
		if (prefix == BASE58BTC) {
			return Base58.decode(text.substring(1));
		}
		throw new IllegalArgumentException("unsupported multibase prefix '" + prefix + "' in \"" + text
				+ "\" (supported: 'b' base32 lower case, 'z' base58btc)");
	}

}
