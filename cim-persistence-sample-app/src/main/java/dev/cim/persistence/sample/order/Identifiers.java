package dev.cim.persistence.sample.order;

import dev.cim.persistence.routing.SubjectTokens;
import org.jspecify.annotations.Nullable;

/**
 * The shape of order ids, customer ids and skus: 1 to 64 characters of
 * {@code [A-Za-z0-9_-]}: the library's subject-token rule ({@link SubjectTokens}), with
 * the shorter length this service allows.
 */
public final class Identifiers {

	private static final int MAX_LENGTH = 64;

	private Identifiers() {
	}

	/**
	 * Whether a value is a valid identifier.
	 * @param value the value
	 * @return whether it is 1 to 64 characters of {@code [A-Za-z0-9_-]}
	 */
	public static boolean isValid(@Nullable String value) {
		return SubjectTokens.isValid(value, MAX_LENGTH);
	}

	/**
	 * Check an identifier.
	 * @param name what the value is, for the message
	 * @param value the value
	 * @return the value
	 * @throws IllegalArgumentException when the value is missing or malformed
	 */
	public static String require(String name, @Nullable String value) {
		if (value == null) {
			throw new IllegalArgumentException(name + " is required");
		}
		if (!isValid(value)) {
			throw new IllegalArgumentException(name + " must be 1 to 64 characters of A-Z, a-z, 0-9, '_' and '-'");
		}
		return value;
	}

}
