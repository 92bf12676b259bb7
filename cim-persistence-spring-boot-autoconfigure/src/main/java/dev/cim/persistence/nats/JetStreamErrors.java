package dev.cim.persistence.nats;

import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.nats.client.JetStreamApiException;

/**
 * The JetStream API error codes the store reacts to, and how to read them.
 */
public final class JetStreamErrors {

	/**
	 * A publish whose last-sequence expectation failed: {@code wrong last sequence: N}.
	 */
	public static final int WRONG_LAST_SEQUENCE = 10071;

	/**
	 * The same refusal as {@link #WRONG_LAST_SEQUENCE} without the sequence: {@code wrong
	 * last sequence}, as the leader of a replicated stream answers it. {@link #is} treats
	 * the two as one.
	 */
	public static final int WRONG_LAST_SEQUENCE_CONSTANT = 10164;

	/** No message matched a get request. */
	public static final int NO_MESSAGE_FOUND = 10037;

	/** The stream does not exist. */
	public static final int STREAM_NOT_FOUND = 10059;

	/** A stream of that name exists already, with another configuration. */
	public static final int STREAM_NAME_IN_USE = 10058;

	/** An atomic batch was sent to a stream without {@code allow_atomic}. */
	public static final int ATOMIC_PUBLISH_DISABLED = 10174;

	/** An atomic batch holds a message id already stored: a re-sent batch. */
	public static final int ATOMIC_BATCH_DUPLICATE_MESSAGE_ID = 10201;

	private static final String NO_RESPONDERS = "503 No Responders";

	private static final Pattern LAST_SEQUENCE = Pattern.compile("wrong last sequence: (\\d+)");

	private JetStreamErrors() {
	}

	/**
	 * Whether the exception carries the given API error code. Asked for
	 * {@link #WRONG_LAST_SEQUENCE}, it also matches
	 * {@link #WRONG_LAST_SEQUENCE_CONSTANT}: a single server and a clustered stream
	 * report a failed expectation with different codes.
	 * @param ex the exception
	 * @param code the code
	 * @return whether it matches
	 */
	public static boolean is(JetStreamApiException ex, int code) {
		int actual = ex.getApiErrorCode();
		if (code == WRONG_LAST_SEQUENCE) {
			return actual == WRONG_LAST_SEQUENCE || actual == WRONG_LAST_SEQUENCE_CONSTANT;
		}
		return actual == code;
	}

	/**
	 * Whether a publish failed because nothing answered its subject (status 503): no
	 * stream listens to it, or the stream is replicated and elects a new leader. Nothing
	 * was stored. jnats reports this as a plain {@link IOException}, so the status is
	 * read from its message.
	 * @param ex the exception
	 * @return whether nothing answered
	 */
	public static boolean isNoResponders(IOException ex) {
		String message = ex.getMessage();
		return message != null && message.contains(NO_RESPONDERS);
	}

	/**
	 * The actual last sequence a {@link #WRONG_LAST_SEQUENCE} error reports.
	 * @param ex the exception
	 * @return the sequence, or -1 when the description does not carry one
	 */
	public static long actualLastSequence(JetStreamApiException ex) {
		String description = ex.getErrorDescription();
		if (description != null) {
			Matcher matcher = LAST_SEQUENCE.matcher(description);
			if (matcher.find()) {
				return Long.parseLong(matcher.group(1));
			}
		}
		return -1;
	}

}
