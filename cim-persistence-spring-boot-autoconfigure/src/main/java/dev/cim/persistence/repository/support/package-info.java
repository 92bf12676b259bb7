/**
 * The engine behind the repository API, split by job and wired by
 * {@link NatsRepositoryFactory}: the {@link EventAppender} (prepare, append, read-back,
 * conflict) and {@link EventReader} (head, event at a version, history), the wire format
 * of a message ({@link EventMessages}), the {@link AggregateLoader} (cache, state,
 * snapshot, replay, at a version, verified), the caches ({@link StateCache},
 * {@link CacheWriter}), event conversion ({@link EventConversion}) and chain verification
 * and CAR transfer. {@link EventStore} offers appends and reads without aggregates.
 */
@NullMarked
package dev.cim.persistence.repository.support;

import org.jspecify.annotations.NullMarked;
