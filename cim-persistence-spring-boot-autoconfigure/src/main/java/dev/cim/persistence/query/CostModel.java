package dev.cim.persistence.query;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import dev.cim.persistence.routing.IdPattern;
import org.jspecify.annotations.Nullable;

/**
 * Chooses a strategy for a query from statistics alone: a pure function, so plans can be
 * tested without a server. Costs are in units of one message delivered to the client; a
 * round trip costs {@value #REQUEST} (about 200 µs against a few µs per delivered
 * message, as measured on the project's reference machine), and a message the server
 * examines without delivering it costs {@value #SCAN}.
 *
 * <p>
 * How many messages a pattern matches is estimated: an exact subject matches
 * {@code messages / subjects}; each literal token of an event pattern after
 * {@code {prefix}.events} keeps {@value #TOKEN_SELECTIVITY} of the messages. A time bound
 * is placed in the stream by linear interpolation between its first and last store time,
 * a sequence bound between its first and last sequence. An equality on an indexed field
 * matches {@code 1 / distinct values} of the entries,
 * {@value #DEFAULT_EQUALITY_SELECTIVITY} when that is unknown. When costs are equal, the
 * more specific strategy wins ({@code LAST_PER_SUBJECT}, {@code SECONDARY_INDEX},
 * {@code KEY_PATTERN}, {@code TIME_RANGE}, {@code SUBJECT_PATTERN}, {@code FULL_SCAN}).
 */
public final class CostModel {

	/** The cost of one round trip to the server. */
	public static final double REQUEST = 25;

	/** The cost of one message the server examines and does not deliver. */
	public static final double SCAN = 0.05;

	/** The cost of one key delivered without its value. */
	public static final double KEY = 0.3;

	/** The cost of one message delivered to the client. */
	public static final double DELIVER = 1;

	/** Messages per fetch or batched get. */
	public static final int BATCH = 1000;

	/** The share of messages a literal token of an event pattern keeps. */
	public static final double TOKEN_SELECTIVITY = 0.1;

	/** The share of entries an equality on a field matches when nothing else is known. */
	public static final double DEFAULT_EQUALITY_SELECTIVITY = 0.1;

	/** The share of ids a glob such as {@code o-*} selects. */
	public static final double GLOB_SELECTIVITY = 0.1;

	private static final List<QueryStrategy> PREFERENCE = List.of(QueryStrategy.LAST_PER_SUBJECT,
			QueryStrategy.SECONDARY_INDEX, QueryStrategy.KEY_PATTERN, QueryStrategy.TIME_RANGE,
			QueryStrategy.SUBJECT_PATTERN, QueryStrategy.FULL_SCAN);

	private static final String READ_MODELS_ONLY = "it reads read-model entries, not a stream of messages";

	private CostModel() {
	}

	/**
	 * Plan a query with every strategy executable.
	 * @param query the query
	 * @param statistics what the server reported
	 * @param hint a strategy to force, if any
	 * @return the plan
	 * @throws StrategyNotApplicableException when the hint forces a strategy that cannot
	 * answer the query
	 */
	public static QueryPlan plan(Query query, QueryStatistics statistics, QueryHint hint) {
		return plan(query, statistics, hint, EnumSet.allOf(QueryStrategy.class));
	}

	/**
	 * Plan a query.
	 * @param query the query
	 * @param statistics what the server reported
	 * @param hint a strategy to force, if any
	 * @param executable the strategies the caller can execute: the cheapest applicable
	 * one of these is chosen ({@link QueryStrategy#FULL_SCAN} must be among them); a
	 * forced strategy is planned even when it is not among them
	 * @return the plan
	 * @throws StrategyNotApplicableException when the hint forces a strategy that cannot
	 * answer the query
	 */
	public static QueryPlan plan(Query query, QueryStatistics statistics, QueryHint hint,
			Set<QueryStrategy> executable) {
		if (!executable.contains(QueryStrategy.FULL_SCAN)) {
			throw new IllegalArgumentException("FULL_SCAN, the fallback, must be executable");
		}
		List<StrategyEstimate> estimates = new ArrayList<>();
		for (QueryStrategy strategy : QueryStrategy.values()) {
			StrategyEstimate estimate = estimate(query, statistics, strategy);
			estimates.add(estimate.applicable() ? new StrategyEstimate(strategy, true, executable.contains(strategy),
					estimate.cost(), estimate.reason()) : estimate);
		}
		QueryStrategy forced = hint.strategy();
		if (forced != null) {
			StrategyEstimate estimate = estimates.get(forced.ordinal());
			if (!estimate.applicable()) {
				throw new StrategyNotApplicableException(forced, query.toText(), estimate.reason());
			}
			return new QueryPlan(query, forced, estimate.cost(), statistics, true, estimates, hint.bypassCache());
		}
		StrategyEstimate cheapest = estimates.stream()
			.filter((estimate) -> estimate.applicable() && estimate.executable())
			.min(Comparator.comparingDouble(StrategyEstimate::cost)
				.thenComparingInt((estimate) -> PREFERENCE.indexOf(estimate.strategy())))
			.orElseThrow(() -> new IllegalStateException("FULL_SCAN answers every query"));
		return new QueryPlan(query, cheapest.strategy(), cheapest.cost(), statistics, false, estimates,
				hint.bypassCache());
	}

