/**
 * Queries over the store and the plans that answer them: the typed queries
 * ({@link dev.cim.persistence.query.SubjectQuery},
 * {@link dev.cim.persistence.query.ReadModelWhere},
 * {@link dev.cim.persistence.query.AggregateQuery}) and their text form
 * ({@link dev.cim.persistence.query.Query#parse(String)}), the strategies and their cost
 * model ({@link dev.cim.persistence.query.CostModel}), and the
 * {@link dev.cim.persistence.query.QueryOptimizer} that plans a query from what the
 * server reports and executes the plan, caching plans and results
 * ({@link dev.cim.persistence.query.QueryCaching}) and reporting to a
 * {@link dev.cim.persistence.query.QueryObserver}. Depends on {@code readmodel},
 * {@code nats}, {@code routing}, {@code event}, jnats, Jackson, Caffeine and Spring's
 * data-access exceptions; not on Micrometer (the meters are in
 * {@code autoconfigure.metrics}).
 */
@NullMarked
package dev.cim.persistence.query;

import org.jspecify.annotations.NullMarked;
