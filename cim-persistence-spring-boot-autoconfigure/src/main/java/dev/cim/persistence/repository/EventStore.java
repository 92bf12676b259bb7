package dev.cim.persistence.repository;

import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import dev.cim.persistence.event.EncodedEvent;
import dev.cim.persistence.event.EventBlock;
import dev.cim.persistence.event.EventBlockCodec;
import dev.cim.persistence.event.EventMeta;
import dev.cim.persistence.event.UuidV7;
import dev.cim.persistence.ipld.Cid;
import dev.cim.persistence.ipld.IpldCodec;
import dev.cim.persistence.nats.AtomicBatchPublisher;
import dev.cim.persistence.nats.JetStreamErrors;
import dev.cim.persistence.nats.NatsRepositoryConfig;
import dev.cim.persistence.nats.PayloadLimits;
import dev.cim.persistence.nats.StoreSubjects;
import io.nats.client.Connection;
import io.nats.client.JetStream;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.JetStreamOptions;
import io.nats.client.Message;
import io.nats.client.api.MessageInfo;
import io.nats.client.api.PublishAck;
import io.nats.client.impl.Headers;
import io.nats.client.impl.NatsMessage;
import org.jspecify.annotations.Nullable;

/**
 * The event store: appends an aggregate's events to the event stream under optimistic
 * concurrency, and reads them back.
 *
 * <p>
 * An append expects the aggregate's head (the version, stream sequence and CID of its
 * newest event, or {@link EventHead#NONE} for a new aggregate). One event is one publish
 * with {@code Nats-Expected-Last-Subject-Sequence} on the aggregate's wildcard subject;
 * several are one atomic batch with the expectation on the first message, so they are
 * stored all or none. When the server reports that the expectation failed, the store
 * reads back whether the events are its own (a re-sent append whose first attempt was
 * stored) before reporting a {@link VersionConflictException}. An append whose
 * acknowledgement is lost is re-sent with the same bytes and message ids. An append is
 * never reported failed when it was stored, nor successful when it was not.
 *
 * <p>
 * Thread-safe.
 */
public class EventStore {

	private static final String EXPECTED_LAST_SUBJECT_SEQUENCE = "Nats-Expected-Last-Subject-Sequence";

	/** How long to wait before sending again to a stream that did not answer. */
	private static final long NO_RESPONDER_PAUSE_MILLIS = 100;

	/**
	 * Runs the blocking parts of asynchronous appends: batches, read-backs and retries.
	 */
	private static final ExecutorService BLOCKING_WORK = Executors.newCachedThreadPool((task) -> {
		Thread thread = new Thread(task, "cim-append");
		thread.setDaemon(true);
		return thread;
	});

	private static final String EXPECTED_LAST_SUBJECT_SEQUENCE_SUBJECT = "Nats-Expected-Last-Subject-Sequence-Subject";

	private final NatsRepositoryConfig config;

	private final StoreSubjects subjects;

	private final EventBlockCodec codec;

	private final JetStream jetStream;

	private final JetStreamManagement management;

	private final AtomicBatchPublisher batchPublisher;

	private final EventHistoryReader historyReader;

	private final Clock clock;

	private final Connection connection;

	private final PayloadLimits limits;

	private final LeaderReads leaderReads;

	/**
	 * Create an event store on a connection. The streams must exist (see
	 * {@link dev.cim.persistence.nats.JetStreamProvisioner}).
	 * @param connection the connection
	 * @param config the layout
	 */
	public EventStore(Connection connection, NatsRepositoryConfig config) {
		this(connection, config, Clock.systemUTC());
	}

