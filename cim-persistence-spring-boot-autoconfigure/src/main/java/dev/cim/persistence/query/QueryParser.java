package dev.cim.persistence.query;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntPredicate;
import java.util.function.Supplier;

import dev.cim.persistence.routing.SubjectTokens;
import org.jspecify.annotations.Nullable;

/**
 * Reads the text form of a query by recursive descent:
 *
 * <pre>
 * query     = "subject:" pattern { "since" instant | "until" instant | "from" seq | "limit" n }
 *           | "readmodel:" type [ "." idpattern ] [ "where" condition { "and" condition } ] [ "limit" n ]
 *           | "aggregate:" context "." type "." idpattern [ "limit" n ]
 * condition = field "=" value | field "in" "(" value { "," value } ")"
 * value     = quoted string | number | "true" | "false" | "null" | bare word
 * </pre>
 *
 * Keywords are lower case; tokens are separated by spaces. Strings are quoted with
 * {@code "} or {@code '} and take the escapes {@code \" \' \\ \/ \n \r \t \\uXXXX}.
 * Written by hand: the grammar is a handful of productions, a parser generator would add
 * a runtime dependency and a build plugin to the starter for them, and descent by hand
 * names the exact offset and what was expected there in every error.
 */
final class QueryParser {

	private static final String CLAUSES = "'since', 'until', 'from', 'limit' or the end of the query";

	private final String text;

	private int position;

	QueryParser(String text) {
		this.text = text;
	}

	Query parse() {
		skipSpace();
		int start = this.position;
		String kind = read(QueryPrinter::isBareStart);
		if (!at(':') || !(kind.equals("subject") || kind.equals("readmodel") || kind.equals("aggregate"))) {
			throw error(start, "'subject:', 'readmodel:' or 'aggregate:'");
		}
		this.position++;
		Query query = switch (kind) {
			case "subject" -> subject();
			case "readmodel" -> readModel();
			default -> aggregate();
		};
		skipSpace();
		if (this.position < this.text.length()) {
			throw error(this.position, "the end of the query");
		}
		return query;
	}

	private SubjectQuery subject() {
		int patternAt = this.position;
		String pattern = read((c) -> !isSpace(c));
		if (pattern.isEmpty()) {
			throw error(patternAt, "a subject pattern");
		}
		SubjectQuery query = build(patternAt, "a subject pattern", () -> SubjectQuery.of(pattern));
		List<String> seen = new ArrayList<>();
		while (true) {
			skipSpace();
			if (this.position >= this.text.length()) {
				return query;
			}
			int clauseAt = this.position;
			String clause = read(QueryPrinter::isBarePart);
			if (seen.contains(clause)) {
				throw error(clauseAt, "no second '" + clause + "'");
			}
			seen.add(clause);
			SubjectQuery current = query;
			switch (clause) {
				case "since" -> {
					Instant since = instant();
					query = build(clauseAt, "'since' not after 'until'", () -> current.since(since));
				}
				case "until" -> {
					Instant until = instant();
					query = build(clauseAt, "'until' not before 'since'", () -> current.until(until));
				}
				case "from" -> {
					long from = number(1, Long.MAX_VALUE, "a stream sequence from 1");
					query = current.from(from);
				}
				case "limit" -> query = current.limit(limit());
				default -> throw error(clauseAt, CLAUSES);
			}
		}
	}

	private ReadModelWhere readModel() {
		int typeAt = this.position;
		String type = token(typeAt, "a read-model type");
		String idPattern = "*";
		int idAt = this.position;
		if (at('.')) {
			this.position++;
			idAt = this.position;
			idPattern = idPattern("a read-model id pattern");
		}
		String ids = idPattern;
		ReadModelWhere query = build(idAt, "a read-model id pattern", () -> ReadModelWhere.of(type).id(ids));
		skipSpace();
		int clauseAt = this.position;
		String clause = read(QueryPrinter::isBarePart);
		if (clause.equals("where")) {
			query = query.and(condition());
			while (true) {
				skipSpace();
				clauseAt = this.position;
				clause = read(QueryPrinter::isBarePart);
				if (!clause.equals("and")) {
					break;
				}
				query = query.and(condition());
			}
		}
		if (clause.equals("limit")) {
			return query.limit(limit());
		}
		if (!clause.isEmpty()) {
			throw error(clauseAt, "'where', 'and', 'limit' or the end of the query");
		}
		return query;
	}

