package dev.cim.persistence.nats;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.nats.client.Message;
import io.nats.client.impl.Headers;
import io.nats.client.support.Status;

import org.springframework.dao.DataRetrievalFailureException;
import org.springframework.dao.InvalidDataAccessResourceUsageException;

/**
 * Collects the answer to one batched direct get request: the messages the server sends to
 * the request's reply subject, up to the status message that ends them (204 "EOB" after a
 * batch, or an error status such as 404 or 413).
 *
 * <p>
 * The subscription's thread only hands messages over ({@link #offer}); the requesting
 * thread reads them ({@link #await}), so parsing never holds up other requests. Every
 * message of a batch names the sequence of the one before it ({@code Nats-Last-Sequence},
 * 0 for the first), and so does the end of the batch: a message lost on the way (a slow
 * subscriber drops messages) breaks that chain and fails the request instead of
 * shortening its result.
 */
final class DirectGetAnswer {

	/** The status that ends a batch. */
	static final int END_OF_BATCH = 204;

	/** What {@link #await} reports when nothing at all arrived in time. */
	static final int SILENT = -1;

	private static final int NOT_FOUND = 404;

	private static final Object CANCELLED = new Object();

	private final BlockingQueue<Object> arrived = new LinkedBlockingQueue<>();

	/**
	 * Hand over a message that arrived for this request.
	 * @param message the message
	 */
	void offer(Message message) {
		this.arrived.add(message);
	}

	/**
	 * Stop a waiting {@link #await}: the reader was closed.
	 */
	void cancel() {
		this.arrived.add(CANCELLED);
	}

	/**
	 * Wait for the whole answer.
	 * @param idleTimeout how long the server may stay silent before the answer counts as
	 * lost
	 * @param action what is being read, for messages
	 * @return the answer; its status is {@value #SILENT} when nothing arrived in time
	 * @throws StoreUnavailableException when the server stopped for longer than the
	 * timeout before the end of its answer, or a message of the answer was lost
	 * @throws DataRetrievalFailureException when the answer is not one a server of 2.11
	 * or newer sends
	 * @throws IllegalStateException when the reader was closed meanwhile
	 * @throws InterruptedException when interrupted while waiting
	 */
	Result await(Duration idleTimeout, String action) throws InterruptedException {
		List<DirectMessage> messages = new ArrayList<>();
		long previous = 0;
		while (true) {
			Object next = this.arrived.poll(idleTimeout.toNanos(), TimeUnit.NANOSECONDS);
			if (next == null && messages.isEmpty()) {
				return new Result(messages, SILENT, "no answer within " + idleTimeout, 0, 0, 0);
			}
			if (next == null) {
				throw new StoreUnavailableException(action + " failed: the server sent no more within " + idleTimeout
						+ " after " + messages.size() + " message(s), before the end of the batch", null);
			}
			if (next == CANCELLED) {
				throw new IllegalStateException(action + " was stopped: the direct batch reader was closed");
			}
			Message message = (Message) next;
			Headers headers = message.getHeaders();
			if (message.isStatusMessage()) {
				Status status = message.getStatus();
				if (status.getCode() != END_OF_BATCH) {
					return new Result(messages, status.getCode(), status.getMessage(), 0, 0, 0);
				}
				if (headers == null) {
					throw new DataRetrievalFailureException(action + " failed: the end of the batch has no headers");
				}
				checkChain(headers, previous, action, "the end of the batch");
				long upTo = (headers.getLast(DirectMessage.UP_TO_SEQUENCE) != null)
						? DirectMessage.number(headers, DirectMessage.UP_TO_SEQUENCE) : 0;
				return new Result(messages, END_OF_BATCH, status.getMessage(), previous,
						DirectMessage.number(headers, DirectMessage.NUM_PENDING), upTo);
			}
			if (headers == null || headers.getLast(DirectMessage.NUM_PENDING) == null) {
				throw new DataRetrievalFailureException(action + " failed: the server answered without "
						+ DirectMessage.NUM_PENDING + ", so it does not support batched direct gets (nats-server 2.11"
						+ " or newer is needed)");
			}
			checkChain(headers, previous, action, "message " + messages.size());
			DirectMessage read = DirectMessage.fromAnswer(headers, message.getData());
			messages.add(read);
			previous = read.sequence();
		}
	}

	private static void checkChain(Headers headers, long previous, String action, String what) {
		long before = DirectMessage.number(headers, DirectMessage.LAST_SEQUENCE);
		if (before != previous) {
			throw new StoreUnavailableException(action + " failed: part of the answer was lost (" + what
					+ " follows sequence " + before + ", but the last message received was " + previous + ")", null);
		}
	}

	/**
	 * A complete answer.
	 *
	 * @param messages the messages, in the order they came
	 * @param status the status that ended it: {@value #END_OF_BATCH}, an error code, or
	 * {@value #SILENT}
	 * @param statusText the status's description, for example {@code "No Results"}
	 * @param lastSequence at the end of a batch, the sequence of its last message
	 * @param pending at the end of a batch, how many more messages match
	 * @param upToSequence at the end of a last-per-subject batch, the sequence it was
	 * taken at; 0 otherwise
	 */
	record Result(List<DirectMessage> messages, int status, String statusText, long lastSequence, long pending,
			long upToSequence) {

		boolean isEndOfBatch() {
			return this.status == END_OF_BATCH;
		}

		/**
		 * Check that an answer not ended by {@value #END_OF_BATCH} means that nothing
		 * (more) matches: a 404 before any message. Any other status refuses the request,
		 * and a 404 after messages means the server failed to load one it had matched, so
		 * what was sent is incomplete.
		 * @param action what is being read, for messages
		 * @throws StoreUnavailableException for an incomplete answer or a server error
		 * @throws InvalidDataAccessResourceUsageException when the server refused the
		 * request
		 */
		void requireNothingFound(String action) {
			String described = this.status + " " + this.statusText;
			if (this.status == NOT_FOUND && this.messages.isEmpty()) {
				return;
			}
			if (this.status == NOT_FOUND) {
				throw new StoreUnavailableException(action + " failed: the server stopped after " + this.messages.size()
						+ " message(s) with " + described + " (a message was removed meanwhile)", null);
			}
			if (this.status >= 500) {
				throw new StoreUnavailableException(action + " failed: the server answered " + status, null);
			}
			throw new InvalidDataAccessResourceUsageException(action + " failed: the server refused it with " + status);
		}

	}

}
