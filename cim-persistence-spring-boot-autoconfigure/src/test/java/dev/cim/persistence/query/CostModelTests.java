package dev.cim.persistence.query;

import java.time.Instant;
import java.util.EnumSet;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@link CostModel}: which strategy statistics lead to, and what a plan explains.
 */
class CostModelTests {

	private static final QueryStatistics BUCKET = QueryStatistics.of("KV_readmodels", 10_000, 10_000);

	private static final Instant FIRST = Instant.parse("2026-01-01T00:00:00Z");

	private static final Instant LAST = Instant.parse("2026-01-11T00:00:00Z");

	private static final QueryStatistics EVENTS = QueryStatistics.of("EVENTS", 100_000, 100_000).withTimes(FIRST, LAST);

	private static final QueryStatistics STATES = QueryStatistics.of("AGGREGATES", 10_000, 10_000);

	@Test
	void indexedEqualityAtOnePercentSelectivityPicksTheSecondaryIndex() {
		QueryStatistics statistics = BUCKET.withIndex(new IndexStatistics("status", 10_000, 100));
		QueryPlan plan = CostModel.plan(ReadModelWhere.of("Order").where("status", "PLACED"), statistics,
				QueryHint.none());
		assertThat(plan.strategy()).isEqualTo(QueryStrategy.SECONDARY_INDEX);
		assertThat(plan.forced()).isFalse();
		assertThat(plan.estimatedCost()).isLessThan(estimate(plan, QueryStrategy.FULL_SCAN) / 10);
		assertThat(plan.statistics()).isSameAs(statistics);
	}

	@Test
	void indexThatDoesNotNarrowLosesToTheScan() {
		QueryStatistics statistics = BUCKET.withIndex(new IndexStatistics("status", 10_000, 1));
		QueryPlan plan = CostModel.plan(ReadModelWhere.of("Order").where("status", "PLACED"), statistics,
				QueryHint.none());
		assertThat(plan.strategy()).isEqualTo(QueryStrategy.FULL_SCAN);
	}

	@Test
	void theMostSelectiveIndexedConditionIsTheOneLookedUp() {
		QueryStatistics statistics = BUCKET.withIndex(new IndexStatistics("status", 10_000, 4))
			.withIndex(new IndexStatistics("customerId", 10_000, 5_000));
		QueryPlan plan = CostModel.plan(ReadModelWhere.of("Order").where("status", "PLACED").where("customerId", "c-1"),
				statistics, QueryHint.none());
		assertThat(plan.strategy()).isEqualTo(QueryStrategy.SECONDARY_INDEX);
		assertThat(plan.chosen().reason()).contains("on customerId");
	}

	@Test
	void withoutAnIndexAReadModelQueryScans() {
		QueryPlan plan = CostModel.plan(ReadModelWhere.of("Order").where("status", "PLACED"), BUCKET, QueryHint.none());
		assertThat(plan.strategy()).isEqualTo(QueryStrategy.FULL_SCAN);
		assertThat(plan.explain()).contains("SECONDARY_INDEX not applicable: no condition is on an indexed field")
			.contains("KEY_PATTERN not applicable: the id pattern '*' selects every id");
	}

	@Test
	void anIdPatternThatRestrictsPicksTheKeyPattern() {
		assertThat(CostModel.plan(ReadModelWhere.of("Order").id("o-1"), BUCKET, QueryHint.none()).strategy())
			.isEqualTo(QueryStrategy.KEY_PATTERN);
		assertThat(
				CostModel.plan(ReadModelWhere.of("Order").id("o-*").where("status", "PLACED"), BUCKET, QueryHint.none())
					.strategy())
			.isEqualTo(QueryStrategy.KEY_PATTERN);
	}

	@Test
	void aStrategyTheCallerCannotExecuteIsNotChosenButExplained() {
		QueryPlan plan = CostModel.plan(ReadModelWhere.of("Order").id("o-1"), BUCKET, QueryHint.none(),
				EnumSet.complementOf(EnumSet.of(QueryStrategy.KEY_PATTERN)));
		assertThat(plan.strategy()).isEqualTo(QueryStrategy.FULL_SCAN);
		assertThat(plan.explain()).contains("KEY_PATTERN cost 26.0: one get of the key of id o-1 (not executable yet)");
	}

	@Test
	void subjectQueryWithAStartTimePicksTheTimeRange() {
		QueryPlan plan = CostModel.plan(
				SubjectQuery.of("cim.events.sales.Order.*.OrderPlaced.*").since(Instant.parse("2026-01-10T00:00:00Z")),
				EVENTS, QueryHint.none());
		assertThat(plan.strategy()).isEqualTo(QueryStrategy.TIME_RANGE);
		assertThat(plan.chosen().reason()).contains("skipping about 90% of the stream");
		assertThat(plan.estimatedCost()).isLessThan(estimate(plan, QueryStrategy.SUBJECT_PATTERN));
	}

	@Test
	void subjectQueryWithAStartSequencePicksTheTimeRange() {
		QueryPlan plan = CostModel.plan(SubjectQuery.of("cim.events.>").from(75_001), EVENTS, QueryHint.none());
		assertThat(plan.strategy()).isEqualTo(QueryStrategy.TIME_RANGE);
		assertThat(plan.chosen().reason()).contains("skipping about 75% of the stream");
	}

