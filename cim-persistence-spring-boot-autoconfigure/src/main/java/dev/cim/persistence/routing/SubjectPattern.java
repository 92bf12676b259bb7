package dev.cim.persistence.routing;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A NATS subject pattern: dot-separated tokens, each a valid subject token
 * ({@link SubjectTokens}), {@code *} (exactly one token) or {@code >} (one or more
 * tokens, only as the last token). A pattern without wildcards is a literal subject and
 * matches itself only.
 *
 * <p>
 * Refused, with an {@link IllegalArgumentException} naming the pattern and the token
 * position: an empty pattern, empty tokens (leading, trailing or doubled dots), {@code >}
 * before the last token, a token that mixes a wildcard with text ({@code a*}, {@code >b})
 * and a token that breaks the token rule. These are the rules nats-server applies to
 * subscription subjects, with the project's stricter token characters.
 *
 * <p>
 * Immutable and thread-safe; equal when written the same.
 */
public final class SubjectPattern {

	static final String ONE = "*";

	static final String REST = ">";

	private final String pattern;

	private final String[] tokens;

	private final boolean literal;

	private SubjectPattern(String pattern, String[] tokens) {
		this.pattern = pattern;
		this.tokens = tokens;
		boolean wildcard = false;
		for (String token : tokens) {
			wildcard |= isWildcard(token);
		}
		this.literal = !wildcard;
	}

	/**
	 * Read a pattern.
	 * @param pattern the pattern, for example
	 * {@code cim.events.sales.Order.*.OrderPlaced.>}
	 * @return the pattern
	 * @throws IllegalArgumentException when the pattern breaks a rule, naming the
	 * pattern, the token (1-based) and its character index
	 */
	public static SubjectPattern of(String pattern) {
		return new SubjectPattern(pattern, tokenize(pattern, "subject pattern", true));
	}

	/**
	 * Read a literal subject (no wildcards), such as one a message is published to.
	 * @param subject the subject
	 * @return the subject as a pattern that matches itself only
	 * @throws IllegalArgumentException when the subject breaks a rule or holds a wildcard
	 */
	public static SubjectPattern literal(String subject) {
		return new SubjectPattern(subject, tokenize(subject, "subject", false));
	}

	/**
	 * Split and check a pattern or a literal subject.
	 * @param text the pattern or subject
	 * @param what what it is, for messages
	 * @param wildcards whether {@code *} and {@code >} tokens are accepted
	 * @return the tokens
	 */
	static String[] tokenize(@Nullable String text, String what, boolean wildcards) {
		if (text == null) {
			throw new IllegalArgumentException(what + " is null");
		}
		if (text.isEmpty()) {
			throw new IllegalArgumentException(what + " '' is empty");
		}
		int count = 1;
		for (int i = 0; i < text.length(); i++) {
			if (text.charAt(i) == '.') {
				count++;
			}
		}
		String[] tokens = new String[count];
		int start = 0;
		for (int t = 0; t < count; t++) {
			int end = text.indexOf('.', start);
			if (end < 0) {
				end = text.length();
			}
			String token = text.substring(start, end);
			check(text, what, wildcards, token, t, start, t == count - 1);
			tokens[t] = token;
			start = end + 1;
		}
		return tokens;
	}

	private static void check(String text, String what, boolean wildcards, String token, int position, int index,
			boolean last) {
		String at = what + " " + SubjectTokens.quote(text) + ": token " + (position + 1) + " (index " + index + ")";
		if (token.isEmpty()) {
			throw new IllegalArgumentException(
					at + " is empty: tokens are separated by single dots, with none at either end");
		}
		if (isWildcard(token)) {
			if (!wildcards) {
				throw new IllegalArgumentException(at + " is the wildcard '" + token + "': a subject must be literal");
			}
			if (token.equals(REST) && !last) {
				throw new IllegalArgumentException(at + " is '>', which may only be the last token");
			}
			return;
		}
		if (token.indexOf('*') >= 0 || token.indexOf('>') >= 0) {
			throw new IllegalArgumentException(at + " " + SubjectTokens.quote(token)
					+ " mixes a wildcard with text: '*' and '>' must be whole tokens");
		}
		String problem = SubjectTokens.problem(token, SubjectTokens.MAX_LENGTH);
		if (problem != null) {
			throw new IllegalArgumentException(at + " " + SubjectTokens.quote(token) + " is not a valid subject token: "
					+ problem + " (tokens are 1 to " + SubjectTokens.MAX_LENGTH + " characters of [A-Za-z0-9_-]"
					+ (wildcards ? ", or a whole '*' or '>')" : ")"));
		}
	}

