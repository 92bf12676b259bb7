package dev.cim.persistence.nats;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.api.StreamInfo;
import org.jspecify.annotations.Nullable;

import org.springframework.dao.DataAccessException;
import org.springframework.dao.InvalidDataAccessResourceUsageException;

/**
 * Reads many messages of a stream with one request each, without a consumer: the server's
 * batched direct get ({@code $JS.API.DIRECT.GET.<stream>} with a JSON body), which jnats
 * has no API for.
 *
 * <ul>
 * <li>{@link #lastPerSubject lastPerSubject} ({@code multi_last}): the newest message of
 * every subject matching some filters, optionally as of a past sequence or time, in
 * sequence order. It is answered from the stream's subject index, so its cost does not
 * grow with the stream. With one subject per event (the version as a token), an
 * aggregate's wildcard gives its whole history in one round trip.</li>
 * <li>{@link #batch(String, String, long, int, int) batch} ({@code next_by_subj} with
 * {@code batch}): the messages on a filter from a sequence or a time, in sequence order,
 * asking again while the server reports more and the caller's limit is not reached. The
 * server scans the stream for a wildcard filter, so this costs time in proportion to the
 * stream after the start.</li>
 * </ul>
 *
 * <p>
 * Limits:
 * <ul>
 * <li>nats-server 2.11 or newer; an older server is detected by its answer and refused
 * with a {@link org.springframework.dao.DataRetrievalFailureException};</li>
 * <li>the stream needs {@code allow_direct} (key-value buckets have it); a stream without
 * it, or one that does not exist, is reported as an
 * {@link InvalidDataAccessResourceUsageException} naming the cause;</li>
 * <li>one last-per-subject read may match at most {@value #MAX_SUBJECTS} subjects,
 * otherwise the server refuses it ({@link TooManySubjectsException}): the caller splits
 * its filters;</li>
 * <li>direct gets may be answered by any replica or mirror of a stream, so a read right
 * after a write may not see it on a replicated stream;</li>
 * <li>requests go to the default JetStream API prefix {@code $JS.API} (no domain).</li>
 * </ul>
 *
 * <p>
 * All requests share one subscription to a wildcard inbox ({@code _INBOX.<nuid>.*}), one
 * token per request, so a reader costs one subscription however many requests it serves.
 * It is thread-safe: any number of threads may read at once, each gets its own answers. A
 * request fails, rather than returning less than the server sent, when the server stays
 * silent for longer than the timeout before the end of its answer, or when a message of
 * the answer was lost on the way ({@link StoreUnavailableException}). No jnats exception
 * leaks: they are translated as {@link NatsExceptionTranslator} does. {@link #close()}
 * ends the subscription; the connection stays open.
 */
public final class DirectBatchReader implements AutoCloseable {

	/** The most subjects one last-per-subject read may match (the server's limit). */
	public static final int MAX_SUBJECTS = 1024;

	/**
	 * How many messages one batch request asks for, unless the reader is told otherwise.
	 */
	public static final int DEFAULT_REQUEST_BATCH = 1000;

	private static final int TOO_MANY_RESULTS = 413;

	private static final int NO_RESPONDERS = 503;

	private final Connection connection;

	private final Duration timeout;

	private final int requestBatch;

	private final DirectGetInbox inbox;

	/**
	 * Create a reader that asks for {@value #DEFAULT_REQUEST_BATCH} messages per batch
	 * request.
	 * @param connection the connection to read on; it stays the caller's to close
	 * @param timeout how long the server may stay silent while a request waits for (the
	 * rest of) its answer
	 * @throws StoreUnavailableException when the connection is closed
	 */
	public DirectBatchReader(Connection connection, Duration timeout) {
		this(connection, timeout, DEFAULT_REQUEST_BATCH);
	}