	private AggregateQuery aggregate() {
		String context = token(this.position, "a bounded context");
		expect('.', "'.' and the aggregate type");
		String type = token(this.position, "an aggregate type");
		expect('.', "'.' and an aggregate id pattern");
		int idAt = this.position;
		String idPattern = idPattern("an aggregate id pattern");
		AggregateQuery query = build(idAt, "an aggregate id pattern",
				() -> AggregateQuery.of(context, type, idPattern));
		skipSpace();
		int clauseAt = this.position;
		String clause = read(QueryPrinter::isBarePart);
		if (clause.equals("limit")) {
			return query.limit(limit());
		}
		if (!clause.isEmpty()) {
			throw error(clauseAt, "'limit' or the end of the query");
		}
		return query;
	}

	private Condition condition() {
		skipSpace();
		int fieldAt = this.position;
		String field = token(fieldAt, "a field name");
		skipSpace();
		if (at('=')) {
			this.position++;
			@Nullable Object value = value();
			return Condition.equal(field, value);
		}
		int inAt = this.position;
		if (!read(QueryPrinter::isBarePart).equals("in")) {
			throw error(inAt, "'=' or 'in' after field '" + field + "'");
		}
		skipSpace();
		expect('(', "'(' and a list of values");
		List<@Nullable Object> values = new ArrayList<>();
		values.add(value());
		while (true) {
			skipSpace();
			if (at(')')) {
				this.position++;
				return Condition.in(field, values);
			}
			expect(',', "',' or ')'");
			values.add(value());
		}
	}

	private @Nullable Object value() {
		skipSpace();
		int valueAt = this.position;
		if (at('"') || at('\'')) {
			return quoted();
		}
		if (at('-') || (this.position < this.text.length() && isDigit(this.text.charAt(this.position)))) {
			return decimal();
		}
		if (this.position < this.text.length() && QueryPrinter.isBareStart(this.text.charAt(this.position))) {
			String word = read(QueryPrinter::isBarePart);
			return switch (word) {
				case "true" -> Boolean.TRUE;
				case "false" -> Boolean.FALSE;
				case "null" -> null;
				default -> word;
			};
		}
		throw error(valueAt, "a value: a quoted string, a number, true, false, null or a word");
	}

	private String quoted() {
		char quote = this.text.charAt(this.position++);
		StringBuilder value = new StringBuilder();
		while (this.position < this.text.length()) {
			char c = this.text.charAt(this.position++);
			if (c == quote) {
				return value.toString();
			}
			if (c != '\\') {
				value.append(c);
				continue;
			}
			int escapeAt = this.position - 1;
			if (this.position >= this.text.length()) {
				break;
			}
			char escaped = this.text.charAt(this.position++);
			switch (escaped) {
				case '"', '\'', '\\', '/' -> value.append(escaped);
				case 'n' -> value.append('\n');
				case 'r' -> value.append('\r');
				case 't' -> value.append('\t');
				case 'u' -> value.append(unicode(escapeAt));
				default -> throw error(escapeAt, "an escape: \\\" \\' \\\\ \\/ \\n \\r \\t or \\uXXXX");
			}
		}
		throw error(this.text.length(), "a closing " + quote);
	}

	private char unicode(int escapeAt) {
		if (this.position + 4 > this.text.length()) {
			throw error(escapeAt, "four hexadecimal digits after \\u");
		}
		int code = 0;
		for (int i = 0; i < 4; i++) {
			int digit = Character.digit(this.text.charAt(this.position + i), 16);
			if (digit < 0) {
				throw error(escapeAt, "four hexadecimal digits after \\u");
			}
			code = code * 16 + digit;
		}
		this.position += 4;
		return (char) code;
	}