	private static StrategyEstimate estimate(Query query, QueryStatistics statistics, QueryStrategy strategy) {
		if (query instanceof SubjectQuery subject) {
			return estimate(subject, statistics, strategy);
		}
		if (query instanceof AggregateQuery aggregate) {
			return estimate(aggregate, statistics, strategy);
		}
		return estimate((ReadModelWhere) query, statistics, strategy);
	}

	private static StrategyEstimate estimate(SubjectQuery query, QueryStatistics statistics, QueryStrategy strategy) {
		double messages = statistics.messages();
		double matched = matchedEvents(query.pattern(), statistics);
		return switch (strategy) {
			case FULL_SCAN -> applicable(strategy, requests(messages) + messages * DELIVER, "reads all "
					+ count(messages) + " messages of " + statistics.source() + " and filters them in the client");
			case SUBJECT_PATTERN ->
				applicable(strategy, (messages - matched) * SCAN + matched * DELIVER + requests(matched),
						"the server filters " + count(messages) + " messages and delivers about " + count(matched));
			case TIME_RANGE -> {
				if (!query.hasStart()) {
					yield StrategyEstimate.notApplicable(strategy, "the query has no start time or sequence");
				}
				double share = shareAfterStart(query, statistics);
				yield applicable(strategy,
						share * (messages - matched) * SCAN + share * matched * DELIVER + requests(share * matched),
						"the consumer starts at the query's start, skipping about " + Math.round((1 - share) * 100)
								+ "% of the stream, and delivers about " + count(share * matched));
			}
			case LAST_PER_SUBJECT -> StrategyEstimate.notApplicable(strategy,
					"it returns the newest message of each subject, not every matching event");
			case KEY_PATTERN, SECONDARY_INDEX -> StrategyEstimate.notApplicable(strategy, READ_MODELS_ONLY);
		};
	}

	private static StrategyEstimate estimate(AggregateQuery query, QueryStatistics statistics, QueryStrategy strategy) {
		double messages = statistics.messages();
		double subjects = Math.max(1, statistics.subjects());
		IdPattern ids = query.ids();
		double subjectShare = ids.isWildcard() ? TOKEN_SELECTIVITY * TOKEN_SELECTIVITY : 1 / subjects;
		double matchedSubjects = Math.min(subjects, Math.max(1, subjects * subjectShare));
		double matchedMessages = matchedSubjects * messages / subjects;
		return switch (strategy) {
			case LAST_PER_SUBJECT -> applicable(strategy, matchedSubjects * DELIVER + requests(matchedSubjects),
					"the newest state of each of about " + count(matchedSubjects)
							+ " matching subjects, from the server's subject index");
			case SUBJECT_PATTERN -> applicable(strategy,
					(messages - matchedMessages) * SCAN + matchedMessages * DELIVER + requests(matchedMessages),
					"the server filters " + count(messages) + " messages and delivers about " + count(matchedMessages)
							+ ", of which the client keeps the newest per subject");
			case FULL_SCAN ->
				applicable(strategy, requests(messages) + messages * DELIVER, "reads all " + count(messages)
						+ " messages of " + statistics.source() + " and keeps the newest matching one per subject");
			case TIME_RANGE ->
				StrategyEstimate.notApplicable(strategy, "an aggregate query has no start time or sequence");
			case KEY_PATTERN, SECONDARY_INDEX -> StrategyEstimate.notApplicable(strategy, READ_MODELS_ONLY);
		};
	}

	private static StrategyEstimate estimate(ReadModelWhere query, QueryStatistics statistics, QueryStrategy strategy) {
		double messages = statistics.messages();
		double keys = statistics.subjects();
		IdPattern ids = query.ids();
		return switch (strategy) {
			case FULL_SCAN -> {
				double delivered = ids.isWildcard() ? keys : Math.min(1, keys);
				yield applicable(strategy,
						Math.max(0, messages - delivered) * SCAN + delivered * DELIVER + requests(delivered),
						"reads every " + (ids.isWildcard() ? "" : "matching ") + "entry of " + query.type() + " (about "
								+ count(delivered) + ") and filters them in the client");
			}
			case KEY_PATTERN -> {
				if (ids.isAll()) {
					yield StrategyEstimate.notApplicable(strategy, "the id pattern '" + query.idPattern()
							+ "' selects every id, so the keys do not narrow the scan");
				}
				if (!ids.isWildcard()) {
					yield applicable(strategy, REQUEST + DELIVER, "one get of the key of id " + query.idPattern());
				}
				double selected = keys * GLOB_SELECTIVITY;
				yield applicable(strategy,
						Math.max(0, messages - keys) * SCAN + keys * KEY + requests(keys) + selected * DELIVER
								+ requests(selected),
						"lists the keys of " + query.type() + " (about " + count(keys) + ") and gets about "
								+ count(selected) + " whose ids match '" + query.idPattern() + "'");
			}
			case SECONDARY_INDEX -> indexEstimate(query, statistics);
			case SUBJECT_PATTERN, TIME_RANGE, LAST_PER_SUBJECT -> StrategyEstimate.notApplicable(strategy,
					"a read-model query is answered from the read-model bucket, not the events stream");
		};
	}

