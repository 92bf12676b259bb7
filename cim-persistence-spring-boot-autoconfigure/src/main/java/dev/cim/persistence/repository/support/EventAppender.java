package dev.cim.persistence.repository.support;

import dev.cim.persistence.nats.NatsExceptionTranslator;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

import dev.cim.persistence.event.EncodedEvent;
import dev.cim.persistence.event.EventBlock;
import dev.cim.persistence.event.EventBlockCodec;
import dev.cim.persistence.event.EventMeta;
import dev.cim.persistence.event.UuidV7;
import dev.cim.persistence.ipld.Cid;
import dev.cim.persistence.nats.AtomicBatchPublisher;
import dev.cim.persistence.nats.JetStreamErrors;
import dev.cim.persistence.nats.PayloadLimits;
import dev.cim.persistence.nats.StoreSubjects;
import io.nats.client.Connection;
import io.nats.client.JetStream;
import io.nats.client.JetStreamApiException;
import io.nats.client.Message;
import io.nats.client.api.MessageInfo;
import io.nats.client.api.PublishAck;
import org.jspecify.annotations.Nullable;
import dev.cim.persistence.nats.StoreUnavailableException;
import dev.cim.persistence.repository.AggregateAlreadyExistsException;
import dev.cim.persistence.repository.AggregateRef;
import dev.cim.persistence.repository.EventTooLargeException;
import dev.cim.persistence.repository.VersionConflictException;

/**
 * Appends an aggregate's events under optimistic concurrency: prepares (encodes and
 * checks) them, sends them (one publish, or one atomic batch with the expectation on the
 * first message), and settles the outcome. When the server reports that the expectation
 * failed, it reads back whether the events are its own (a re-sent append whose first
 * attempt was stored) before reporting a conflict; an append whose acknowledgement is
 * lost is re-sent with the same bytes and message ids. An append is never reported failed
 * when it was stored, nor successful when it was not.
 */
final class EventAppender {

	/** How long to wait before sending again to a stream that did not answer. */
	private static final long NO_RESPONDER_PAUSE_MILLIS = 100;

	private final Connection connection;

	private final JetStream jetStream;

	private final AtomicBatchPublisher batchPublisher;

	private final LeaderReads leaderReads;

	private final EventBlockCodec codec;

	private final EventMessages messages;

	private final PayloadLimits limits;

	private final Clock clock;

	private final Duration publishTimeout;

	private final int publishAttempts;

	private final Executor executor;

	EventAppender(Connection connection, JetStream jetStream, LeaderReads leaderReads, EventBlockCodec codec,
			EventMessages messages, PayloadLimits limits, Clock clock, Duration publishTimeout, int publishAttempts,
			Executor executor) {
		this.connection = connection;
		this.jetStream = jetStream;
		this.batchPublisher = new AtomicBatchPublisher(connection);
		this.leaderReads = leaderReads;
		this.codec = codec;
		this.messages = messages;
		this.limits = limits;
		this.clock = clock;
		this.publishTimeout = publishTimeout;
		this.publishAttempts = publishAttempts;
		this.executor = executor;
	}

	/**
	 * Encode an append without sending it: every check on the input runs here, so a
	 * prepared append only fails for reasons on the server's side.
	 */
	PreparedAppend prepare(AggregateRef aggregate, EventHead expected, List<NewEvent> events, AppendOptions options) {
		if (events.isEmpty()) {
			throw new IllegalArgumentException("an append to " + aggregate + " needs at least one event");
		}
		if (events.size() > AtomicBatchPublisher.MAX_BATCH_SIZE) {
			throw new IllegalArgumentException("an append to " + aggregate + " holds at most "
					+ AtomicBatchPublisher.MAX_BATCH_SIZE + " events, got " + events.size());
		}
		if (this.codec.isContentAddressed() && !expected.isNone() && expected.cid() == null) {
			throw new IllegalArgumentException(
					"the expected head of " + aggregate + " has no CID, but content addressing is on");
		}
		List<EncodedEvent> encoded = new ArrayList<>(events.size());
		@Nullable Cid prev = expected.cid();
		long version = expected.version();
		int limit = this.limits.maxEventBytes();
		for (NewEvent event : events) {
			version++;
			EventMeta meta = new EventMeta(UuidV7.next(this.clock).toString(), this.clock.instant(),
					options.correlationId(), options.causationId(), options.metadata());
			EventBlock block = new EventBlock(event.type(), event.schema(), aggregate.context(), aggregate.type(),
					aggregate.id(), version, event.data(), prev, meta);
			EncodedEvent encodedEvent = this.codec.encode(block);
			if (encodedEvent.bytes().length > limit) {
				throw new EventTooLargeException(aggregate, event.type(), version, encodedEvent.bytes().length, limit,
						this.limits.maxEventBytesSource());
			}
			encoded.add(encodedEvent);
			prev = encodedEvent.cid();
		}
		return new PreparedAppend(aggregate, expected, encoded);
	}