	/**
	 * Create a reader.
	 * @param connection the connection to read on; it stays the caller's to close
	 * @param timeout how long the server may stay silent while a request waits for (the
	 * rest of) its answer
	 * @param requestBatch how many messages one batch request asks for at most; a longer
	 * {@link #batch batch} read takes several requests
	 * @throws StoreUnavailableException when the connection is closed
	 */
	public DirectBatchReader(Connection connection, Duration timeout, int requestBatch) {
		if (timeout.isNegative() || timeout.isZero()) {
			throw new IllegalArgumentException("The timeout must be positive, not " + timeout);
		}
		if (requestBatch < 1) {
			throw new IllegalArgumentException("The request batch must be at least 1, not " + requestBatch);
		}
		this.connection = connection;
		this.timeout = timeout;
		this.requestBatch = requestBatch;
		this.inbox = new DirectGetInbox(connection);
	}

	/**
	 * The newest message of every subject matching the filters ({@code multi_last}), in
	 * stream sequence order, as the server's default answer size allows per request.
	 * @param stream the stream
	 * @param filters subject filters, wildcards allowed; together they may match at most
	 * {@value #MAX_SUBJECTS} subjects
	 * @param upToSequence when present, read as of this stream sequence: the newest
	 * message at or below it of each subject
	 * @return the messages, with the sequence the read was taken at; empty when nothing
	 * matches
	 * @throws TooManySubjectsException when the filters match more than
	 * {@value #MAX_SUBJECTS} subjects
	 * @throws InvalidDataAccessResourceUsageException when the stream does not exist,
	 * does not allow direct gets, or the server refused the request
	 * @throws StoreUnavailableException when the server cannot be reached, did not answer
	 * in time or part of its answer was lost
	 * @throws IllegalStateException when the reader is closed
	 */
	public DirectBatch lastPerSubject(String stream, List<String> filters, OptionalLong upToSequence) {
		return lastPerSubject(stream, filters, upToSequence, 0);
	}

	/**
	 * The newest message of every subject matching the filters ({@code multi_last}), in
	 * stream sequence order, asking again (from the last sequence read, at the same
	 * moment of the stream) while an answer ended at {@code maxBytesPerRequest}.
	 * @param stream the stream
	 * @param filters subject filters, wildcards allowed; together they may match at most
	 * {@value #MAX_SUBJECTS} subjects
	 * @param upToSequence when present, read as of this stream sequence
	 * @param maxBytesPerRequest how many bytes one answer may carry (the server counts
	 * subject, stored headers and body, and always sends at least one message); 0 for the
	 * server's default ({@code max_pending}, 64 MB)
	 * @return the messages, with the sequence the read was taken at; empty when nothing
	 * matches
	 * @throws TooManySubjectsException when the filters match more than
	 * {@value #MAX_SUBJECTS} subjects
	 * @throws InvalidDataAccessResourceUsageException when the stream does not exist,
	 * does not allow direct gets, or the server refused the request
	 * @throws StoreUnavailableException when the server cannot be reached, did not answer
	 * in time or part of its answer was lost
	 * @throws IllegalStateException when the reader is closed
	 */
	public DirectBatch lastPerSubject(String stream, List<String> filters, OptionalLong upToSequence,
			int maxBytesPerRequest) {
		DirectGetRequest.checkNotNegative("upToSequence", upToSequence.orElse(0));
		return lastPerSubject(stream, filters, upToSequence.orElse(0), null, maxBytesPerRequest);
	}

	/**
	 * The newest message stored before a time of every subject matching the filters
	 * ({@code multi_last} with {@code up_to_time}), in stream sequence order: the
	 * subjects as they were at that moment. A message stored exactly at the time is not
	 * included.
	 * @param stream the stream
	 * @param filters subject filters, wildcards allowed; together they may match at most
	 * {@value #MAX_SUBJECTS} subjects
	 * @param upToTime read as of this time
	 * @param maxBytesPerRequest how many bytes one answer may carry; 0 for the server's
	 * default
	 * @return the messages, with the sequence the time corresponds to; empty when nothing
	 * matches or the stream holds nothing older than the time
	 * @throws TooManySubjectsException when the filters match more than
	 * {@value #MAX_SUBJECTS} subjects
	 * @throws InvalidDataAccessResourceUsageException when the stream does not exist,
	 * does not allow direct gets, or the server refused the request
	 * @throws StoreUnavailableException when the server cannot be reached, did not answer
	 * in time or part of its answer was lost
	 * @throws IllegalStateException when the reader is closed
	 */
	public DirectBatch lastPerSubject(String stream, List<String> filters, Instant upToTime, int maxBytesPerRequest) {
		return lastPerSubject(stream, filters, 0, upToTime, maxBytesPerRequest);
	}

