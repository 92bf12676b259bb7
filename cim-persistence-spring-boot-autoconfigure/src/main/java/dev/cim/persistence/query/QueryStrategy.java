package dev.cim.persistence.query;

/**
 * How a query is answered. The {@link CostModel} chooses among the strategies that can
 * answer a query; a {@link QueryHint} may force one.
 */
public enum QueryStrategy {

	/**
	 * A server-side filtered ordered consumer over the stream: the server reads every
	 * message and delivers those whose subject matches.
	 */
	SUBJECT_PATTERN,

	/**
	 * The newest message per matching subject (last-per-subject delivery, later the
	 * batched direct get's {@code multi_last}), answered from the server's subject index.
	 */
	LAST_PER_SUBJECT,

	/**
	 * The read-model keys matching the query's id pattern, then their values by batched
	 * direct get.
	 */
	KEY_PATTERN,

	/**
	 * The ids an index of the projection runner holds for a field's value, then the
	 * entries, each re-checked against the query.
	 */
	SECONDARY_INDEX,

	/**
	 * Like {@link #SUBJECT_PATTERN}, but the consumer starts at the query's start time or
	 * sequence instead of at the beginning of the stream.
	 */
	TIME_RANGE,

	/**
	 * Every message of the stream, or every entry of the read-model type, filtered in the
	 * client: always correct, the fallback.
	 */
	FULL_SCAN

}
