package dev.cim.persistence.eventroute;

import dev.cim.persistence.routing.SubjectTokens;

/**
 * The subject pattern rules of routed handlers: tokens of {@code [A-Za-z0-9_-]},
 * {@code *} for one token, {@code >} for the rest, last only; no empty token.
 */
final class SubjectPatterns {

	private SubjectPatterns() {
	}

	static String require(String pattern, String what) {
		String[] tokens = pattern.split("\\.", -1);
		for (int i = 0; i < tokens.length; i++) {
			String token = tokens[i];
			boolean wildcard = "*".equals(token) || (">".equals(token) && i == tokens.length - 1);
			if (!wildcard && !SubjectTokens.isValid(token)) {
				throw new IllegalArgumentException(what + " '" + pattern + "' is not a valid subject pattern: token "
						+ (i + 1) + " '" + token + "' must be 1 to " + SubjectTokens.MAX_LENGTH
						+ " characters of [A-Za-z0-9_-], '*', or '>' as the last token");
			}
		}
		return pattern;
	}

	/**
	 * Whether some subject matches both patterns.
	 */
	static boolean intersect(String first, String second) {
		String[] a = first.split("\\.");
		String[] b = second.split("\\.");
		int i = 0;
		while (i < a.length && i < b.length) {
			if (">".equals(a[i]) || ">".equals(b[i])) {
				return true;
			}
			if (!"*".equals(a[i]) && !"*".equals(b[i]) && !a[i].equals(b[i])) {
				return false;
			}
			i++;
		}
		return a.length == b.length;
	}

}
