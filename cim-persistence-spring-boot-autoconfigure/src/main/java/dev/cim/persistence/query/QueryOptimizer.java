package dev.cim.persistence.query;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import dev.cim.persistence.nats.NatsExceptionTranslator;
import dev.cim.persistence.nats.NatsRepositoryConfig;
import dev.cim.persistence.nats.StoreSubjects;
import dev.cim.persistence.readmodel.ReadModelStore;
import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.api.StreamState;

import org.springframework.dao.InvalidDataAccessApiUsageException;

/**
 * Plans queries from what the server reports and executes the plans.
 *
 * <p>
 * {@link #createPlan(Query, QueryHint)} reads the state of the stream the query reads
 * (messages, subjects, first and last sequence and time: one stream-info request) and the
 * indexes of a read-model type from {@link SecondaryIndexes}, and lets the
 * {@link CostModel} choose the cheapest strategy this optimizer can execute.
 * {@link #executePlan(QueryPlan)} runs it:
 * <ul>
 * <li>{@link QueryStrategy#SUBJECT_PATTERN}, {@link QueryStrategy#TIME_RANGE} and
 * {@link QueryStrategy#FULL_SCAN} of events: an ordered consumer filtered by the pattern
 * (from the start time or sequence for {@code TIME_RANGE}, unfiltered for
 * {@code FULL_SCAN}), every bound re-checked in the client;</li>
 * <li>{@link QueryStrategy#LAST_PER_SUBJECT}, {@code SUBJECT_PATTERN} and
 * {@code FULL_SCAN} of aggregate states: an ordered consumer delivering the last message
 * per subject, or every message of which the newest per subject is kept;</li>
 * <li>{@code FULL_SCAN} of read models: an ordered consumer over the type's active slot
 * of the read-model bucket, delivering the last value of each key, filtered in the
 * client;</li>
 * <li>{@link QueryStrategy#SECONDARY_INDEX}: the ids from
 * {@link SecondaryIndexes#lookup}, each entry read and re-checked.</li>
 * </ul>
 * {@link QueryStrategy#KEY_PATTERN} is planned and explained but not executed: it needs
 * the batched direct-get client of {@code dev.cim.persistence.nats}; forcing it makes
 * {@link #executePlan(QueryPlan)} throw {@link UnsupportedOperationException}, and the
 * planner does not choose it. When that client arrives, {@code LAST_PER_SUBJECT} moves to
 * it too ({@code multi_last} is answered from the subject index in one request).
 *
 * <p>
 * Plans and results are not cached yet, and no meters are recorded: both come with the
 * Spring bean. Thread-safe.
 */
public class QueryOptimizer {

	private static final Set<QueryStrategy> EXECUTABLE = Collections
		.unmodifiableSet(EnumSet.complementOf(EnumSet.of(QueryStrategy.KEY_PATTERN)));

	private final NatsRepositoryConfig config;

	private final SecondaryIndexes indexes;

	private final OrderedStreamReader reader;

	private final MessageQueries messages;

	private final ReadModelQueries readModels;

	/**
	 * Create an optimizer without secondary indexes.
	 * @param connection the connection
	 * @param config the layout of the store
	 * @throws org.springframework.dao.DataAccessException when the read-model bucket
	 * cannot be opened
	 */
	public QueryOptimizer(Connection connection, NatsRepositoryConfig config) {
		this(connection, config, SecondaryIndexes.none());
	}

	/**
	 * Create an optimizer.
	 * @param connection the connection
	 * @param config the layout of the store
	 * @param indexes which secondary indexes exist, and their lookups
	 * @throws org.springframework.dao.DataAccessException when the read-model bucket
	 * cannot be opened
	 */
	public QueryOptimizer(Connection connection, NatsRepositoryConfig config, SecondaryIndexes indexes) {
		this.config = Objects.requireNonNull(config, "config");
		this.indexes = Objects.requireNonNull(indexes, "indexes");
		this.reader = new OrderedStreamReader(connection, config.publishTimeout());
		this.messages = new MessageQueries(this.reader, config);
		this.readModels = new ReadModelQueries(this.reader, new ReadModelStore(connection, config), indexes,
				config.readModelBucket());
	}

	/**
	 * The strategies {@link #executePlan(QueryPlan)} can run.
	 * @return every strategy but {@link QueryStrategy#KEY_PATTERN}
	 */
	public Set<QueryStrategy> executableStrategies() {
		return EXECUTABLE;
	}

	/**
	 * Parse a query and plan it.
	 * @param query the query text (see {@link Query#parse(String)})
	 * @param hint a strategy to force, if any
	 * @return the plan
	 * @throws QuerySyntaxException when the text is malformed
	 * @throws StrategyNotApplicableException when the hint forces a strategy that cannot
	 * answer the query
	 * @throws org.springframework.dao.DataAccessException when the server cannot be asked
	 */
	public QueryPlan createPlan(String query, QueryHint hint) {
		return createPlan(Query.parse(query), hint);
	}

