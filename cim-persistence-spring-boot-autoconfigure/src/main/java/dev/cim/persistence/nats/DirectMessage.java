package dev.cim.persistence.nats;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.nats.client.impl.Headers;
import org.jspecify.annotations.Nullable;

import org.springframework.dao.DataRetrievalFailureException;

/**
 * One stored message as a direct get answered it.
 *
 * <p>
 * The headers are the ones stored with the message: those the server adds to a direct get
 * answer ({@code Nats-Stream}, {@code Nats-Subject}, {@code Nats-Sequence},
 * {@code Nats-Time-Stamp}, {@code Nats-Num-Pending}, {@code Nats-Last-Sequence}) are
 * taken out, their values are in {@link #subject()}, {@link #sequence()} and
 * {@link #time()}.
 *
 * <p>
 * A message of a key-value bucket (stream {@code KV_<bucket>}, subject
 * {@code $KV.<bucket>.<key>}) may be a delete or purge marker rather than a value:
 * {@link #isKvDeleteOrPurge()} tells them apart, {@link #kvKey()} gives the key.
 *
 * @param subject the subject the message was stored on
 * @param sequence its stream sequence
 * @param time when the stream stored it
 * @param headers its stored headers, name to values, in their order (unmodifiable)
 * @param data its body, possibly empty; the array is not copied, so do not change it
 */
public record DirectMessage(String subject, long sequence, Instant time, Map<String, List<String>> headers,
		byte[] data) {

	/** The header that marks a key-value delete or purge. */
	public static final String KV_OPERATION = "KV-Operation";

	static final String STREAM = "Nats-Stream";

	static final String SUBJECT = "Nats-Subject";

	static final String SEQUENCE = "Nats-Sequence";

	static final String TIME_STAMP = "Nats-Time-Stamp";

	static final String NUM_PENDING = "Nats-Num-Pending";

	static final String LAST_SEQUENCE = "Nats-Last-Sequence";

	static final String UP_TO_SEQUENCE = "Nats-UpTo-Sequence";

	private static final List<String> ADDED_BY_DIRECT_GET = List.of(STREAM, SUBJECT, SEQUENCE, TIME_STAMP, NUM_PENDING,
			LAST_SEQUENCE);

	private static final String KV_SUBJECT_PREFIX = "$KV.";

	/**
	 * Create a message; the headers are copied.
	 * @param subject the subject the message was stored on
	 * @param sequence its stream sequence
	 * @param time when the stream stored it
	 * @param headers its stored headers
	 * @param data its body
	 */
	public DirectMessage {
		Map<String, List<String>> copy = new LinkedHashMap<>();
		headers.forEach((name, values) -> copy.put(name, List.copyOf(values)));
		headers = Collections.unmodifiableMap(copy);
	}

	/**
	 * The last value of a stored header.
	 * @param name the header's name, case-sensitive as NATS headers are
	 * @return its last value, or empty when the message has no such header
	 */
	public Optional<String> header(String name) {
		List<String> values = this.headers.get(name);
		return (values == null || values.isEmpty()) ? Optional.empty() : Optional.of(values.get(values.size() - 1));
	}

	/**
	 * Whether this message of a key-value bucket marks its key deleted or purged
	 * ({@code KV-Operation: DEL} or {@code PURGE}) rather than holding a value. A reader
	 * of a bucket skips such messages: the key has no value.
	 * @return {@code true} for a delete or purge marker
	 */
	public boolean isKvDeleteOrPurge() {
		return header(KV_OPERATION).map((operation) -> operation.equals("DEL") || operation.equals("PURGE"))
			.orElse(false);
	}

	/**
	 * The key of a key-value bucket's message: the subject {@code $KV.<bucket>.<key>}
	 * without its first two tokens.
	 * @return the key, or empty when the subject is not a key-value subject
	 */
	public Optional<String> kvKey() {
		if (!this.subject.startsWith(KV_SUBJECT_PREFIX)) {
			return Optional.empty();
		}
		int afterBucket = this.subject.indexOf('.', KV_SUBJECT_PREFIX.length());
		return (afterBucket < 0 || afterBucket == this.subject.length() - 1) ? Optional.empty()
				: Optional.of(this.subject.substring(afterBucket + 1));
	}

	@Override
	public boolean equals(@Nullable Object other) {
		return other instanceof DirectMessage that && this.sequence == that.sequence
				&& this.subject.equals(that.subject) && this.time.equals(that.time) && this.headers.equals(that.headers)
				&& Arrays.equals(this.data, that.data);
	}

	@Override
	public int hashCode() {
		return Long.hashCode(this.sequence) * 31 + this.subject.hashCode();
	}

	@Override
	public String toString() {
		return "DirectMessage[subject=" + this.subject + ", sequence=" + this.sequence + ", time=" + this.time
				+ ", headers=" + this.headers + ", data=" + this.data.length + " bytes]";
	}

	/**
	 * Read a message from the headers of a direct get answer.
	 * @param answer the answer's headers, with those the server added
	 * @param data the answer's body
	 * @return the message, with the headers the server added taken out
	 * @throws DataRetrievalFailureException when a header the server always adds is
	 * missing or unreadable
	 */
	static DirectMessage fromAnswer(Headers answer, byte[] data) {
		String subject = required(answer, SUBJECT);
		long sequence = number(answer, SEQUENCE);
		String stamp = required(answer, TIME_STAMP);
		Instant time;
		try {
			time = Instant.parse(stamp);
		}
		catch (DateTimeParseException ex) {
			throw new DataRetrievalFailureException("A direct get answer has an unreadable " + TIME_STAMP + " header '"
					+ stamp + "' (message " + sequence + " on " + subject + ")", ex);
		}
		return new DirectMessage(subject, sequence, time, stored(answer), data);
	}

	/**
	 * A header value the server adds to every direct get answer, read as a number.
	 * @param answer the answer's headers
	 * @param name the header
	 * @return its last value
	 * @throws DataRetrievalFailureException when missing or not a number
	 */
	static long number(Headers answer, String name) {
		String value = required(answer, name);
		try {
			return Long.parseLong(value.trim());
		}
		catch (NumberFormatException ex) {
			throw new DataRetrievalFailureException(
					"A direct get answer has an unreadable " + name + " header '" + value + "'", ex);
		}
	}

	private static String required(Headers answer, String name) {
		String value = answer.getLast(name);
		if (value == null) {
			throw new DataRetrievalFailureException("A direct get answer lacks its " + name + " header");
		}
		return value;
	}

	// The server appends its headers after the stored ones, so the last value of each is
	// the server's; a stored header of the same name keeps its earlier values.
	private static Map<String, List<String>> stored(Headers answer) {
		Map<String, List<String>> stored = new LinkedHashMap<>();
		for (String name : answer.keySet()) {
			List<String> values = answer.get(name);
			if (values == null) {
				continue;
			}
			if (ADDED_BY_DIRECT_GET.contains(name)) {
				values = new ArrayList<>(values.subList(0, Math.max(0, values.size() - 1)));
			}
			if (!values.isEmpty()) {
				stored.put(name, values);
			}
		}
		return stored;
	}

}
