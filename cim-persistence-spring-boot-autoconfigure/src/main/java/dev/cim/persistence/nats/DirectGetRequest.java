package dev.cim.persistence.nats;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The JSON bodies of the batched direct get requests, with the field names of the
 * server's {@code JSApiMsgGetRequest}. Fields at their zero value are left out, as the
 * server's own encoder does ({@code omitempty}).
 */
final class DirectGetRequest {

	private DirectGetRequest() {
	}

	/**
	 * A batch of messages on a subject filter from a start:
	 * {@code {"seq":..,"next_by_subj":..,"batch":..,"max_bytes":..}} or with
	 * {@code start_time} instead of {@code seq}.
	 * @param filter the subject filter, wildcards allowed
	 * @param startSequence the first sequence to consider (ignored when a start time is
	 * given)
	 * @param startTime the time to start at, or {@code null} to start at the sequence
	 * @param batch the most messages the server should send
	 * @param maxBytes the most bytes the server should send, 0 for its default
	 * @return the body
	 */
	static String nextBySubject(String filter, long startSequence, @Nullable Instant startTime, int batch,
			int maxBytes) {
		JsonObject json = new JsonObject();
		if (startTime != null) {
			json.string("start_time", startTime.toString());
		}
		else {
			json.number("seq", startSequence);
		}
		json.string("next_by_subj", filter);
		json.number("batch", batch);
		json.number("max_bytes", maxBytes);
		return json.end();
	}

	/**
	 * The newest message of every subject matching the filters:
	 * {@code {"multi_last":[..],"seq":..,"up_to_seq":..,"max_bytes":..}}, or
	 * {@code up_to_time} instead of {@code up_to_seq}.
	 * @param filters the subject filters, wildcards allowed
	 * @param startSequence the lowest sequence to send, 0 for all (the cursor when one
	 * answer did not hold everything)
	 * @param upToSequence the highest sequence to consider, 0 for the stream's last
	 * @param upToTime consider only messages stored before this time, or {@code null};
	 * the server refuses it together with an up-to sequence
	 * @param maxBytes the most bytes the server should send, 0 for its default
	 * @return the body
	 */
	static String multiLast(List<String> filters, long startSequence, long upToSequence, @Nullable Instant upToTime,
			int maxBytes) {
		JsonObject json = new JsonObject();
		json.strings("multi_last", filters);
		json.number("seq", startSequence);
		json.number("up_to_seq", upToSequence);
		if (upToTime != null) {
			json.string("up_to_time", upToTime.toString());
		}
		json.number("max_bytes", maxBytes);
		return json.end();
	}

	/**
	 * Check a stream name before it becomes a subject token.
	 * @param stream the name
	 * @throws IllegalArgumentException when it is empty or holds a dot, a wildcard or
	 * whitespace
	 */
	static void checkStream(String stream) {
		if (stream.isEmpty() || stream.chars().anyMatch((c) -> c == '.' || c == '*' || c == '>' || c <= ' ')) {
			throw new IllegalArgumentException("'" + stream + "' is not a stream name");
		}
	}

	/**
	 * Check a subject filter.
	 * @param filter the filter
	 * @throws IllegalArgumentException when it is empty or holds whitespace
	 */
	static void checkFilter(String filter) {
		if (filter.isEmpty() || filter.chars().anyMatch((c) -> c <= ' ')) {
			throw new IllegalArgumentException("'" + filter + "' is not a subject filter");
		}
	}

	/**
	 * Check a number field of a request.
	 * @param name the parameter, for the message
	 * @param value its value
	 * @throws IllegalArgumentException when negative
	 */
	static void checkNotNegative(String name, long value) {
		if (value < 0) {
			throw new IllegalArgumentException(name + " must not be negative, not " + value);
		}
	}

	private static final class JsonObject {

		private final StringBuilder json = new StringBuilder("{");

		void number(String name, long value) {
			if (value != 0) {
				name(name).append(value);
			}
		}

		void string(String name, String value) {
			quote(name(name), value);
		}

		void strings(String name, List<String> values) {
			StringBuilder out = name(name).append('[');
			for (int i = 0; i < values.size(); i++) {
				if (i > 0) {
					out.append(',');
				}
				quote(out, values.get(i));
			}
			out.append(']');
		}

		String end() {
			return this.json.append('}').toString();
		}

		private StringBuilder name(String name) {
			if (this.json.length() > 1) {
				this.json.append(',');
			}
			return quote(this.json, name).append(':');
		}

		private static StringBuilder quote(StringBuilder out, String value) {
			out.append('"');
			for (int i = 0; i < value.length(); i++) {
				char c = value.charAt(i);
				if (c == '"' || c == '\\') {
					out.append('\\').append(c);
				}
				else if (c < 0x20) {
					out.append(String.format("\\u%04x", (int) c));
				}
				else {
					out.append(c);
				}
			}
			return out.append('"');
		}

	}

}