	// Later requests keep the moment of the first with the up-to sequence its end named
	// (the server refuses up_to_seq and up_to_time together).
	private DirectBatch lastPerSubject(String stream, List<String> filters, long upToSequence,
			@Nullable Instant upToTime, int maxBytesPerRequest) {
		DirectGetRequest.checkStream(stream);
		if (filters.isEmpty()) {
			throw new IllegalArgumentException("At least one subject filter is needed");
		}
		filters.forEach(DirectGetRequest::checkFilter);
		DirectGetRequest.checkNotNegative("maxBytesPerRequest", maxBytesPerRequest);
		String action = "Reading the last message per subject of " + filters.size() + " filter(s) on stream " + stream;
		List<DirectMessage> messages = new ArrayList<>();
		long upTo = upToSequence;
		Instant time = upToTime;
		long from = 0;
		while (true) {
			DirectGetAnswer.Result answer = request(stream,
					DirectGetRequest.multiLast(filters, from, upTo, time, maxBytesPerRequest), action);
			if (answer.status() == TOO_MANY_RESULTS) {
				throw new TooManySubjectsException(stream, filters.size());
			}
			if (!answer.isEndOfBatch()) {
				answer.requireNothingFound(action);
				return new DirectBatch(messages, last(messages), 0, messages.isEmpty() ? 0 : upTo);
			}
			messages.addAll(answer.messages());
			upTo = answer.upToSequence();
			time = null;
			if (answer.pending() == 0 || answer.messages().isEmpty()) {
				return new DirectBatch(messages, last(messages), answer.pending(), upTo);
			}
			from = answer.lastSequence() + 1;
		}
	}

	/**
	 * The messages on a subject filter from a sequence ({@code next_by_subj} with
	 * {@code batch}), in stream sequence order, in as many requests as needed.
	 * @param stream the stream
	 * @param filter the subject filter, wildcards allowed ({@code >} for every subject)
	 * @param startSequence the first sequence to read, at least 1
	 * @param maxMessages how many messages to read at most ({@link Integer#MAX_VALUE} for
	 * all)
	 * @param maxBytesPerRequest how many bytes one answer may carry (the server counts
	 * subject, stored headers and body, and always sends at least one message); 0 for the
	 * server's default ({@code max_pending}, 64 MB)
	 * @return the messages; {@link DirectBatch#pending()} says how many more match when
	 * {@code maxMessages} stopped the read
	 * @throws InvalidDataAccessResourceUsageException when the stream does not exist,
	 * does not allow direct gets, or the server refused the request
	 * @throws StoreUnavailableException when the server cannot be reached, did not answer
	 * in time or part of its answer was lost
	 * @throws IllegalStateException when the reader is closed
	 */
	public DirectBatch batch(String stream, String filter, long startSequence, int maxMessages,
			int maxBytesPerRequest) {
		if (startSequence < 1) {
			throw new IllegalArgumentException("The start sequence must be at least 1, not " + startSequence);
		}
		return read(stream, filter, startSequence, null, maxMessages, maxBytesPerRequest);
	}

	/**
	 * The messages on a subject filter stored at or after a time ({@code start_time} and
	 * {@code next_by_subj} with {@code batch}), in stream sequence order, in as many
	 * requests as needed.
	 * @param stream the stream
	 * @param filter the subject filter, wildcards allowed ({@code >} for every subject)
	 * @param startTime the earliest store time to read
	 * @param maxMessages how many messages to read at most ({@link Integer#MAX_VALUE} for
	 * all)
	 * @param maxBytesPerRequest how many bytes one answer may carry; 0 for the server's
	 * default
	 * @return the messages; {@link DirectBatch#pending()} says how many more match when
	 * {@code maxMessages} stopped the read
	 * @throws InvalidDataAccessResourceUsageException when the stream does not exist,
	 * does not allow direct gets, or the server refused the request
	 * @throws StoreUnavailableException when the server cannot be reached, did not answer
	 * in time or part of its answer was lost
	 * @throws IllegalStateException when the reader is closed
	 */
	public DirectBatch batch(String stream, String filter, Instant startTime, int maxMessages, int maxBytesPerRequest) {
		return read(stream, filter, 0, startTime, maxMessages, maxBytesPerRequest);
	}

