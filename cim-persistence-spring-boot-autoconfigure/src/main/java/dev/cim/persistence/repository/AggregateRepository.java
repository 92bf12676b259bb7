package dev.cim.persistence.repository;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Stores and loads event-sourced aggregates of one type.
 *
 * <p>
 * Events are passed as the aggregate's event type {@code E} of {@code EventSourced<E>};
 * an object of another type is refused with an {@link IllegalArgumentException} before
 * anything is sent.
 *
 * @param <T> the aggregate type
 */
public interface AggregateRepository<T extends EventSourced<?>> {

	/**
	 * Apply new events to an aggregate and store them as one unit, under optimistic
	 * concurrency: the aggregate must still be at the version it was loaded at (or
	 * {@link SaveOptions#expectedVersion()}). On failure the instance has the events
	 * applied but not stored: discard it and load again.
	 * @param aggregate the aggregate, as loaded (or new)
	 * @param events the new events, 1 to 1000
	 * @param options expectations, snapshot, correlation and metadata
	 * @return the aggregate's metadata after the save
	 * @throws VersionConflictException when the aggregate moved on since it was loaded
	 * @throws AggregateAlreadyExistsException when a new aggregate's id is taken
	 * @throws IllegalArgumentException when the id or an event is invalid
	 */
	AggregateMetadata save(T aggregate, List<?> events, SaveOptions options);

	/**
	 * Save with default options.
	 * @param aggregate the aggregate
	 * @param events the new events
	 * @return the aggregate's metadata after the save
	 * @throws VersionConflictException when the aggregate moved on since it was loaded
	 */
	default AggregateMetadata save(T aggregate, List<?> events) {
		return save(aggregate, events, SaveOptions.defaults());
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
	 * Find an aggregate.
	 * @param id the aggregate's id
	 * @return the aggregate, or empty when it has no events
	 */
	Optional<T> find(String id);

	/**
	 * Whether an aggregate has events.
	 * @param id the aggregate's id
	 * @return whether it exists
	 */
	boolean exists(String id);

	/**
	 * An aggregate's events between two versions, inclusive.
	 * @param id the aggregate's id
	 * @param fromVersion the first version, at least 1
	 * @param toVersion the last version
	 * @return the events in order
	 */
	List<StoredEvent> getHistory(String id, long fromVersion, long toVersion);

	/**
	 * Verify an aggregate's history: recompute every CID from the stored bytes, follow
	 * every {@code prev} link, check that versions are contiguous and that subjects,
	 * headers and bodies agree.
	 * @param id the aggregate's id
	 * @return what the verification found
	 * @throws AggregateNotFoundException when the aggregate has no events
	 */
	ChainVerification verify(String id);

	/**
	 * Write an aggregate's history as a CARv1 archive: one root, the head's CID, and
	 * every event's stored bytes in chain order.
	 * @param id the aggregate's id
	 * @param out where to write
	 * @return the verification of the exported history
	 * @throws IOException when writing fails
	 * @throws AggregateNotFoundException when the aggregate has no events
	 * @throws org.springframework.dao.InvalidDataAccessApiUsageException when content
	 * addressing is off
	 */
	ChainVerification exportCar(String id, OutputStream out) throws IOException;

	/**
	 * Import a CARv1 archive as the complete history of a new aggregate, verifying every
	 * block, link and version first; the events keep their bytes and CIDs. Importing the
	 * same archive again stores nothing and reports the same head.
	 * @param in the archive
	 * @return the imported aggregate's metadata
	 * @throws IOException when reading fails
	 * @throws ChainImportException when the archive is not a sound history of this type
	 * @throws AggregateAlreadyExistsException when the aggregate already has other events
	 */
	AggregateMetadata importCar(InputStream in) throws IOException;

	/**
	 * The aggregates whose ids match a pattern, read from the state stream without their
	 * histories. The pattern is {@code *} or {@code >} for every id, an id, or an id with
	 * {@code *} standing for any characters within it ({@code o-*}).
	 * @param idPattern the pattern
	 * @return the matching aggregates with their metadata, by id
	 */
	List<LoadedAggregate<T>> query(String idPattern);

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

}
