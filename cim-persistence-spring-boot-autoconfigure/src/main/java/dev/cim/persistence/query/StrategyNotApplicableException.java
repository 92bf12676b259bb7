package dev.cim.persistence.query;

import org.springframework.dao.InvalidDataAccessApiUsageException;

/**
 * A {@link QueryHint} forced a strategy that cannot answer the query (for example
 * {@link QueryStrategy#SECONDARY_INDEX} on a field without an index, or
 * {@link QueryStrategy#LAST_PER_SUBJECT} for a query over every event).
 */
public class StrategyNotApplicableException extends InvalidDataAccessApiUsageException {

	private static final long serialVersionUID = 1L;

	private final QueryStrategy strategy;

	/**
	 * Create the exception.
	 * @param strategy the strategy that was forced
	 * @param query the query, as text
	 * @param reason why the strategy cannot answer it
	 */
	public StrategyNotApplicableException(QueryStrategy strategy, String query, String reason) {
		super("strategy " + strategy + " cannot answer '" + query + "': " + reason);
		this.strategy = strategy;
	}

	/**
	 * The strategy that was forced.
	 * @return the strategy
	 */
	public QueryStrategy getStrategy() {
		return this.strategy;
	}

}
