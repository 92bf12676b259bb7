package dev.cim.persistence.query;

import java.math.BigDecimal;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Prints a query in the text form that {@link QueryParser} reads.
 */
final class QueryPrinter {

	private QueryPrinter() {
	}

	static String print(Query query) {
		StringBuilder text = new StringBuilder();
		if (query instanceof SubjectQuery subject) {
			text.append("subject:").append(subject.pattern());
			if (subject.since() != null) {
				text.append(" since ").append(subject.since());
			}
			if (subject.until() != null) {
				text.append(" until ").append(subject.until());
			}
			if (subject.fromSequence() > 0) {
				text.append(" from ").append(subject.fromSequence());
			}
		}
		else if (query instanceof ReadModelWhere where) {
			text.append("readmodel:").append(where.type());
			if (!where.idPattern().equals("*")) {
				text.append('.').append(where.idPattern());
			}
			String joint = " where ";
			for (Condition condition : where.conditions()) {
				text.append(joint).append(condition.field());
				if (condition instanceof Condition.Equals equals) {
					text.append(" = ").append(value(equals.value()));
				}
				else {
					text.append(" in (").append(values(condition.values())).append(')');
				}
				joint = " and ";
			}
		}
		else if (query instanceof AggregateQuery aggregate) {
			text.append("aggregate:")
				.append(aggregate.context())
				.append('.')
				.append(aggregate.type())
				.append('.')
				.append(aggregate.idPattern());
		}
		if (query.limit() > 0) {
			text.append(" limit ").append(query.limit());
		}
		return text.toString();
	}

	private static String values(List<@Nullable Object> values) {
		StringBuilder text = new StringBuilder();
		for (Object value : values) {
			if (!text.isEmpty()) {
				text.append(", ");
			}
			text.append(value(value));
		}
		return text.toString();
	}

	static String value(@Nullable Object value) {
		if (value == null) {
			return "null";
		}
		if (value instanceof BigDecimal decimal) {
			return decimal.toString();
		}
		if (value instanceof Boolean) {
			return value.toString();
		}
		String text = (String) value;
		return isBareWord(text) ? text : quote(text);
	}

	/**
	 * Whether text can be written without quotes: a letter or {@code _} first, then
	 * letters, digits and {@code _ - . : @ / +}, and not a literal ({@code true},
	 * {@code false}, {@code null}).
	 */
	static boolean isBareWord(String text) {
		if (text.isEmpty() || !isBareStart(text.charAt(0)) || text.equals("true") || text.equals("false")
				|| text.equals("null")) {
			return false;
		}
		for (int i = 1; i < text.length(); i++) {
			if (!isBarePart(text.charAt(i))) {
				return false;
			}
		}
		return true;
	}

	static boolean isBareStart(int c) {
		return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
	}

	static boolean isBarePart(int c) {
		return isBareStart(c) || (c >= '0' && c <= '9') || c == '-' || c == '.' || c == ':' || c == '@' || c == '/'
				|| c == '+';
	}

	private static String quote(String text) {
		StringBuilder quoted = new StringBuilder("\"");
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			switch (c) {
				case '"' -> quoted.append("\\\"");
				case '\\' -> quoted.append("\\\\");
				case '\n' -> quoted.append("\\n");
				case '\r' -> quoted.append("\\r");
				case '\t' -> quoted.append("\\t");
				default -> {
					if (c < 0x20 || c == 0x7f) {
						quoted.append(String.format("\\u%04x", (int) c));
					}
					else {
						quoted.append(c);
					}
				}
			}
		}
		return quoted.append('"').toString();
	}

}
