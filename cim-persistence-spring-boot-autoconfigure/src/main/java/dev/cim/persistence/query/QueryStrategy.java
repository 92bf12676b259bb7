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
	 * The newest message per matching subject, answered from the server's subject index
	 * by one batched direct get ({@code multi_last}); a last-per-subject consumer when
	 * more than 1,024 subjects match.
	 */
	LAST_PER_SUBJECT,

	/**
	 * The newest entry of each read-model key under the query's id pattern (the id as the
	 * last token, or {@code *} for a glob), by one batched direct get
	 * ({@code multi_last}); a last-per-key consumer when more than 1,024 keys match.
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
