package dev.cim.persistence.query;

import org.springframework.dao.InvalidDataAccessApiUsageException;

/**
 * A query text that does not follow the query language: names the offset where reading
 * stopped and what was expected there.
 */
public class QuerySyntaxException extends InvalidDataAccessApiUsageException {

	private static final long serialVersionUID = 1L;

	private final String query;

	private final int offset;

	private final String expected;

	/**
	 * Create the exception.
	 * @param query the query text
	 * @param offset the offset (0-based, in characters) where the text went wrong
	 * @param expected what was expected there
	 */
	public QuerySyntaxException(String query, int offset, String expected) {
		super("malformed query at offset " + offset + ": expected " + expected + " in '" + shorten(query) + "'");
		this.query = query;
		this.offset = offset;
		this.expected = expected;
	}

	/**
	 * The query text.
	 * @return the text as given
	 */
	public String getQuery() {
		return this.query;
	}

	/**
	 * Where the text went wrong.
	 * @return the 0-based character offset
	 */
	public int getOffset() {
		return this.offset;
	}

	/**
	 * What was expected at the offset.
	 * @return a description such as {@code "a field name"}
	 */
	public String getExpected() {
		return this.expected;
	}

	private static String shorten(String query) {
		StringBuilder text = new StringBuilder();
		int limit = Math.min(query.length(), 200);
		for (int i = 0; i < limit; i++) {
			char c = query.charAt(i);
			text.append(Character.isISOControl(c) ? String.format("\\u%04x", (int) c) : String.valueOf(c));
		}
		return (query.length() > limit) ? text + "..." : text.toString();
	}

}