	AppendResult append(PreparedAppend append) {
		return append(append, false);
	}

	/**
	 * Send a prepared append, knowing whether an earlier attempt may have stored it.
	 */
	private AppendResult append(PreparedAppend append, boolean sentBefore) {
		List<Message> messages = this.messages.of(append);
		String action = "append to " + append.aggregate();
		Exception lastFailure = null;
		long answerDeadline = System.nanoTime() + this.publishTimeout.toNanos();
		int attempt = 0;
		boolean maybeStored = sentBefore;
		while (++attempt <= this.publishAttempts) {
			try {
				return stored(append, send(messages));
			}
			catch (JetStreamApiException ex) {
				if (JetStreamErrors.is(ex, JetStreamErrors.WRONG_LAST_SEQUENCE)
						|| JetStreamErrors.is(ex, JetStreamErrors.ATOMIC_BATCH_DUPLICATE_MESSAGE_ID)) {
					// The events may be ours, stored by an earlier attempt whose ack was
					// lost.
					return ownOrConflict(append);
				}
				throw NatsExceptionTranslator.translate(action, ex);
			}
			catch (IOException ex) {
				lastFailure = ex;
				boolean unanswered = JetStreamErrors.isNoResponders(ex);
				maybeStored |= !unanswered;
				if (unanswered && awaitResponder(answerDeadline)) {
					// Nothing was stored, so this was no attempt: a replicated stream is
					// electing a leader, give it up to the publish timeout.
					attempt--;
				}
			}
			catch (IllegalStateException ex) {
				if (attempt == 1 && !sentBefore) {
					// Not connected, and nothing was sent: fail at once.
					throw NatsExceptionTranslator.translate(action, ex);
				}
				// An earlier attempt may have been stored: give the connection a chance
				// to come back, so that the outcome can be learned.
				lastFailure = ex;
				if (!awaitConnected()) {
					break;
				}
			}
			catch (InterruptedException ex) {
				throw NatsExceptionTranslator.translate(action, ex);
			}
		}
		return afterUnanswered(append, maybeStored, lastFailure);
	}

	private AppendResult afterUnanswered(PreparedAppend append, boolean maybeStored, @Nullable Exception lastFailure) {
		String action = "append to " + append.aggregate();
		if (!maybeStored) {
			throw NatsExceptionTranslator.translate(action + " (nothing answered within "
					+ this.publishTimeout.toMillis() + " ms: the stream is missing or has no leader)", lastFailure);
		}
		Optional<Long> sequence;
		try {
			sequence = storedSequenceOfLast(append);
		}
		catch (StoreUnavailableException ex) {
			throw new StoreUnavailableException(action + " was not acknowledged and the stream could not be read "
					+ "back: the events may or may not be stored; load the aggregate to find out (" + ex.getMessage()
					+ ")", ex);
		}
		if (sequence.isPresent()) {
			return stored(append, sequence.get());
		}
		throw NatsExceptionTranslator.translate(action + " (not acknowledged after " + this.publishAttempts
				+ " attempts, and not found in the stream when read back)", lastFailure);
	}

	/**
	 * Send a prepared append without blocking the caller: one event is published
	 * asynchronously, so many appends can be in flight on one connection; several events
	 * (an atomic batch) are sent on the executor. The outcome is the same as
	 * {@link #append(PreparedAppend)}'s.
	 */
	CompletableFuture<AppendResult> appendAsync(PreparedAppend append) {
		if (append.events().size() != 1) {
			return CompletableFuture.supplyAsync(() -> append(append), this.executor);
		}
		CompletableFuture<PublishAck> ack;
		try {
			ack = this.jetStream.publishAsync(this.messages.of(append).get(0));
		}
		catch (IllegalStateException ex) {
			// Not connected: nothing was sent.
			return CompletableFuture
				.failedFuture(NatsExceptionTranslator.translate("append to " + append.aggregate(), ex));
		}
		return ack.thenApply((published) -> stored(append, published.getSeqno()))
			.exceptionallyCompose((failure) -> CompletableFuture.supplyAsync(() -> afterFailedPublish(append, failure),
					this.executor));
	}