	/**
	 * Create an event store on a connection with a clock for event timestamps.
	 * @param connection the connection
	 * @param config the layout
	 * @param clock the clock
	 */
	public EventStore(Connection connection, NatsRepositoryConfig config, Clock clock) {
		this.config = config;
		this.subjects = StoreSubjects.of(config);
		this.codec = new EventBlockCodec(config.enableIpld(), IpldCodec.forName(config.ipldCodec()));
		this.clock = clock;
		this.connection = connection;
		this.limits = new PayloadLimits(connection, config);
		JetStreamOptions options = JetStreamOptions.builder().requestTimeout(config.publishTimeout()).build();
		try {
			this.jetStream = connection.jetStream(options);
			this.management = connection.jetStreamManagement(options);
		}
		catch (IOException ex) {
			throw NatsExceptionTranslator.translate("opening JetStream", ex);
		}
		this.batchPublisher = new AtomicBatchPublisher(connection);
		this.leaderReads = new LeaderReads(connection, config.eventStreamName(), config.publishTimeout());
		this.historyReader = new EventHistoryReader(connection, this.jetStream, config, this.subjects);
	}

	/**
	 * The head of an aggregate: its newest event, read with one direct get.
	 * @param aggregate the aggregate
	 * @return the head, or empty when the aggregate has no events
	 * @throws org.springframework.dao.DataAccessException when the server cannot be read
	 */
	public Optional<EventHead> head(AggregateRef aggregate) {
		return lastRaw(aggregate).map(this::headOf);
	}

	/**
	 * The newest message of an aggregate as stored, not decoded: a head needs only its
	 * subject, sequence and bytes.
	 */
	Optional<RawEvent> lastRaw(AggregateRef aggregate) {
		String wildcard = this.subjects.aggregateEvents(aggregate.context(), aggregate.type(), aggregate.id());
		return lastMessage(wildcard, "reading the head of " + aggregate).map((info) -> new RawEvent(info.getSubject(),
				info.getHeaders(), info.getData(), info.getSeq(), info.getTime().toInstant()));
	}

	/**
	 * The head a stored message stands for, without decoding its body: the version is the
	 * subject's last token, the CID is computed from the bytes.
	 */
	EventHead headOf(RawEvent event) {
		return new EventHead(StoreSubjects.versionOf(event.subject()), event.sequence(),
				this.codec.cidOf(event.body()));
	}

	StoredEvent decode(RawEvent event) {
		return toStoredEvent(event.subject(), event.body(), event.sequence(), event.storedAt());
	}

	/**
	 * The newest event of an aggregate, read with one direct get.
	 * @param aggregate the aggregate
	 * @return the event, or empty when the aggregate has no events
	 * @throws org.springframework.dao.DataAccessException when the server cannot be read
	 */
	public Optional<StoredEvent> lastEvent(AggregateRef aggregate) {
		return lastRaw(aggregate).map(this::decode);
	}

	/**
	 * The event that created a given version of an aggregate, read with one direct get.
	 * @param aggregate the aggregate
	 * @param version the version
	 * @return the event, or empty when the aggregate has no such version
	 * @throws org.springframework.dao.DataAccessException when the server cannot be read
	 */
	public Optional<StoredEvent> eventAt(AggregateRef aggregate, long version) {
		String subject = this.subjects.aggregateEvents(aggregate.context(), aggregate.type(), aggregate.id())
			.replace(">", "*." + version);
		return lastMessage(subject, "reading version " + version + " of " + aggregate).map(this::toStoredEvent);
	}

	/**
	 * Append events with default options.
	 * @param aggregate the aggregate
	 * @param expected the head the append expects, {@link EventHead#NONE} for a new
	 * aggregate
	 * @param events 1 to 1000 events
	 * @return what was stored
	 * @throws VersionConflictException when the aggregate is not at the expected head
	 * @throws AggregateAlreadyExistsException when a new aggregate already exists
	 * @throws EventTooLargeException when an event is larger than the limit
	 * @throws org.springframework.dao.DataAccessException when the server cannot be
	 * reached
	 */
	public AppendResult append(AggregateRef aggregate, EventHead expected, List<NewEvent> events) {
		return append(prepare(aggregate, expected, events, AppendOptions.defaults()));
	}

