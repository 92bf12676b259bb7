/**
 * JMH benchmarks of the repository and the projections, each paired with the raw jnats
 * baseline that does the same network work against the same kind of embedded nats-server,
 * and the report that turns JMH's JSON into {@code docs/benchmarks.md}.
 *
 * <p>
 * A pair is two {@code @Benchmark} methods of one class, {@code name} and
 * {@code nameRaw}; adding a benchmark is adding one class.
 */
@NullMarked
package dev.cim.persistence.benchmarks;

import org.jspecify.annotations.NullMarked;