	private static StrategyEstimate indexEstimate(ReadModelWhere query, QueryStatistics statistics) {
		@Nullable Condition best = null;
		double bestHits = Double.MAX_VALUE;
		for (Condition condition : query.conditions()) {
			IndexStatistics index = statistics.indexes().get(condition.field());
			if (index != null) {
				double hits = indexHits(index, statistics) * condition.values().size();
				if (hits < bestHits) {
					best = condition;
					bestHits = hits;
				}
			}
		}
		if (best == null) {
			return StrategyEstimate.notApplicable(QueryStrategy.SECONDARY_INDEX,
					query.conditions().isEmpty() ? "the query has no condition"
							: "no condition is on an indexed field" + (statistics.indexes().isEmpty() ? ""
									: " (indexed: " + String.join(", ", statistics.indexes().keySet()) + ")"));
		}
		int lookups = best.values().size();
		return applicable(QueryStrategy.SECONDARY_INDEX,
				lookups * REQUEST + bestHits * KEY + bestHits * DELIVER + requests(bestHits),
				lookups + " index lookup" + ((lookups > 1) ? "s" : "") + " on " + best.field() + " find about "
						+ count(bestHits) + " ids, each re-checked against its entry");
	}

	/**
	 * How many ids an index is expected to hold for one value.
	 */
	static double indexHits(IndexStatistics index, QueryStatistics statistics) {
		double entries = (index.entries() >= 0) ? index.entries() : statistics.subjects();
		double share = (index.distinctValues() > 0) ? 1.0 / index.distinctValues() : DEFAULT_EQUALITY_SELECTIVITY;
		return entries * share;
	}

	/**
	 * How many events a pattern matches: an exact subject its share of the stream, a
	 * pattern {@value #TOKEN_SELECTIVITY} per literal token after the first two.
	 */
	private static double matchedEvents(String pattern, QueryStatistics statistics) {
		double messages = statistics.messages();
		double subjects = Math.max(1, statistics.subjects());
		if (!pattern.contains("*") && !pattern.contains(">")) {
			return Math.min(messages, messages / subjects);
		}
		String[] tokens = pattern.split("\\.");
		double share = 1;
		for (int i = 2; i < tokens.length; i++) {
			if (!tokens[i].equals("*") && !tokens[i].equals(">")) {
				share *= TOKEN_SELECTIVITY;
			}
		}
		return Math.max(Math.min(messages, messages / subjects), messages * share);
	}

	/**
	 * The share of the stream at or after the query's start, 0 to 1.
	 */
	static double shareAfterStart(SubjectQuery query, QueryStatistics statistics) {
		double share = 1;
		long first = statistics.firstSequence();
		long last = statistics.lastSequence();
		if (query.fromSequence() > 0 && last >= first && last > 0) {
			share = Math.min(share, clamp((double) (last - query.fromSequence() + 1) / (last - first + 1)));
		}
		Instant since = query.since();
		Instant firstTime = statistics.firstTime();
		Instant lastTime = statistics.lastTime();
		if (since != null && firstTime != null && lastTime != null) {
			double span = seconds(Duration.between(firstTime, lastTime));
			if (span > 0) {
				share = Math.min(share, clamp(seconds(Duration.between(since, lastTime)) / span));
			}
			else if (since.isAfter(lastTime)) {
				share = 0;
			}
		}
		return share;
	}

	private static double seconds(Duration duration) {
		return duration.getSeconds() + duration.getNano() / 1e9;
	}

	private static double clamp(double share) {
		return Math.max(0, Math.min(1, share));
	}

	private static double requests(double messages) {
		return REQUEST * (1 + Math.ceil(messages / BATCH));
	}

	private static StrategyEstimate applicable(QueryStrategy strategy, double cost, String reason) {
		return new StrategyEstimate(strategy, true, true, cost, reason);
	}

	private static String count(double value) {
		return String.valueOf(Math.round(value));
	}

	/**
	 * A cost for people: one decimal.
	 * @param cost the cost
	 * @return the text
	 */
	static String format(double cost) {
		return String.format(Locale.ROOT, "%.1f", cost);
	}

}