	static boolean isWildcard(String token) {
		return token.equals(ONE) || token.equals(REST);
	}

	/**
	 * The pattern as written.
	 * @return the pattern
	 */
	public String pattern() {
		return this.pattern;
	}

	/**
	 * The tokens.
	 * @return the tokens, in order
	 */
	public List<String> tokens() {
		return List.of(this.tokens);
	}

	/**
	 * The tokens, shared: never modify.
	 * @return the tokens
	 */
	String[] tokenArray() {
		return this.tokens;
	}

	/**
	 * Whether the pattern holds no wildcard, so that it matches one subject only.
	 * @return {@code true} for a literal subject
	 */
	public boolean isLiteral() {
		return this.literal;
	}

	/**
	 * Whether a literal subject matches the pattern, by comparing token after token. This
	 * is the plain way that {@link SubjectRouter} improves on: it reads the subject once
	 * per pattern.
	 * @param subject a literal subject
	 * @return whether it matches
	 * @throws IllegalArgumentException when the subject breaks a rule or holds a wildcard
	 */
	public boolean matches(String subject) {
		return matchesTokens(tokenize(subject, "subject", false));
	}

	/**
	 * Whether checked literal tokens match the pattern.
	 * @param subject the tokens of a literal subject
	 * @return whether they match
	 */
	boolean matchesTokens(String[] subject) {
		for (int i = 0; i < this.tokens.length; i++) {
			String token = this.tokens[i];
			if (token.equals(REST)) {
				return subject.length > i;
			}
			if (i == subject.length || (!token.equals(ONE) && !token.equals(subject[i]))) {
				return false;
			}
		}
		return subject.length == this.tokens.length;
	}

	/**
	 * Whether every subject this pattern matches is also matched by another one: the
	 * other pattern covers this one ({@code a.*} covers {@code a.b} and {@code a.*};
	 * {@code a.>} covers {@code a.*.c}; {@code a.*} does not cover {@code a.>}).
	 * @param other the pattern that may be the wider one
	 * @return whether {@code other} matches every subject this pattern matches
	 */
	public boolean isCoveredBy(SubjectPattern other) {
		String[] mine = this.tokens;
		String[] theirs = other.tokens;
		for (int i = 0; i < theirs.length; i++) {
			String wide = theirs[i];
			if (wide.equals(REST)) {
				return mine.length > i;
			}
			if (i == mine.length || mine[i].equals(REST)) {
				return false;
			}
			if (!wide.equals(ONE) && !wide.equals(mine[i])) {
				return false;
			}
		}
		return mine.length == theirs.length;
	}

	/**
	 * Whether some subject matches both this pattern and another one ({@code a.*} and
	 * {@code *.b} both match {@code a.b}; {@code a.>} and {@code a} match nothing in
	 * common).
	 * @param other the other pattern
	 * @return whether the two patterns share a subject
	 */
	public boolean intersects(SubjectPattern other) {
		String[] a = this.tokens;
		String[] b = other.tokens;
		for (int i = 0;; i++) {
			if (i == a.length || i == b.length) {
				return a.length == b.length;
			}
			String x = a[i];
			String y = b[i];
			if (x.equals(REST) || y.equals(REST)) {
				return true;
			}
			if (!x.equals(ONE) && !y.equals(ONE) && !x.equals(y)) {
				return false;
			}
		}
	}

	@Override
	public boolean equals(@Nullable Object other) {
		return (other instanceof SubjectPattern that) && this.pattern.equals(that.pattern);
	}

	@Override
	public int hashCode() {
		return this.pattern.hashCode();
	}

	/**
	 * The pattern as written.
	 * @return the pattern
	 */
	@Override
	public String toString() {
		return this.pattern;
	}

}