	/**
	 * Append events.
	 * @param aggregate the aggregate
	 * @param expected the head the append expects, {@link EventHead#NONE} for a new
	 * aggregate
	 * @param events 1 to 1000 events
	 * @param options correlation, causation and metadata
	 * @return what was stored
	 * @throws VersionConflictException when the aggregate is not at the expected head
	 * @throws AggregateAlreadyExistsException when a new aggregate already exists
	 * @throws EventTooLargeException when an event is larger than the limit
	 * @throws org.springframework.dao.DataAccessException when the server cannot be
	 * reached
	 */
	public AppendResult append(AggregateRef aggregate, EventHead expected, List<NewEvent> events,
			AppendOptions options) {
		return append(prepare(aggregate, expected, events, options));
	}

	/**
	 * Encode an append without sending it: every check on the input runs here, so a
	 * prepared append only fails for reasons on the server's side.
	 * @param aggregate the aggregate
	 * @param expected the head the append expects
	 * @param events 1 to 1000 events
	 * @param options correlation, causation and metadata
	 * @return the prepared append, which {@link #append(PreparedAppend)} sends
	 * @throws IllegalArgumentException when there are no events or more than 1000
	 * @throws EventTooLargeException when an event is larger than the limit (the
	 * configured {@code max-event-bytes}, or the server's max payload less room for
	 * headers when that is smaller)
	 */
	public PreparedAppend prepare(AggregateRef aggregate, EventHead expected, List<NewEvent> events,
			AppendOptions options) {
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
		for (NewEvent event : events) {
			version++;
			EventMeta meta = new EventMeta(UuidV7.next(this.clock).toString(), this.clock.instant(),
					options.correlationId(), options.causationId(), options.metadata());
			EventBlock block = new EventBlock(event.type(), event.schema(), aggregate.context(), aggregate.type(),
					aggregate.id(), version, event.data(), prev, meta);
			EncodedEvent encodedEvent = this.codec.encode(block);
			int limit = this.limits.maxEventBytes();
			if (encodedEvent.bytes().length > limit) {
				throw new EventTooLargeException(aggregate, event.type(), version, encodedEvent.bytes().length, limit,
						this.limits.maxEventBytesSource());
			}
			encoded.add(encodedEvent);
			prev = encodedEvent.cid();
		}
		return new PreparedAppend(aggregate, expected, encoded);
	}

	/**
	 * Send a prepared append. Sending the same prepared append again after it was stored
	 * reports the same success and stores nothing twice.
	 * @param append the prepared append
	 * @return what was stored
	 * @throws VersionConflictException when the aggregate is not at the expected head
	 * @throws AggregateAlreadyExistsException when a new aggregate already exists
	 * @throws StoreUnavailableException when the server cannot be reached (the message
	 * says when the events may have been stored nonetheless)
	 * @throws org.springframework.dao.DataAccessException on other failures
	 */
	public AppendResult append(PreparedAppend append) {
		return append(append, false);
	}

