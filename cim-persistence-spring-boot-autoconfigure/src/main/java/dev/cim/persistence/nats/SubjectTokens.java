package dev.cim.persistence.nats;

/**
 * The rule every subject token taken from user data must satisfy: 1 to 128 characters of
 * {@code [A-Za-z0-9_-]}. Anything else (a dot, a wildcard, whitespace, a control
 * character) would change the meaning of a subject, so it is refused before anything is
 * sent.
 */
public final class SubjectTokens {

	/** The longest token accepted. */
	public static final int MAX_LENGTH = 128;

	private SubjectTokens() {
	}

	/**
	 * Return the token when it is valid, otherwise throw.
	 * @param what what the token is, for the message (for example {@code "aggregate id"})
	 * @param token the token to check
	 * @return the token
	 * @throws IllegalArgumentException naming the token and what is wrong with it
	 */
	public static String requireValid(String what, String token) {
		String problem = problem(token);
		if (problem != null) {
			throw new IllegalArgumentException(what + " " + quote(token) + " is not a valid subject token: " + problem
					+ " (tokens are 1 to " + MAX_LENGTH + " characters of [A-Za-z0-9_-])");
		}
		return token;
	}

	/**
	 * Whether the token is valid.
	 * @param token the token to check
	 * @return {@code true} when {@link #requireValid} would accept it
	 */
	public static boolean isValid(String token) {
		return problem(token) == null;
	}

	private static String problem(String token) {
		if (token == null) {
			return "it is null";
		}
		if (token.isEmpty()) {
			return "it is empty";
		}
		if (token.length() > MAX_LENGTH) {
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

	private static boolean isAllowed(char c) {
		return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
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

	private static String quote(String token) {
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

}