	private DirectBatch read(String stream, String filter, long startSequence, @Nullable Instant startTime,
			int maxMessages, int maxBytesPerRequest) {
		DirectGetRequest.checkStream(stream);
		DirectGetRequest.checkFilter(filter);
		if (maxMessages < 1) {
			throw new IllegalArgumentException("maxMessages must be at least 1, not " + maxMessages);
		}
		DirectGetRequest.checkNotNegative("maxBytesPerRequest", maxBytesPerRequest);
		String action = "Reading messages on " + filter + " of stream " + stream + " from "
				+ ((startTime != null) ? startTime : "sequence " + startSequence);
		List<DirectMessage> messages = new ArrayList<>();
		long from = startSequence;
		Instant at = startTime;
		while (true) {
			int batch = Math.min(this.requestBatch, maxMessages - messages.size());
			DirectGetAnswer.Result answer = request(stream,
					DirectGetRequest.nextBySubject(filter, from, at, batch, maxBytesPerRequest), action);
			if (!answer.isEndOfBatch()) {
				answer.requireNothingFound(action);
				return new DirectBatch(messages, last(messages), 0, 0);
			}
			messages.addAll(answer.messages());
			if (answer.pending() == 0 || messages.size() >= maxMessages || answer.messages().isEmpty()) {
				return new DirectBatch(messages, last(messages), answer.pending(), 0);
			}
			from = answer.lastSequence() + 1;
			at = null;
		}
	}

	/**
	 * Stop reading: end the subscription. Requests waiting for their answer fail with an
	 * {@link IllegalStateException}, and so do later calls. The connection stays open.
	 */
	@Override
	public void close() {
		this.inbox.close();
	}

	private DirectGetAnswer.Result request(String stream, String body, String action) {
		try {
			DirectGetAnswer.Result result = this.inbox.request(stream, body, this.timeout, action);
			if (result.status() == NO_RESPONDERS || result.status() == DirectGetAnswer.SILENT) {
				throw unanswered(stream, action,
						(result.status() == NO_RESPONDERS) ? "no server answered direct gets for stream " + stream
								: "the server sent no answer within " + this.timeout);
			}
			return result;
		}
		catch (InterruptedException ex) {
			throw NatsExceptionTranslator.translate(action, ex);
		}
	}

	// Nothing answered direct gets for the stream (a 503, or silence): find out why, to
	// say so.
	private DataAccessException unanswered(String stream, String action, String why) {
		try {
			StreamInfo info = this.connection.jetStreamManagement().getStreamInfo(stream);
			if (!info.getConfiguration().getAllowDirect()) {
				return new InvalidDataAccessResourceUsageException(action + " failed: stream " + stream
						+ " does not allow direct gets (its allow_direct setting is off)");
			}
			return new StoreUnavailableException(
					action + " failed: " + why + " (a replicated stream may be electing its leader)", null);
		}
		catch (JetStreamApiException ex) {
			if (JetStreamErrors.is(ex, JetStreamErrors.STREAM_NOT_FOUND)) {
				return new InvalidDataAccessResourceUsageException(
						action + " failed: stream " + stream + " does not exist", ex);
			}
			return NatsExceptionTranslator.translate(action, ex);
		}
		catch (IOException | IllegalStateException ex) {
			return NatsExceptionTranslator.translate(action, ex);
		}
	}

	private static long last(List<DirectMessage> messages) {
		return messages.isEmpty() ? 0 : messages.get(messages.size() - 1).sequence();
	}

}
