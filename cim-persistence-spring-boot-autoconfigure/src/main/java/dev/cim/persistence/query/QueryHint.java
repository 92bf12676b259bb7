package dev.cim.persistence.query;

import java.util.Objects;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * What a caller asks of the planner beyond the query: a strategy to use instead of the
 * cheapest one, and whether to bypass the plan and result caches (see
 * {@link QueryCaching}): a plan made with {@code bypassCache} is new, and executing it
 * reads the server even when a cached result is still valid.
 *
 * @param strategy the strategy to force, or {@code null} to choose by cost
 * @param bypassCache whether to read from the server even when a cached answer is valid
 */
public record QueryHint(@Nullable QueryStrategy strategy, boolean bypassCache) {

	private static final QueryHint NONE = new QueryHint(null, false);

	/**
	 * No hint: choose by cost, use the caches.
	 * @return the empty hint
	 */
	public static QueryHint none() {
		return NONE;
	}

	/**
	 * Force a strategy.
	 * @param strategy the strategy
	 * @return the hint
	 */
	public static QueryHint force(QueryStrategy strategy) {
		return new QueryHint(Objects.requireNonNull(strategy, "strategy"), false);
	}

	/**
	 * This hint, also bypassing the caches.
	 * @return a new hint
	 */
	public QueryHint bypassingCache() {
		return new QueryHint(this.strategy, true);
	}

	/**
	 * The forced strategy.
	 * @return the strategy, or empty to choose by cost
	 */
	public Optional<QueryStrategy> forced() {
		return Optional.ofNullable(this.strategy);
	}

}
