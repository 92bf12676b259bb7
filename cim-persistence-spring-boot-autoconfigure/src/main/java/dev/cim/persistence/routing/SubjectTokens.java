package dev.cim.persistence.routing;

import org.jspecify.annotations.Nullable;

/**
 * The rule every subject token taken from user data must satisfy: 1 to 128 characters of
 * {@code [A-Za-z0-9_-]}. Anything else (a dot, a wildcard, whitespace, a control
 * character) would change the meaning of a subject, so it is refused before anything is
 * sent. A name that is later composed into a longer one (a bucket or consumer name) may
 * be held to a shorter maximum with the same characters.
 */
public final class SubjectTokens {

	/** The longest token accepted. */
	public static final int MAX_LENGTH = 128;

	private SubjectTokens() {
	}

	/**
	 * Whether a token is valid.
	 * @param token the token to check
	 * @return {@code true} when {@link #require(String, String)} would accept it
	 */
	public static boolean isValid(@Nullable String token) {
		return problem(token, MAX_LENGTH) == null;
	}

	/**
	 * Whether a token is valid and at most {@code maxLength} characters long.
	 * @param token the token to check
	 * @param maxLength the longest token accepted, at most {@link #MAX_LENGTH}
	 * @return {@code true} when {@link #require(String, String, int)} would accept it
	 */
	public static boolean isValid(@Nullable String token, int maxLength) {
		return problem(token, checkedMaximum(maxLength)) == null;
	}

	/**
	 * Return the token when it is valid, otherwise throw.
	 * @param token the token to check
	 * @param what what the token is, for the message (for example {@code "aggregate id"})
	 * @return the token
	 * @throws IllegalArgumentException naming what the token is, the token and what is
	 * wrong with it
	 */
	public static String require(@Nullable String token, String what) {
		return require(token, what, MAX_LENGTH);
	}

	/**
	 * Return the token when it is valid and at most {@code maxLength} characters long,
	 * otherwise throw.
	 * @param token the token to check
	 * @param what what the token is, for the message (for example
	 * {@code "consumer prefix"})
	 * @param maxLength the longest token accepted, at most {@link #MAX_LENGTH}
	 * @return the token
	 * @throws IllegalArgumentException naming what the token is, the token and what is
	 * wrong with it
	 */
	public static String require(@Nullable String token, String what, int maxLength) {
		String problem = problem(token, checkedMaximum(maxLength));
		if (problem != null || token == null) {
			throw new IllegalArgumentException(what + " " + quote(token) + " is not a valid subject token: " + problem
					+ " (tokens are 1 to " + maxLength + " characters of [A-Za-z0-9_-])");
		}
		return token;
	}

	/**
	 * Whether a character may appear in a token.
	 * @param c the character
	 * @return {@code true} for {@code [A-Za-z0-9_-]}
	 */
	public static boolean isAllowed(char c) {
		return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
	}

	/**
	 * A token in quotes for a message: control characters escaped, cut after 160
	 * characters.
	 * @param token the token
	 * @return the quoted token, or {@code null} unquoted
	 */
	static String quote(@Nullable String token) {
		if (token == null) {
			return "null";
		}
		StringBuilder quoted = new StringBuilder("'");
		int limit = Math.min(token.length(), 160);
		for (int i = 0; i < limit; i++) {
			char c = token.charAt(i);
			quoted.append(Character.isISOControl(c) ? String.format("\\u%04x", (int) c) : String.valueOf(c));
		}
		if (token.length() > limit) {
			quoted.append("...");
		}
		return quoted.append("'").toString();
	}

	private static int checkedMaximum(int maxLength) {
		if (maxLength < 1 || maxLength > MAX_LENGTH) {
			throw new IllegalArgumentException(
					"the longest token must be 1 to " + MAX_LENGTH + " characters, was " + maxLength);
		}
		return maxLength;
	}

	/**
	 * What is wrong with a token.
	 * @param token the token
	 * @param maxLength the longest token accepted
	 * @return the problem, or {@code null} when the token is valid
	 */
	static @Nullable String problem(@Nullable String token, int maxLength) {
		if (token == null) {
			return "it is null";
		}
		if (token.isEmpty()) {
			return "it is empty";
		}
		if (token.length() > maxLength) {
			return "it has " + token.length() + " characters";
		}
		for (int i = 0; i < token.length(); i++) {
			char c = token.charAt(i);
			if (!isAllowed(c)) {
				return "it contains " + describe(c) + " at index " + i;
			}
		}
		return null;
	}

	private static String describe(char c) {
		if (c == '.' || c == '*' || c == '>') {
			return "'" + c + "'";
		}
		if (Character.isWhitespace(c)) {
			return "whitespace (U+" + String.format("%04X", (int) c) + ")";
		}
		if (Character.isISOControl(c)) {
			return "a control character (U+" + String.format("%04X", (int) c) + ")";
		}
		return "'" + c + "' (U+" + String.format("%04X", (int) c) + ")";
	}

}