	private BigDecimal decimal() {
		int numberAt = this.position;
		if (at('-')) {
			this.position++;
		}
		requireDigits(numberAt);
		if (at('.')) {
			this.position++;
			requireDigits(numberAt);
		}
		if (at('e') || at('E')) {
			this.position++;
			if (at('+') || at('-')) {
				this.position++;
			}
			requireDigits(numberAt);
		}
		if (this.position < this.text.length() && QueryPrinter.isBarePart(this.text.charAt(this.position))) {
			throw error(this.position, "a space, ',' or ')' after the number");
		}
		try {
			return new BigDecimal(this.text.substring(numberAt, this.position)).stripTrailingZeros();
		}
		catch (NumberFormatException | ArithmeticException ex) {
			throw error(numberAt, "a number whose exponent is in range");
		}
	}

	private void requireDigits(int numberAt) {
		if (read(QueryParser::isDigit).isEmpty()) {
			throw error((this.position < this.text.length()) ? this.position : numberAt, "a digit");
		}
	}

	private Instant instant() {
		skipSpace();
		int instantAt = this.position;
		String value = read((c) -> !isSpace(c));
		try {
			return Instant.parse(value);
		}
		catch (DateTimeParseException ex) {
			throw error(instantAt, "an ISO-8601 instant such as 2026-01-01T00:00:00Z");
		}
	}

	private int limit() {
		return (int) number(1, Integer.MAX_VALUE, "a limit from 1 to " + Integer.MAX_VALUE);
	}

	private long number(long min, long max, String expected) {
		skipSpace();
		int numberAt = this.position;
		String digits = read(QueryParser::isDigit);
		if (digits.isEmpty() || digits.length() > 19
				|| (this.position < this.text.length() && QueryPrinter.isBarePart(this.text.charAt(this.position)))) {
			throw error(numberAt, expected);
		}
		long value;
		try {
			value = Long.parseLong(digits);
		}
		catch (NumberFormatException ex) {
			throw error(numberAt, expected);
		}
		if (value < min || value > max) {
			throw error(numberAt, expected);
		}
		return value;
	}

	private String token(int tokenAt, String expected) {
		String token = read((c) -> SubjectTokens.isAllowed((char) c));
		if (!SubjectTokens.isValid(token)) {
			throw error(tokenAt, expected + " (1 to " + SubjectTokens.MAX_LENGTH + " characters of [A-Za-z0-9_-])");
		}
		return token;
	}

	private String idPattern(String expected) {
		int patternAt = this.position;
		String pattern = read((c) -> SubjectTokens.isAllowed((char) c) || c == '*' || c == '>');
		if (pattern.isEmpty()) {
			throw error(patternAt, expected);
		}
		return pattern;
	}

	private void expect(char c, String expected) {
		if (!at(c)) {
			throw error(this.position, expected);
		}
		this.position++;
	}

	private <T> T build(int offset, String expected, Supplier<T> builder) {
		try {
			return builder.get();
		}
		catch (IllegalArgumentException ex) {
			throw error(offset, expected + " (" + ex.getMessage() + ")");
		}
	}

	private boolean at(char c) {
		return this.position < this.text.length() && this.text.charAt(this.position) == c;
	}

	private String read(IntPredicate accepted) {
		int start = this.position;
		while (this.position < this.text.length() && accepted.test(this.text.charAt(this.position))) {
			this.position++;
		}
		return this.text.substring(start, this.position);
	}

	private void skipSpace() {
		read(QueryParser::isSpace);
	}

	private static boolean isSpace(int c) {
		return c == ' ' || c == '\t' || c == '\n' || c == '\r';
	}

	private static boolean isDigit(int c) {
		return c >= '0' && c <= '9';
	}

	private QuerySyntaxException error(int offset, String expected) {
		return new QuerySyntaxException(this.text, offset, expected);
	}

}