	private AppendResult afterFailedPublish(PreparedAppend append, Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof JetStreamApiException api) {
				if (JetStreamErrors.is(api, JetStreamErrors.WRONG_LAST_SEQUENCE)) {
					return ownOrConflict(append);
				}
				throw NatsExceptionTranslator.translate("append to " + append.aggregate(), api);
			}
		}
		// No answer from the server: send the same bytes again, as a lost acknowledgement
		// is.
		return append(append, true);
	}

	private AppendResult ownOrConflict(PreparedAppend append) {
		Optional<Long> sequence = storedSequenceOfLast(append);
		if (sequence.isPresent()) {
			return stored(append, sequence.get());
		}
		throw conflict(append);
	}

	/**
	 * Wait, at most the publish timeout, until the connection is open.
	 */
	private boolean awaitConnected() {
		long deadline = System.nanoTime() + this.publishTimeout.toNanos();
		while (this.connection.getStatus() != Connection.Status.CONNECTED) {
			if (this.connection.getStatus() == Connection.Status.CLOSED || System.nanoTime() - deadline > 0) {
				return false;
			}
			try {
				Thread.sleep(20);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return false;
			}
		}
		return true;
	}

	/**
	 * Wait a little before sending again to a subject nothing answered, unless the
	 * deadline has passed.
	 * @return whether to send again
	 */
	private static boolean awaitResponder(long deadline) {
		long remaining = deadline - System.nanoTime();
		if (remaining <= 0) {
			return false;
		}
		try {
			Thread.sleep(Math.max(1, Math.min(NO_RESPONDER_PAUSE_MILLIS, remaining / 1_000_000)));
			return true;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	private long send(List<Message> messages) throws IOException, JetStreamApiException, InterruptedException {
		PublishAck ack = (messages.size() == 1) ? this.jetStream.publish(messages.get(0))
				: this.batchPublisher.publish(messages, this.publishTimeout);
		return ack.getSeqno();
	}

	/**
	 * The stream sequence of the append's last event when exactly that event is stored,
	 * read with one direct get of its subject.
	 */
	private Optional<Long> storedSequenceOfLast(PreparedAppend append) {
		EncodedEvent last = append.last();
		String subject = this.messages.subjectOf(append.aggregate(), last.block());
		try {
			return this.leaderReads.last(subject)
				.filter((info) -> Arrays.equals(info.getData(), last.bytes()))
				.map(MessageInfo::getSeq);
		}
		catch (IOException | JetStreamApiException | InterruptedException ex) {
			throw NatsExceptionTranslator.translate("reading back " + subject, ex);
		}
	}

	private VersionConflictException conflict(PreparedAppend append) {
		AggregateRef aggregate = append.aggregate();
		long actual;
		try {
			actual = this.leaderReads.last(this.messages.aggregateEvents(aggregate))
				.map((info) -> StoreSubjects.versionOf(info.getSubject()))
				.orElse(0L);
		}
		catch (IOException | JetStreamApiException | InterruptedException ex) {
			throw NatsExceptionTranslator.translate("reading the head of " + aggregate, ex);
		}
		if (append.expected().isNone() && actual > 0) {
			return new AggregateAlreadyExistsException(aggregate, actual);
		}
		return new VersionConflictException(aggregate, append.expected().version(), actual);
	}

	private AppendResult stored(PreparedAppend append, long lastSequence) {
		// An atomic batch is stored as one contiguous run of sequences.
		List<RecordedEvent> events = new ArrayList<>(append.events().size());
		long sequence = lastSequence - append.events().size() + 1;
		Instant now = this.clock.instant();
		AggregateRef aggregate = append.aggregate();
		for (EncodedEvent event : append.events()) {
			EventBlock block = event.block();
			events.add(new RecordedEvent(aggregate, block.version(), block.type(), block.schema(), block.data(),
					event.cid(), block.prev(), block.meta(), sequence++, now, this.messages.subjectOf(aggregate, block),
					event.bytes()));
		}
		return new AppendResult(aggregate, events.get(events.size() - 1).asHead(), events);
	}

}