	@Test
	void aStartBeforeTheStreamStillPrefersTheTimeRangeAtEqualCost() {
		QueryPlan plan = CostModel.plan(SubjectQuery.of("cim.events.>").since(Instant.parse("2025-01-01T00:00:00Z")),
				EVENTS, QueryHint.none());
		assertThat(plan.strategy()).isEqualTo(QueryStrategy.TIME_RANGE);
		assertThat(plan.estimatedCost()).isEqualTo(estimate(plan, QueryStrategy.SUBJECT_PATTERN));
	}

	@Test
	void subjectQueryWithoutBoundsIsFilteredByTheServer() {
		QueryPlan plan = CostModel.plan(SubjectQuery.of("cim.events.sales.>").until(LAST), EVENTS, QueryHint.none());
		assertThat(plan.strategy()).isEqualTo(QueryStrategy.SUBJECT_PATTERN);
		assertThat(plan.explain()).contains("TIME_RANGE not applicable: the query has no start time or sequence")
			.contains("LAST_PER_SUBJECT not applicable");
	}

	@Test
	void aggregateQueryPicksTheLastMessagePerSubject() {
		assertThat(CostModel.plan(AggregateQuery.of("sales", "Order", "*"), STATES, QueryHint.none()).strategy())
			.isEqualTo(QueryStrategy.LAST_PER_SUBJECT);
		assertThat(CostModel.plan(AggregateQuery.of("sales", "Order", "o-1"), STATES, QueryHint.none()).strategy())
			.isEqualTo(QueryStrategy.LAST_PER_SUBJECT);
	}

	@Test
	void forcedStrategyThatCannotAnswerTheQueryIsRefused() {
		assertThatExceptionOfType(StrategyNotApplicableException.class)
			.isThrownBy(() -> CostModel.plan(ReadModelWhere.of("Order").where("status", "PLACED"), BUCKET,
					QueryHint.force(QueryStrategy.SECONDARY_INDEX)))
			.withMessage("strategy SECONDARY_INDEX cannot answer 'readmodel:Order where status = PLACED':"
					+ " no condition is on an indexed field")
			.satisfies((ex) -> assertThat(ex.getStrategy()).isEqualTo(QueryStrategy.SECONDARY_INDEX));
		assertThatExceptionOfType(StrategyNotApplicableException.class)
			.isThrownBy(() -> CostModel.plan(SubjectQuery.of("cim.events.>"), EVENTS,
					QueryHint.force(QueryStrategy.TIME_RANGE)))
			.withMessageContaining("no start time or sequence");
		assertThatExceptionOfType(StrategyNotApplicableException.class)
			.isThrownBy(() -> CostModel.plan(SubjectQuery.of("cim.events.>"), EVENTS,
					QueryHint.force(QueryStrategy.LAST_PER_SUBJECT)))
			.withMessageContaining("newest message of each subject");
		assertThatExceptionOfType(StrategyNotApplicableException.class).isThrownBy(() -> CostModel
			.plan(AggregateQuery.of("sales", "Order", "*"), STATES, QueryHint.force(QueryStrategy.KEY_PATTERN)));
	}

	@Test
	void forcedStrategyThatCanAnswerIsPlannedEvenWhenDearer() {
		QueryPlan plan = CostModel.plan(AggregateQuery.of("sales", "Order", "*"), STATES,
				QueryHint.force(QueryStrategy.FULL_SCAN));
		assertThat(plan.strategy()).isEqualTo(QueryStrategy.FULL_SCAN);
		assertThat(plan.forced()).isTrue();
		assertThat(plan.estimatedCost()).isGreaterThan(estimate(plan, QueryStrategy.LAST_PER_SUBJECT));
		assertThat(plan.explain()).contains("forced by the hint");
	}

	@Test
	void explainNamesTheStrategyWhyTheStatisticsAndTheRejectedAlternativesWithTheirCosts() {
		QueryStatistics statistics = BUCKET.withIndex(new IndexStatistics("status", 10_000, 100));
		String explain = CostModel
			.plan(ReadModelWhere.of("Order").where("status", "PLACED"), statistics, QueryHint.none())
			.explain();
		assertThat(explain).startsWith("query: readmodel:Order where status = PLACED\n"
				+ "strategy: SECONDARY_INDEX, estimated cost 205.0, the cheapest executable strategy\n"
				+ "why: 1 index lookup on status find about 100 ids, each re-checked against its entry\n"
				+ "statistics: KV_readmodels: 10000 messages, 10000 subjects, sequences 1..10000;"
				+ " indexes: status (10000 entries, 100 values)\n" + "rejected:");
		assertThat(explain).contains("\n  FULL_SCAN cost 10275.0: reads every entry of Order (about 10000)")
			.contains("\n  SUBJECT_PATTERN not applicable:");
	}

	@Test
	void costsArePureFunctionsOfTheStatistics() {
		ReadModelWhere query = ReadModelWhere.of("Order").id("o-*");
		assertThat(CostModel.plan(query, BUCKET, QueryHint.none()))
			.isEqualTo(CostModel.plan(query, BUCKET, QueryHint.none()));
		QueryStatistics bigger = QueryStatistics.of("KV_readmodels", 20_000, 20_000);
		assertThat(CostModel.plan(query, bigger, QueryHint.none()).estimatedCost())
			.isGreaterThan(CostModel.plan(query, BUCKET, QueryHint.none()).estimatedCost());
	}

	private static double estimate(QueryPlan plan, QueryStrategy strategy) {
		return plan.estimates().get(strategy.ordinal()).cost();
	}

}
