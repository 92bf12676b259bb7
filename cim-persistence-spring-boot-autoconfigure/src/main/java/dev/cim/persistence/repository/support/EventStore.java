package dev.cim.persistence.repository.support;

import dev.cim.persistence.nats.StoreUnavailableException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

import dev.cim.persistence.nats.NatsRepositoryConfig;
import io.nats.client.Connection;
import dev.cim.persistence.repository.AggregateRef;

/**
 * The event store without aggregates: appends events to the event stream under optimistic
 * concurrency and reads them back, for tools, tests and benchmarks that work on events
 * directly. Repositories use the same appender and reader (see
 * {@link NatsRepositoryFactory}).
 *
 * <p>
 * An append expects the aggregate's head (the version, stream sequence and CID of its
 * newest event, or {@link EventHead#NONE} for a new aggregate); see {@link EventAppender}
 * for the protocol. Thread-safe.
 */
public class EventStore {

	private final EventReader reader;

	private final EventAppender appender;

	/** The wiring, for tests of the engine that build repositories on this store. */
	final EventParts parts;

	/**
	 * Create an event store on a connection; asynchronous batch appends run on the common
	 * pool. The streams must exist (see
	 * {@link dev.cim.persistence.nats.JetStreamProvisioner}).
	 * @param connection the connection
	 * @param config the layout
	 */
	public EventStore(Connection connection, NatsRepositoryConfig config) {
		this(connection, config, Clock.systemUTC(), java.util.concurrent.ForkJoinPool.commonPool());
	}

	/**
	 * Create an event store on a connection with a clock for event timestamps and an
	 * executor for the blocking parts of asynchronous appends.
	 * @param connection the connection
	 * @param config the layout
	 * @param clock the clock
	 * @param executor the executor
	 */
	public EventStore(Connection connection, NatsRepositoryConfig config, Clock clock, Executor executor) {
		this(EventParts.wire(connection, config, clock, executor));
	}

	EventStore(EventParts parts) {
		this.parts = parts;
		this.reader = parts.reader();
		this.appender = parts.appender();
	}

	/**
	 * The head of an aggregate: its newest event, read with one direct get.
	 * @param aggregate the aggregate
	 * @return the head, or empty when the aggregate has no events
	 * @throws org.springframework.dao.DataAccessException when the server cannot be read
	 */
	public Optional<EventHead> head(AggregateRef aggregate) {
		return this.reader.head(aggregate);
	}

	/**
	 * The newest event of an aggregate, read with one direct get.
	 * @param aggregate the aggregate
	 * @return the event, or empty when the aggregate has no events
	 * @throws org.springframework.dao.DataAccessException when the server cannot be read
	 */
	public Optional<RecordedEvent> lastEvent(AggregateRef aggregate) {
		return this.reader.lastRaw(aggregate).map(this.reader::decode);
	}

	/**
	 * The event that created a given version of an aggregate, read with one direct get.
	 * @param aggregate the aggregate
	 * @param version the version
	 * @return the event, or empty when the aggregate has no such version
	 * @throws org.springframework.dao.DataAccessException when the server cannot be read
	 */
	public Optional<RecordedEvent> eventAt(AggregateRef aggregate, long version) {
		return this.reader.eventAt(aggregate, version);
	}

	/**
	 * Append events with default options.
	 * @param aggregate the aggregate
	 * @param expected the head the append expects, {@link EventHead#NONE} for a new
	 * aggregate
	 * @param events 1 to 1000 events
	 * @return what was stored
	 * @throws dev.cim.persistence.repository.VersionConflictException when the aggregate
	 * is not at the expected head
	 * @throws dev.cim.persistence.repository.AggregateAlreadyExistsException when a new
	 * aggregate already exists
	 * @throws dev.cim.persistence.repository.EventTooLargeException when an event is
	 * larger than the limit
	 */
	public AppendResult append(AggregateRef aggregate, EventHead expected, List<NewEvent> events) {
		return append(prepare(aggregate, expected, events, AppendOptions.defaults()));
	}

	/**
	 * Append events.
	 * @param aggregate the aggregate
	 * @param expected the head the append expects
	 * @param events 1 to 1000 events
	 * @param options correlation, causation and metadata
	 * @return what was stored
	 * @throws dev.cim.persistence.repository.VersionConflictException when the aggregate
	 * is not at the expected head
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
	 * @return the prepared append
	 * @throws IllegalArgumentException when there are no events or more than 1000
	 * @throws dev.cim.persistence.repository.EventTooLargeException when an event is
	 * larger than the limit
	 */
	public PreparedAppend prepare(AggregateRef aggregate, EventHead expected, List<NewEvent> events,
			AppendOptions options) {
		return this.appender.prepare(aggregate, expected, events, options);
	}

	/**
	 * Send a prepared append. Sending the same prepared append again after it was stored
	 * reports the same success and stores nothing twice.
	 * @param append the prepared append
	 * @return what was stored
	 * @throws dev.cim.persistence.repository.VersionConflictException when the aggregate
	 * is not at the expected head
	 * @throws dev.cim.persistence.nats.StoreUnavailableException when the server cannot
	 * be reached
	 */
	public AppendResult append(PreparedAppend append) {
		return this.appender.append(append);
	}

	/**
	 * Send a prepared append without blocking the caller.
	 * @param append the prepared append
	 * @return what was stored; completes exceptionally as {@link #append(PreparedAppend)}
	 * throws
	 */
	public CompletableFuture<AppendResult> appendAsync(PreparedAppend append) {
		return this.appender.appendAsync(append);
	}

	/**
	 * Read an aggregate's events between two versions, inclusive, in bulk.
	 * @param aggregate the aggregate
	 * @param fromVersion the first version, at least 1
	 * @param toVersion the last version, {@code Long.MAX_VALUE} for all
	 * @return the events in version order; empty when the aggregate has none in the range
	 * @throws IllegalArgumentException when the range is empty or starts below 1
	 */
	public List<RecordedEvent> history(AggregateRef aggregate, long fromVersion, long toVersion) {
		return this.reader.history(aggregate, fromVersion, toVersion);
	}

	/**
	 * Read all of an aggregate's events.
	 * @param aggregate the aggregate
	 * @return the events in version order
	 */
	public List<RecordedEvent> history(AggregateRef aggregate) {
		return history(aggregate, 1, Long.MAX_VALUE);
	}

}
