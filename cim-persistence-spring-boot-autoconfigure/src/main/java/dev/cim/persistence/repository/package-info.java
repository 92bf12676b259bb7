/**
 * The repository API an application touches: {@link AggregateRepository} in Spring Data's
 * vocabulary, {@link AggregateHistory} for hash-chain verification and CAR transfer,
 * {@link AsyncAggregateRepository} for saves that do not block, the {@link Aggregate}
 * annotation, options, metadata, and the exceptions of Spring's data access vocabulary.
 * No engine, Jackson or jnats type appears here; the engine is in
 * {@code dev.cim.persistence.repository.support}.
 */
@NullMarked
package dev.cim.persistence.repository;

import org.jspecify.annotations.NullMarked;
