package dev.cim.persistence.query;

import dev.cim.persistence.routing.SubjectTokens;

/**
 * The NATS subject patterns a query may name: tokens separated by {@code .}, each a valid
 * subject token (see {@link SubjectTokens}), {@code *} (one token) or, last only,
 * {@code >} (one or more tokens), as the server matches them.
 */
final class SubjectPattern {

	private SubjectPattern() {
	}

	/**
	 * Return the pattern when it is valid, otherwise throw.
	 * @throws IllegalArgumentException naming the token and what is wrong with it
	 */
	static String require(String pattern) {
		if (pattern.isEmpty()) {
			throw new IllegalArgumentException("subject pattern is empty");
		}
		String[] tokens = pattern.split("\\.", -1);
		for (int i = 0; i < tokens.length; i++) {
			String token = tokens[i];
			if (token.equals(">")) {
				if (i != tokens.length - 1) {
					throw new IllegalArgumentException(
							"subject pattern '" + pattern + "' has '>' before its last token (token " + (i + 1) + ")");
				}
			}
			else if (!token.equals("*")) {
				SubjectTokens.require(token, "token " + (i + 1) + " of subject pattern '" + pattern + "':");
			}
		}
		return pattern;
	}

	/**
	 * Whether a subject matches a pattern, as the server decides.
	 */
	static boolean matches(String pattern, String subject) {
		String[] p = pattern.split("\\.", -1);
		String[] s = subject.split("\\.", -1);
		for (int i = 0; i < p.length; i++) {
			if (p[i].equals(">")) {
				return s.length > i;
			}
			if (i >= s.length || !p[i].equals("*") && !p[i].equals(s[i])) {
				return false;
			}
		}
		return p.length == s.length;
	}

	/**
	 * Whether some subject could match both patterns.
	 */
	static boolean overlaps(String first, String second) {
		String[] a = first.split("\\.", -1);
		String[] b = second.split("\\.", -1);
		for (int i = 0;; i++) {
			if (i == a.length || i == b.length) {
				return a.length == b.length;
			}
			if (a[i].equals(">") || b[i].equals(">")) {
				return true;
			}
			if (!a[i].equals("*") && !b[i].equals("*") && !a[i].equals(b[i])) {
				return false;
			}
		}
	}

}
