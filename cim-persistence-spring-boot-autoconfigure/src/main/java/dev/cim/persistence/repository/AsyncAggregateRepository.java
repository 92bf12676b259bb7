package dev.cim.persistence.repository;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Saves that do not block the caller, for applications that keep many saves of different
 * aggregates in flight on one thread.
 *
 * @param <T> the aggregate type
 */
public interface AsyncAggregateRepository<T extends EventSourced<?>> {

	/**
	 * Save a new aggregate (or one at the options' expected version) without blocking:
	 * like {@link AggregateRepository#save(EventSourced, List, SaveOptions)}. The events
	 * are applied before this method returns; do not use the instance again until the
	 * future completes.
	 * @param aggregate the aggregate
	 * @param events the new events, 1 to 1000
	 * @param options expectation, snapshot, correlation and metadata
	 * @return the aggregate after the save; completes exceptionally with a
	 * {@link VersionConflictException} or {@link AggregateAlreadyExistsException}
	 * (wrapped in a {@link java.util.concurrent.CompletionException} when joined)
	 * @throws IllegalArgumentException when the id or an event is invalid (nothing is
	 * sent)
	 */
	CompletableFuture<LoadedAggregate<T>> saveAsync(T aggregate, List<?> events, SaveOptions options);

	/**
	 * Save a loaded aggregate without blocking: like
	 * {@link AggregateRepository#save(LoadedAggregate, List, SaveOptions)}.
	 * @param loaded the aggregate as loaded or last saved
	 * @param events the new events, 1 to 1000
	 * @param options snapshot, correlation and metadata
	 * @return the aggregate after the save; completes exceptionally with a
	 * {@link VersionConflictException} when the aggregate moved on
	 * @throws IllegalArgumentException when an event is invalid (nothing is sent)
	 */
	CompletableFuture<LoadedAggregate<T>> saveAsync(LoadedAggregate<T> loaded, List<?> events, SaveOptions options);

	/**
	 * Wait until the state and snapshot writes of earlier saves and loads are
	 * acknowledged. Those writes are caches made without blocking the save; an
	 * application need not call this, but a test or a shutdown that wants them stored
	 * can.
	 * @param timeout how long to wait at most
	 * @return whether every write finished in time
	 */
	boolean flush(Duration timeout);

}