	/**
	 * Send a prepared append, knowing whether an earlier attempt may have stored it.
	 */
	private AppendResult append(PreparedAppend append, boolean sentBefore) {
		List<Message> messages = messages(append);
		String action = "append to " + append.aggregate();
		Exception lastFailure = null;
		long answerDeadline = System.nanoTime() + this.config.publishTimeout().toNanos();
		int attempt = 0;
		boolean maybeStored = sentBefore;
		while (++attempt <= this.config.publishAttempts()) {
			try {
				return stored(append, send(messages));
			}
			catch (JetStreamApiException ex) {
				if (JetStreamErrors.is(ex, JetStreamErrors.WRONG_LAST_SEQUENCE)
						|| JetStreamErrors.is(ex, JetStreamErrors.ATOMIC_BATCH_DUPLICATE_MESSAGE_ID)) {
					// The events may be ours, stored by an earlier attempt whose ack was
					// lost.
					Optional<Long> sequence = storedSequenceOfLast(append);
					if (sequence.isPresent()) {
						return stored(append, sequence.get());
					}
					throw conflict(append);
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
		if (!maybeStored) {
			throw NatsExceptionTranslator.translate(action + " (nothing answered within "
					+ this.config.publishTimeout().toMillis() + " ms: the stream is missing or has no leader)",
					lastFailure);
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
		throw NatsExceptionTranslator.translate(action + " (not acknowledged after " + this.config.publishAttempts()
				+ " attempts, and not found in the stream when read back)", lastFailure);
	}

	/**
	 * Wait, at most the publish timeout, until the connection is open.
	 */
	private boolean awaitConnected() {
		long deadline = System.nanoTime() + this.config.publishTimeout().toNanos();
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

	/**
	 * Send a prepared append without blocking the caller: one event is published
	 * asynchronously, so many appends can be in flight on one connection; several events
	 * (an atomic batch) are sent on a worker thread. The outcome is the same as
	 * {@link #append(PreparedAppend)}'s: when the server reports that the expectation
	 * failed, the store reads back whether the event is its own before reporting a
	 * conflict, and a publish that failed otherwise is retried with the same bytes.
	 * @param append the prepared append
	 * @return what was stored; completes exceptionally with a
	 * {@link VersionConflictException}, an {@link AggregateAlreadyExistsException} or a
	 * {@link org.springframework.dao.DataAccessException} (wrapped in a
	 * {@link java.util.concurrent.CompletionException} when joined)
	 */
	public CompletableFuture<AppendResult> appendAsync(PreparedAppend append) {
		if (append.events().size() != 1) {
			return CompletableFuture.supplyAsync(() -> append(append), BLOCKING_WORK);
		}
		CompletableFuture<PublishAck> ack;
		try {
			ack = this.jetStream.publishAsync(messages(append).get(0));
		}
		catch (IllegalStateException ex) {
			// Not connected: nothing was sent.
			return CompletableFuture
				.failedFuture(NatsExceptionTranslator.translate("append to " + append.aggregate(), ex));
		}
		return ack.thenApply((published) -> stored(append, published.getSeqno()))
			.exceptionallyCompose((failure) -> CompletableFuture.supplyAsync(() -> afterFailedPublish(append, failure),
					BLOCKING_WORK));
	}

	static ExecutorService blockingWork() {
		return BLOCKING_WORK;
	}

	private AppendResult afterFailedPublish(PreparedAppend append, Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof JetStreamApiException api) {
				if (JetStreamErrors.is(api, JetStreamErrors.WRONG_LAST_SEQUENCE)) {
					Optional<Long> sequence = storedSequenceOfLast(append);
					if (sequence.isPresent()) {
						return stored(append, sequence.get());
					}
					throw conflict(append);
				}
				throw NatsExceptionTranslator.translate("append to " + append.aggregate(), api);
			}
		}
		// No answer from the server: send the same bytes again, as a lost acknowledgement
		// is.
		return append(append, true);
	}

	/**
	 * Read an aggregate's events between two versions, inclusive, in bulk with one
	 * ordered consumer filtered to the aggregate's subjects.
	 * @param aggregate the aggregate
	 * @param fromVersion the first version, at least 1
	 * @param toVersion the last version, {@code Long.MAX_VALUE} for all
	 * @return the events in version order; empty when the aggregate has none in the range
	 * @throws IllegalArgumentException when the range is empty or starts below 1
	 * @throws org.springframework.dao.DataAccessException when the server cannot be read
	 */
	public List<StoredEvent> history(AggregateRef aggregate, long fromVersion, long toVersion) {
		if (fromVersion < 1 || toVersion < fromVersion) {
			throw new IllegalArgumentException(
					"version range " + fromVersion + ".." + toVersion + " of " + aggregate + " is empty or below 1");
		}
		Optional<EventHead> head = head(aggregate);
		if (head.isEmpty() || head.get().version() < fromVersion) {
			return List.of();
		}
		return this.historyReader.read(aggregate, fromVersion, toVersion, 1, head.get().sequence(),
				this::toStoredEvent);
	}

	/**
	 * Read an aggregate's events from a known stream position up to a known head, without
	 * reading the head first.
	 * @param aggregate the aggregate
	 * @param fromVersion the first version wanted
	 * @param toVersion the last version wanted
	 * @param startSequence a stream sequence at or before the first wanted event
	 * @param headSequence the sequence of the aggregate's newest event
	 * @return the events in version order
	 */
	List<StoredEvent> history(AggregateRef aggregate, long fromVersion, long toVersion, long startSequence,
			long headSequence) {
		if (startSequence > headSequence || fromVersion > toVersion) {
			return List.of();
		}
		return this.historyReader.read(aggregate, fromVersion, toVersion, startSequence, headSequence,
				this::toStoredEvent);
	}

	/**
	 * Read all of an aggregate's events.
	 * @param aggregate the aggregate
	 * @return the events in version order
	 * @throws org.springframework.dao.DataAccessException when the server cannot be read
	 */
	public List<StoredEvent> history(AggregateRef aggregate) {
		return history(aggregate, 1, Long.MAX_VALUE);
	}

	NatsRepositoryConfig config() {
		return this.config;
	}

	Connection connection() {
		return this.connection;
	}

	PayloadLimits limits() {
		return this.limits;
	}

	JetStream jetStream() {
		return this.jetStream;
	}

	JetStreamManagement management() {
		return this.management;
	}

	private List<Message> messages(PreparedAppend append) {
		AggregateRef aggregate = append.aggregate();
		List<Message> messages = new ArrayList<>(append.events().size());
		for (EncodedEvent event : append.events()) {
			EventBlock block = event.block();
			Headers headers = new Headers();
			headers.put("Nats-Msg-Id", (event.cid() != null) ? event.cid().toString() : block.meta().eventId());
			if (event.cid() != null) {
				headers.put("Cim-Cid", event.cid().toString());
			}
			if (block.prev() != null) {
				headers.put("Cim-Prev-Cid", block.prev().toString());
			}
			headers.put("Cim-Event-Type", block.type());
			headers.put("Cim-Schema", Integer.toString(block.schema()));
			headers.put("Content-Type", this.codec.contentType());
			if (messages.isEmpty()) {
				headers.put(EXPECTED_LAST_SUBJECT_SEQUENCE, Long.toString(append.expected().sequence()));
				headers.put(EXPECTED_LAST_SUBJECT_SEQUENCE_SUBJECT,
						this.subjects.aggregateEvents(aggregate.context(), aggregate.type(), aggregate.id()));
			}
			String subject = this.subjects.event(aggregate.context(), aggregate.type(), aggregate.id(), block.type(),
					block.version());
			messages.add(NatsMessage.builder().subject(subject).headers(headers).data(event.bytes()).build());
		}
		return messages;
	}

	private long send(List<Message> messages) throws IOException, JetStreamApiException, InterruptedException {
		PublishAck ack = (messages.size() == 1) ? this.jetStream.publish(messages.get(0))
				: this.batchPublisher.publish(messages, this.config.publishTimeout());
		return ack.getSeqno();
	}

	/**
	 * The stream sequence of the append's last event when exactly that event is stored,
	 * read with one direct get of its subject.
	 */
	private Optional<Long> storedSequenceOfLast(PreparedAppend append) {
		EncodedEvent last = append.last();
		AggregateRef aggregate = append.aggregate();
		String subject = this.subjects.event(aggregate.context(), aggregate.type(), aggregate.id(), last.block().type(),
				last.block().version());
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
		String wildcard = this.subjects.aggregateEvents(aggregate.context(), aggregate.type(), aggregate.id());
		long actual;
		try {
			actual = this.leaderReads.last(wildcard)
				.map((info) -> StoreSubjects.versionOf(info.getSubject()))
				.orElse(0L);
		}
		catch (IOException | JetStreamApiException | InterruptedException ex) {
			throw NatsExceptionTranslator.translate("reading the head of " + aggregate, ex);
		}
		if (append.expected().isNone() && actual > 0) {
			return new AggregateAlreadyExistsException(append.aggregate(), actual);
		}
		return new VersionConflictException(append.aggregate(), append.expected().version(), actual);
	}

	private AppendResult stored(PreparedAppend append, long lastSequence) {
		// An atomic batch is stored as one contiguous run of sequences.
		List<StoredEvent> events = new ArrayList<>(append.events().size());
		long sequence = lastSequence - append.events().size() + 1;
		java.time.Instant now = this.clock.instant();
		AggregateRef aggregate = append.aggregate();
		for (EncodedEvent event : append.events()) {
			EventBlock block = event.block();
			events.add(new StoredEvent(aggregate, block.version(), block.type(), block.schema(), block.data(),
					event.cid(), block.prev(), block.meta(), sequence++, now, this.subjects.event(aggregate.context(),
							aggregate.type(), aggregate.id(), block.type(), block.version())));
		}
		StoredEvent last = events.get(events.size() - 1);
		return new AppendResult(aggregate, last.asHead(), events);
	}

	private Optional<MessageInfo> lastMessage(String subject, String action) {
		try {
			return Optional.of(this.management.getLastMessage(this.config.eventStreamName(), subject));
		}
		catch (JetStreamApiException ex) {
			if (JetStreamErrors.is(ex, JetStreamErrors.NO_MESSAGE_FOUND)) {
				return Optional.empty();
			}
			throw NatsExceptionTranslator.translate(action, ex);
		}
		catch (IOException | IllegalStateException ex) {
			throw NatsExceptionTranslator.translate(action, ex);
		}
	}

	private StoredEvent toStoredEvent(MessageInfo info) {
		return toStoredEvent(info.getSubject(), info.getData(), info.getSeq(), info.getTime().toInstant());
	}

	/**
	 * Read an aggregate's stored messages as they are, without decoding them.
	 * @param aggregate the aggregate
	 * @return the messages in stream order; empty when the aggregate has none
	 */
	List<RawEvent> rawHistory(AggregateRef aggregate) {
		Optional<MessageInfo> head = lastMessage(
				this.subjects.aggregateEvents(aggregate.context(), aggregate.type(), aggregate.id()),
				"reading the head of " + aggregate);
		if (head.isEmpty()) {
			return List.of();
		}
		return this.historyReader.read(aggregate, 1, Long.MAX_VALUE, 1, head.get().getSeq(),
				(message) -> new RawEvent(message.getSubject(), message.getHeaders(), message.getData(),
						message.metaData().streamSequence(), message.metaData().timestamp().toInstant()));
	}

	EventBlockCodec codec() {
		return this.codec;
	}

	StoreSubjects subjects() {
		return this.subjects;
	}

	private StoredEvent toStoredEvent(Message message) {
		return toStoredEvent(message.getSubject(), message.getData(), message.metaData().streamSequence(),
				message.metaData().timestamp().toInstant());
	}

	StoredEvent toStoredEvent(String subject, byte[] body, long sequence, java.time.Instant storedAt) {
		EventBlock block = this.codec.decode(body);
		AggregateRef aggregate = new AggregateRef(block.context(), block.aggregateType(), block.aggregateId());
		return new StoredEvent(aggregate, block.version(), block.type(), block.schema(), block.data(),
				this.codec.cidOf(body), block.prev(), block.meta(), sequence, storedAt, subject);
	}

}
