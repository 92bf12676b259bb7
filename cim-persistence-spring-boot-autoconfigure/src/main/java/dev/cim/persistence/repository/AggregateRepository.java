package dev.cim.persistence.repository;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Stores and loads event-sourced aggregates of one type, in the vocabulary of Spring
 * Data's {@code CrudRepository}.
 *
 * <p>
 * A save stores an aggregate's new events as one unit under optimistic concurrency. The
 * version it expects is always visible: saving a {@link LoadedAggregate} expects the
 * version it carries; saving a plain instance expects the aggregate not to exist yet
 * (unless {@link SaveOptions#expectVersion(long)} says otherwise);
 * {@link #update(String, long, Function)} names it.
 *
 * <p>
 * Events are passed as the aggregate's event type {@code E} of {@code EventSourced<E>};
 * an object of another type is refused with an {@link IllegalArgumentException} before
 * anything is sent.
 *
 * <p>
 * The history of an aggregate (verification, CAR export and import) is on
 * {@link AggregateHistory}; saves that do not block the caller are on
 * {@link AsyncAggregateRepository}. The repository the library registers for an
 * {@link Aggregate @Aggregate} class implements all three.
 *
 * @param <T> the aggregate type
 */
public interface AggregateRepository<T extends EventSourced<?>> {

	/**
	 * Apply new events to a new aggregate and store them, expecting the aggregate not to
	 * exist yet, or to be at {@link SaveOptions#expectedVersion()} when given. On failure
	 * the instance has the events applied but not stored: discard it.
	 * @param aggregate a new aggregate (or one at the options' expected version)
	 * @param events the new events, 1 to 1000
	 * @param options expectation, snapshot, correlation and metadata
	 * @return the aggregate after the save, with its metadata
	 * @throws AggregateAlreadyExistsException when the id is taken
	 * @throws VersionConflictException when the aggregate is not at the expected version
	 * @throws IllegalArgumentException when the id or an event is invalid (nothing is
	 * sent)
	 */
	LoadedAggregate<T> save(T aggregate, List<?> events, SaveOptions options);

	/**
	 * Apply new events to a new aggregate and store them, expecting the aggregate not to
	 * exist yet.
	 * @param aggregate a new aggregate
	 * @param events the new events, 1 to 1000
	 * @return the aggregate after the save, with its metadata
	 * @throws AggregateAlreadyExistsException when the id is taken
	 * @throws IllegalArgumentException when the id or an event is invalid
	 */
	default LoadedAggregate<T> save(T aggregate, List<?> events) {
		return save(aggregate, events, SaveOptions.defaults());
	}

	/**
	 * Apply new events to a loaded aggregate and store them, expecting the aggregate to
	 * still be at the version it was loaded (or last saved) at, unless
	 * {@link SaveOptions#expectedVersion()} says otherwise. On failure the instance has
	 * the events applied but not stored: discard it and load again.
	 * @param loaded the aggregate as loaded or last saved
	 * @param events the new events, 1 to 1000
	 * @param options snapshot, correlation and metadata
	 * @return the aggregate after the save, with its metadata: save that to save again
	 * @throws VersionConflictException when the aggregate moved on
	 * @throws IllegalArgumentException when an event is invalid (nothing is sent)
	 */
	LoadedAggregate<T> save(LoadedAggregate<T> loaded, List<?> events, SaveOptions options);

	/**
	 * Apply new events to a loaded aggregate and store them, with default options.
	 * @param loaded the aggregate as loaded or last saved
	 * @param events the new events, 1 to 1000
	 * @return the aggregate after the save, with its metadata
	 * @throws VersionConflictException when the aggregate moved on
	 */
	default LoadedAggregate<T> save(LoadedAggregate<T> loaded, List<?> events) {
		return save(loaded, events, SaveOptions.defaults());
	}

	/**
	 * Load an aggregate.
	 * @param id the aggregate's id
	 * @param options the version, cache and snapshot choices
	 * @return the aggregate and its metadata
	 * @throws AggregateNotFoundException when the aggregate has no events (at that
	 * version)
	 */
	LoadedAggregate<T> load(String id, LoadOptions options);

	/**
	 * Load the newest state of an aggregate.
	 * @param id the aggregate's id
	 * @return the aggregate and its metadata
	 * @throws AggregateNotFoundException when the aggregate has no events
	 */
	default LoadedAggregate<T> load(String id) {
		return load(id, LoadOptions.defaults());
	}

	/**
	 * Find an aggregate by its id.
	 * @param id the aggregate's id
	 * @return the aggregate, or empty when it has no events
	 * @throws IllegalArgumentException when the id is not a valid subject token
	 */
	Optional<T> findById(String id);

	/**
	 * Whether an aggregate has events.
	 * @param id the aggregate's id
	 * @return whether it exists
	 * @throws IllegalArgumentException when the id is not a valid subject token
	 */
	boolean existsById(String id);

	/**
	 * The aggregates whose ids match a pattern, read from the state stream without their
	 * histories. The pattern is {@code *} or {@code >} for every id, an id, or an id with
	 * {@code *} standing for any characters within it ({@code o-*}).
	 * @param idPattern the pattern
	 * @return the matching aggregates with their metadata, by id
	 * @throws IllegalArgumentException when the pattern is invalid
	 */
	List<LoadedAggregate<T>> findAllByIdPattern(String idPattern);

	/**
	 * An aggregate's events between two versions, inclusive, read as their classes.
	 * @param id the aggregate's id
	 * @param fromVersion the first version, at least 1
	 * @param toVersion the last version
	 * @return the events in order; empty when the aggregate has none in the range
	 * @throws IllegalArgumentException when the range is empty or starts below 1
	 */
	List<StoredEvent> findEvents(String id, long fromVersion, long toVersion);

	/**
	 * Load an aggregate, run a command that decides new events, and save them; on a
	 * version conflict, reload and run the command again, up to the configured number of
	 * attempts.
	 * @param id the aggregate's id
	 * @param command decides the events from the current state; may throw to refuse
	 * @return the aggregate after the save and its metadata
	 * @throws AggregateNotFoundException when the aggregate has no events
	 * @throws VersionConflictException when every attempt met a conflict
	 */
	LoadedAggregate<T> update(String id, Function<? super T, ? extends List<?>> command);

	/**
	 * Load an aggregate at a version the caller expects (for example the version a client
	 * read, sent back as {@code If-Match}), run a command that decides new events, and
	 * save them expecting that version. Nothing is retried: a conflict means the caller's
	 * view is stale.
	 * @param id the aggregate's id
	 * @param expectedVersion the version the aggregate must be at
	 * @param command decides the events from the state at that version
	 * @return the aggregate after the save and its metadata
	 * @throws AggregateNotFoundException when the aggregate has no events
	 * @throws VersionConflictException when the aggregate is not at the expected version
	 * @throws IllegalArgumentException when the expected version is below 1 (nothing is
	 * read or run)
	 */
	LoadedAggregate<T> update(String id, long expectedVersion, Function<? super T, ? extends List<?>> command);

}
