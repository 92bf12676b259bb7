/**
 * Aggregates and their events as an application sees them: the event store with
 * per-aggregate optimistic concurrency, and the exceptions of the data access vocabulary.
 */
@NullMarked
package dev.cim.persistence.repository;

import org.jspecify.annotations.NullMarked;
