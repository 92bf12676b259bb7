package dev.cim.persistence.testsupport;

import java.util.UUID;

/**
 * Identifiers no other test uses, valid as a subject token.
 */
public final class Ids {

	private Ids() {
	}

	/**
	 * A new identifier.
	 * @param prefix says what the identifier names, for example {@code "a"} for an
	 * account
	 * @return for example {@code a-1b4e28ba-2fa1-11d2-883f-0016d3cca427}
	 */
	public static String next(String prefix) {
		return prefix + "-" + UUID.randomUUID();
	}

	/**
	 * A new short identifier, for names with a length limit (consumers, prefixes).
	 * @param prefix says what the identifier names
	 * @return for example {@code run-1b4e28ba}
	 */
	public static String nextShort(String prefix) {
		return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
	}

}
