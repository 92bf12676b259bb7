package dev.cim.persistence.routing;

import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * A pattern that selects ids: {@code *} or {@code >} for every id, an exact id (a valid
 * subject token), or a glob of {@code [A-Za-z0-9_-]} and {@code *}, where each {@code *}
 * matches any run of characters, including none ({@code o-*}, {@code *-eu},
 * {@code a*b*c}). The server filters by one subject token ({@link #filterToken()}: the
 * id, or {@code *} for a glob); {@link #matches(String)} selects among what it returns.
 * Immutable and thread-safe.
 */
public final class IdPattern {

	private static final IdPattern ALL = new IdPattern("*", List.of("", ""));

	private final String pattern;

	/** The literal parts between the {@code *}s; {@code null} for an exact id. */
	private final @Nullable List<String> parts;

	private IdPattern(String pattern, @Nullable List<String> parts) {
		this.pattern = pattern;
		this.parts = parts;
	}

	/**
	 * The pattern that selects every id.
	 * @return {@code *}
	 */
	public static IdPattern all() {
		return ALL;
	}

	/**
	 * Read a pattern whose exact ids are named "id" in messages.
	 * @param pattern {@code *} or {@code >}, an exact id, or a glob such as {@code o-*}
	 * @return the pattern
	 * @throws IllegalArgumentException when the pattern is none of these
	 */
	public static IdPattern of(String pattern) {
		return of(pattern, "id");
	}

	/**
	 * Read a pattern.
	 * @param pattern {@code *} or {@code >}, an exact id, or a glob such as {@code o-*}
	 * @param what what an exact id is, for the message (for example
	 * {@code "aggregate id"})
	 * @return the pattern
	 * @throws IllegalArgumentException when the pattern is none of these: an exact id
	 * that is not a valid subject token is refused as {@link SubjectTokens} does, a glob
	 * with another character than {@code [A-Za-z0-9_-]} and {@code *} as an invalid id
	 * pattern
	 */
	public static IdPattern of(String pattern, String what) {
		Objects.requireNonNull(pattern, "idPattern");
		if (pattern.equals("*") || pattern.equals(">")) {
			return (pattern.equals("*")) ? ALL : new IdPattern(pattern, ALL.parts);
		}
		if (pattern.indexOf('*') < 0) {
			return new IdPattern(SubjectTokens.require(pattern, what), null);
		}
		List<String> parts = List.of(pattern.split("\\*", -1));
		for (String part : parts) {
			for (int i = 0; i < part.length(); i++) {
				if (!SubjectTokens.isAllowed(part.charAt(i))) {
					throw new IllegalArgumentException("id pattern " + SubjectTokens.quote(pattern)
							+ " may hold only [A-Za-z0-9_-] and '*', or be '>'");
				}
			}
		}
		return new IdPattern(pattern, parts);
	}

	/**
	 * Whether the pattern holds a wildcard, so that the server returns more ids than it
	 * selects unless it is {@link #isAll()}.
	 * @return {@code true} for {@code *}, {@code >} and globs; {@code false} for an exact
	 * id
	 */
	public boolean isWildcard() {
		return this.parts != null;
	}

	/**
	 * Whether the pattern selects every id.
	 * @return {@code true} for {@code *}, {@code >} and globs of {@code *} only, such as
	 * {@code **}
	 */
	public boolean isAll() {
		return this.parts != null && this.parts.stream().allMatch(String::isEmpty);
	}

	/**
	 * The subject token the server filters by.
	 * @return {@code *} for a wildcard pattern, the id otherwise
	 */
	public String filterToken() {
		return isWildcard() ? "*" : this.pattern;
	}

	/**
	 * Whether an id is selected.
	 * @param id the id
	 * @return whether it matches the pattern
	 */
	public boolean matches(String id) {
		List<String> literal = this.parts;
		if (literal == null) {
			return this.pattern.equals(id);
		}
		String first = literal.get(0);
		String last = literal.get(literal.size() - 1);
		if (id.length() < first.length() + last.length() || !id.startsWith(first) || !id.endsWith(last)) {
			return false;
		}
		// Each part in between is taken at its first place after the one before: if any
		// placement fits, that one does.
		int from = first.length();
		int end = id.length() - last.length();
		for (int i = 1; i < literal.size() - 1; i++) {
			String part = literal.get(i);
			int at = id.indexOf(part, from);
			if (at < 0 || at + part.length() > end) {
				return false;
			}
			from = at + part.length();
		}
		return true;
	}

	/**
	 * The pattern as written.
	 * @return the pattern
	 */
	public String pattern() {
		return this.pattern;
	}

	@Override
	public boolean equals(@Nullable Object other) {
		return (other instanceof IdPattern that) && this.pattern.equals(that.pattern);
	}

	@Override
	public int hashCode() {
		return this.pattern.hashCode();
	}

	@Override
	public String toString() {
		return this.pattern;
	}

}