	/**
	 * Plan a query from the statistics the server reports now.
	 * @param query the query
	 * @param hint a strategy to force, if any
	 * @return the plan
	 * @throws InvalidDataAccessApiUsageException when a subject pattern matches no
	 * subject of the events stream
	 * @throws StrategyNotApplicableException when the hint forces a strategy that cannot
	 * answer the query
	 * @throws org.springframework.dao.DataAccessException when the server cannot be asked
	 */
	public QueryPlan createPlan(Query query, QueryHint hint) {
		Objects.requireNonNull(query, "query");
		Objects.requireNonNull(hint, "hint");
		if (query instanceof SubjectQuery subject) {
			String events = StoreSubjects.of(this.config).eventStreamSubject();
			if (!SubjectPattern.overlaps(subject.pattern(), events)) {
				throw new InvalidDataAccessApiUsageException("subject pattern '" + subject.pattern()
						+ "' matches no subject of stream " + this.config.eventStreamName() + " (" + events + ")");
			}
		}
		return CostModel.plan(query, statistics(query), hint, EXECUTABLE);
	}

	/**
	 * Parse a query, plan it by cost and execute the plan.
	 * @param query the query text
	 * @return the results
	 * @throws QuerySyntaxException when the text is malformed
	 * @throws org.springframework.dao.DataAccessException when the server cannot be read
	 */
	public QueryResult execute(String query) {
		return executePlan(createPlan(query, QueryHint.none()));
	}

	/**
	 * Execute a plan.
	 * @param plan a plan made by this optimizer (or by {@link CostModel} for a query this
	 * optimizer's store can answer)
	 * @return the results and what reading them cost
	 * @throws UnsupportedOperationException when the plan's strategy is
	 * {@link QueryStrategy#KEY_PATTERN}, which needs the batched direct-get client
	 * @throws StrategyNotApplicableException when the strategy cannot answer the query
	 * @throws org.springframework.dao.DataAccessException when the server cannot be read
	 */
	public QueryResult executePlan(QueryPlan plan) {
		QueryStrategy strategy = plan.strategy();
		if (strategy == QueryStrategy.KEY_PATTERN) {
			throw new UnsupportedOperationException("KEY_PATTERN is not executable yet: it needs the batched"
					+ " direct-get client of dev.cim.persistence.nats; plan without forcing it, or force FULL_SCAN");
		}
		ReadCounter counter = new ReadCounter();
		long started = System.nanoTime();
		Query query = plan.query();
		List<QueryRow> rows;
		if (query instanceof SubjectQuery subject) {
			requireApplicable(plan, strategy == QueryStrategy.SUBJECT_PATTERN || strategy == QueryStrategy.TIME_RANGE
					|| strategy == QueryStrategy.FULL_SCAN);
			rows = this.messages.events(subject, strategy, counter);
		}
		else if (query instanceof AggregateQuery aggregate) {
			requireApplicable(plan, strategy == QueryStrategy.LAST_PER_SUBJECT
					|| strategy == QueryStrategy.SUBJECT_PATTERN || strategy == QueryStrategy.FULL_SCAN);
			rows = this.messages.aggregates(aggregate, strategy, counter);
		}
		else {
			ReadModelWhere where = (ReadModelWhere) query;
			requireApplicable(plan, strategy == QueryStrategy.FULL_SCAN || strategy == QueryStrategy.SECONDARY_INDEX);
			rows = (strategy == QueryStrategy.FULL_SCAN) ? this.readModels.fullScan(where, counter)
					: this.readModels.secondaryIndex(where, plan, counter);
		}
		Duration duration = Duration.ofNanos(System.nanoTime() - started);
		return new QueryResult(plan, rows,
				new QueryPerformance(strategy, duration, counter.messages(), counter.bytes(), rows.size(), false));
	}

	private static void requireApplicable(QueryPlan plan, boolean applicable) {
		if (!applicable) {
			throw new StrategyNotApplicableException(plan.strategy(), plan.query().toText(),
					"it does not answer this kind of query");
		}
	}

	private QueryStatistics statistics(Query query) {
		String stream;
		Map<String, IndexStatistics> indexes = Map.of();
		if (query instanceof SubjectQuery) {
			stream = this.config.eventStreamName();
		}
		else if (query instanceof AggregateQuery) {
			stream = this.config.aggregateStreamName();
		}
		else {
			stream = ReadModelQueries.stream(this.config.readModelBucket());
			indexes = this.indexes.indexes(((ReadModelWhere) query).type());
		}
		StreamState state;
		try {
			state = this.reader.management().getStreamInfo(stream).getStreamState();
		}
		catch (IOException | JetStreamApiException | IllegalStateException ex) {
			throw NatsExceptionTranslator.translate("reading the state of stream " + stream, ex);
		}
		Instant firstTime = (state.getFirstTime() != null) ? state.getFirstTime().toInstant() : null;
		Instant lastTime = (state.getLastTime() != null) ? state.getLastTime().toInstant() : null;
		return new QueryStatistics(stream, state.getMsgCount(), state.getSubjectCount(), state.getFirstSequence(),
				state.getLastSequence(), firstTime, lastTime, indexes);
	}

}
