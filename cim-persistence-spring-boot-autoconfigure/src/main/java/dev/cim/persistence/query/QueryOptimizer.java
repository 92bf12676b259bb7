package dev.cim.persistence.query;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import dev.cim.persistence.nats.DirectBatchReader;
import dev.cim.persistence.nats.NatsExceptionTranslator;
import dev.cim.persistence.nats.NatsRepositoryConfig;
import dev.cim.persistence.nats.StoreSubjects;
import dev.cim.persistence.nats.TooManySubjectsException;
import dev.cim.persistence.readmodel.ReadModelStore;
import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.api.StreamState;
import org.jspecify.annotations.Nullable;

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
 * <li>{@link QueryStrategy#LAST_PER_SUBJECT} of aggregate states: one batched direct get
 * ({@code multi_last}, {@link DirectBatchReader#lastPerSubject}) of the newest state of
 * each matching subject, answered from the stream's subject index;
 * {@code SUBJECT_PATTERN} and {@code FULL_SCAN}: an ordered consumer delivering every
 * message, of which the newest per subject is kept;</li>
 * <li>{@link QueryStrategy#KEY_PATTERN} of read models: one batched direct get of the
 * newest entry of each key of the type's active slot under the id pattern, delete and
 * purge markers skipped, filtered in the client;</li>
 * <li>{@code FULL_SCAN} of read models: an ordered consumer over the type's active slot
 * of the read-model bucket, delivering the last value of each key, filtered in the
 * client;</li>
 * <li>{@link QueryStrategy#SECONDARY_INDEX}: the ids from
 * {@link SecondaryIndexes#lookup}, each entry read and re-checked.</li>
 * </ul>
 * The server answers one batched direct get for at most
 * {@value DirectBatchReader#MAX_SUBJECTS} subjects. When {@code KEY_PATTERN} or
 * {@code LAST_PER_SUBJECT} matches more, the same answer is read the way that has no such
 * limit: an ordered consumer delivering the last message per subject. The result says so
 * ({@link QueryPerformance#fallback()}, {@link QueryResult#explain()}).
 *
 * <p>
 * With {@link QueryCaching caching} on, a plan is re-used for a short time for the same
 * query and hint, and a result is re-used only while the stream it was read from has not
 * moved: before each use one stream-info request compares the stream's first and last
 * sequence and message count with those the result was read at (for read models, the
 * read-model bucket's stream, which every model write and every change of the active
 * version moves). {@link QueryHint#bypassingCache()} skips both caches;
 * {@link QueryPerformance#cacheHit()} tells a cached answer. A {@link QueryObserver} is
 * told of every execution and cache lookup. Thread-safe; {@link #close()} ends the
 * subscription of the batched reads.
 */
public class QueryOptimizer implements AutoCloseable {

	private static final Set<QueryStrategy> EXECUTABLE = Collections
		.unmodifiableSet(EnumSet.allOf(QueryStrategy.class));

	private final NatsRepositoryConfig config;

	private final SecondaryIndexes indexes;

	private final OrderedStreamReader reader;

	private final MessageQueries messages;

	private final ReadModelQueries readModels;

	private final DirectBatchReader direct;

	private final QueryObserver observer;

	private final @Nullable QueryCache cache;

	/**
	 * Create an optimizer without secondary indexes, caches or observer.
	 * @param connection the connection
	 * @param config the layout of the store
	 * @throws org.springframework.dao.DataAccessException when the read-model bucket
	 * cannot be opened
	 */
	public QueryOptimizer(Connection connection, NatsRepositoryConfig config) {
		this(connection, config, SecondaryIndexes.none());
	}

	/**
	 * Create an optimizer without caches or observer.
	 * @param connection the connection
	 * @param config the layout of the store
	 * @param indexes which secondary indexes exist, and their lookups
	 * @throws org.springframework.dao.DataAccessException when the read-model bucket
	 * cannot be opened
	 */
	public QueryOptimizer(Connection connection, NatsRepositoryConfig config, SecondaryIndexes indexes) {
		this(connection, config, indexes, QueryCaching.disabled(), QueryObserver.NONE);
	}

	/**
	 * Create an optimizer.
	 * @param connection the connection
	 * @param config the layout of the store
	 * @param indexes which secondary indexes exist, and their lookups
	 * @param caching how plans and results are cached
	 * @param observer told of every plan looked up and every execution
	 * @throws org.springframework.dao.DataAccessException when the read-model bucket
	 * cannot be opened
	 */
	public QueryOptimizer(Connection connection, NatsRepositoryConfig config, SecondaryIndexes indexes,
			QueryCaching caching, QueryObserver observer) {
		this.config = Objects.requireNonNull(config, "config");
		this.indexes = Objects.requireNonNull(indexes, "indexes");
		this.observer = Objects.requireNonNull(observer, "observer");
		this.cache = caching.enabled() ? new QueryCache(caching, observer) : null;
		this.reader = new OrderedStreamReader(connection, config.publishTimeout());
		this.messages = new MessageQueries(this.reader, config);
		this.readModels = new ReadModelQueries(this.reader, new ReadModelStore(connection, config), indexes,
				config.readModelBucket());
		this.direct = new DirectBatchReader(connection, config.publishTimeout());
	}

	/**
	 * The strategies {@link #executePlan(QueryPlan)} can run.
	 * @return every strategy
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
		QueryCache cache = this.cache;
		if (cache == null || hint.bypassCache()) {
			return CostModel.plan(query, statistics(query), hint, EXECUTABLE);
		}
		return cache.plan(query, hint, () -> CostModel.plan(query, statistics(query), hint, EXECUTABLE));
	}

	/**
	 * Parse a query, plan it by cost and execute the plan.
	 * @param query the query text
	 * @return the results
	 * @throws QuerySyntaxException when the text is malformed
	 * @throws org.springframework.dao.DataAccessException when the server cannot be read
	 */
	public QueryResult execute(String query) {
		return execute(query, QueryHint.none());
	}

	/**
	 * Parse a query, plan it and execute the plan, as the hint asks.
	 * @param query the query text
	 * @param hint a strategy to force, if any, and whether to bypass the caches
	 * @return the results
	 * @throws QuerySyntaxException when the text is malformed
	 * @throws StrategyNotApplicableException when the hint forces a strategy that cannot
	 * answer the query
	 * @throws org.springframework.dao.DataAccessException when the server cannot be read
	 */
	public QueryResult execute(String query, QueryHint hint) {
		return executePlan(createPlan(query, hint));
	}

	/**
	 * Plan a query and execute the plan, as the hint asks.
	 * @param query the query
	 * @param hint a strategy to force, if any, and whether to bypass the caches
	 * @return the results
	 * @throws StrategyNotApplicableException when the hint forces a strategy that cannot
	 * answer the query
	 * @throws org.springframework.dao.DataAccessException when the server cannot be read
	 */
	public QueryResult execute(Query query, QueryHint hint) {
		return executePlan(createPlan(query, hint));
	}

	/**
	 * Execute a plan.
	 * @param plan a plan made by this optimizer (or by {@link CostModel} for a query this
	 * optimizer's store can answer)
	 * @return the results and what reading them cost
	 * @throws StrategyNotApplicableException when the strategy cannot answer the query
	 * @throws org.springframework.dao.DataAccessException when the server cannot be read
	 */
	public QueryResult executePlan(QueryPlan plan) {
		QueryCache cache = this.cache;
		QueryResult result;
		if (cache == null || plan.bypassCache()) {
			result = read(plan);
		}
		else {
			long started = System.nanoTime();
			QueryCache.StreamMark mark = mark(state(streamOf(plan.query())));
			Optional<QueryCache.Cached> cached = cache.result(plan, mark);
			if (cached.isPresent()) {
				result = new QueryResult(plan, cached.get().rows(),
						cached.get().performance().asCacheHit(Duration.ofNanos(System.nanoTime() - started)));
			}
			else {
				result = read(plan);
				cache.put(result, mark);
			}
		}
		this.observer.executed(QueryTarget.of(plan.query()), result.performance());
		return result;
	}

	private QueryResult read(QueryPlan plan) {
		QueryStrategy strategy = plan.strategy();
		ReadCounter counter = new ReadCounter();
		long started = System.nanoTime();
		Query query = plan.query();
		List<QueryRow> rows;
		String fallback = null;
		if (query instanceof SubjectQuery subject) {
			requireApplicable(plan, strategy == QueryStrategy.SUBJECT_PATTERN || strategy == QueryStrategy.TIME_RANGE
					|| strategy == QueryStrategy.FULL_SCAN);
			rows = this.messages.events(subject, strategy, counter);
		}
		else if (query instanceof AggregateQuery aggregate) {
			requireApplicable(plan, strategy == QueryStrategy.LAST_PER_SUBJECT
					|| strategy == QueryStrategy.SUBJECT_PATTERN || strategy == QueryStrategy.FULL_SCAN);
			if (strategy == QueryStrategy.LAST_PER_SUBJECT) {
				try {
					rows = this.messages.lastStates(aggregate, this.direct, counter);
				}
				catch (TooManySubjectsException ex) {
					fallback = tooMany("an ordered consumer delivering the last message per subject");
					rows = this.messages.aggregates(aggregate, strategy, counter);
				}
			}
			else {
				rows = this.messages.aggregates(aggregate, strategy, counter);
			}
		}
		else {
			ReadModelWhere where = (ReadModelWhere) query;
			requireApplicable(plan, strategy == QueryStrategy.FULL_SCAN || strategy == QueryStrategy.SECONDARY_INDEX
					|| strategy == QueryStrategy.KEY_PATTERN);
			if (strategy == QueryStrategy.KEY_PATTERN) {
				try {
					rows = this.readModels.keyPattern(where, this.direct, counter);
				}
				catch (TooManySubjectsException ex) {
					fallback = tooMany("an ordered consumer delivering the last entry per key (as FULL_SCAN reads)");
					rows = this.readModels.fullScan(where, counter);
				}
			}
			else {
				rows = (strategy == QueryStrategy.FULL_SCAN) ? this.readModels.fullScan(where, counter)
						: this.readModels.secondaryIndex(where, plan, counter);
			}
		}
		Duration duration = Duration.ofNanos(System.nanoTime() - started);
		return new QueryResult(plan, rows, new QueryPerformance(strategy, duration, counter.messages(), counter.bytes(),
				rows.size(), false, fallback));
	}

	private static String tooMany(String instead) {
		return "the batched direct get was refused because more than " + DirectBatchReader.MAX_SUBJECTS
				+ " subjects match (413 Too Many Results); read with " + instead + " instead";
	}

	/**
	 * Stop the batched direct-get reader's subscription. The connection stays open.
	 */
	@Override
	public void close() {
		this.direct.close();
	}

	private static void requireApplicable(QueryPlan plan, boolean applicable) {
		if (!applicable) {
			throw new StrategyNotApplicableException(plan.strategy(), plan.query().toText(),
					"it does not answer this kind of query");
		}
	}

	private QueryStatistics statistics(Query query) {
		String stream = streamOf(query);
		Map<String, IndexStatistics> indexes = (query instanceof ReadModelWhere where)
				? this.indexes.indexes(where.type()) : Map.of();
		StreamState state = state(stream);
		Instant firstTime = (state.getFirstTime() != null) ? state.getFirstTime().toInstant() : null;
		Instant lastTime = (state.getLastTime() != null) ? state.getLastTime().toInstant() : null;
		return new QueryStatistics(stream, state.getMsgCount(), state.getSubjectCount(), state.getFirstSequence(),
				state.getLastSequence(), firstTime, lastTime, indexes);
	}

	private String streamOf(Query query) {
		if (query instanceof SubjectQuery) {
			return this.config.eventStreamName();
		}
		if (query instanceof AggregateQuery) {
			return this.config.aggregateStreamName();
		}
		return ReadModelQueries.stream(this.config.readModelBucket());
	}

	private StreamState state(String stream) {
		try {
			return this.reader.management().getStreamInfo(stream).getStreamState();
		}
		catch (IOException | JetStreamApiException | IllegalStateException ex) {
			throw NatsExceptionTranslator.translate("reading the state of stream " + stream, ex);
		}
	}

	private static QueryCache.StreamMark mark(StreamState state) {
		return new QueryCache.StreamMark(state.getFirstSequence(), state.getLastSequence(), state.getMsgCount());
	}

}
