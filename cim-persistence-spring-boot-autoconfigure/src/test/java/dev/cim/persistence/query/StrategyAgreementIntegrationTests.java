package dev.cim.persistence.query;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.Comparator;

import dev.cim.persistence.nats.JetStreamProvisioner;
import dev.cim.persistence.nats.NatsRepositoryConfig;
import dev.cim.persistence.readmodel.ReadModelStore;
import dev.cim.persistence.testsupport.NatsIntegrationTest;
import dev.cim.persistence.testsupport.NatsTestServer;
import io.nats.client.Connection;
import io.nats.client.JetStream;
import io.nats.client.JetStreamManagement;
import io.nats.client.api.MessageInfo;
import io.nats.client.api.PublishAck;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every strategy returns what a reference computed in the test selects, on generated data
 * and generated queries: {@code SUBJECT_PATTERN}, {@code TIME_RANGE} (where the query has
 * a start) and {@code FULL_SCAN} over events (the reference filters the stored messages,
 * read one by one); {@code LAST_PER_SUBJECT}, {@code SUBJECT_PATTERN} and
 * {@code FULL_SCAN} over aggregate states kept three deep ({@code LAST_PER_SUBJECT} by
 * batched direct get); {@code SECONDARY_INDEX} (with stale and dangling index entries),
 * {@code KEY_PATTERN} (by batched direct get, deleted entries included) and
 * {@code FULL_SCAN} over read models.
 */
@NatsIntegrationTest
class StrategyAgreementIntegrationTests {

	private static final int QUERIES = 60;

	private static final NatsRepositoryConfig CONFIG = NatsRepositoryConfig.builder()
		.subjectPrefix("pa")
		.eventStreamName("PA_EVENTS")
		.aggregateStreamName("PA_AGGREGATES")
		.readModelBucket("pa-readmodels")
		.snapshotBucket("pa-snapshots")
		.snapshotObjectBucket("pa-snapshot-objects")
		.aggregateHistory(3)
		.build();

	private static final String[][] TOKENS = { { "a", "b" }, { "Order", "Invoice" }, { "x-1", "x-2", "x-3", "x-4" },
			{ "Placed", "Paid", "Shipped" } };

	private static final String[] STATUSES = { "PLACED", "PAID", "SHIPPED", "CANCELLED" };

	private static final String[] REGIONS = { "eu", "us", "apac" };

	private static final List<QueryRow.StoredMessage> stored = new ArrayList<>();

	private static final Map<String, QueryRow.StoredMessage> newestStates = new HashMap<>();

	private static final Map<String, QuerySummary> summaries = new TreeMap<>();

	private static QueryOptimizer optimizer;

	private static QueryOptimizer indexed;

	@BeforeAll
	static void publishGeneratedEvents(NatsTestServer server) throws Exception {
		Connection connection = server.connect();
		new JetStreamProvisioner(connection, CONFIG).provision();
		JetStream jetStream = connection.jetStream();
		JetStreamManagement management = connection.jetStreamManagement();
		Random random = new Random(7);
		Map<String, Integer> versions = new HashMap<>();
		List<Long> sequences = new ArrayList<>();
		for (int batch = 0; batch < 3; batch++) {
			for (int i = 0; i < 50; i++) {
				String aggregate = pick(random, TOKENS[0]) + "." + pick(random, TOKENS[1]) + "."
						+ pick(random, TOKENS[2]);
				int version = versions.merge(aggregate, 1, Integer::sum);
				String subject = "pa.events." + aggregate + "." + pick(random, TOKENS[3]) + "." + version;
				PublishAck ack = jetStream.publish(subject, ("body " + i).getBytes(StandardCharsets.UTF_8));
				sequences.add(ack.getSeqno());
			}
			// Batches apart in time, so time bounds fall between stored messages.
			Thread.sleep(30);
		}
		for (long sequence : sequences) {
			MessageInfo info = management.getMessage(CONFIG.eventStreamName(), sequence);
			stored.add(new QueryRow.StoredMessage(info.getSubject(), info.getSeq(), info.getTime().toInstant(),
					info.getData()));
		}
		optimizer = new QueryOptimizer(connection, CONFIG);
		publishStates(jetStream, management, random);
		indexed = new QueryOptimizer(connection, CONFIG, saveSummaries(new ReadModelStore(connection, CONFIG), random));
	}

	private static void publishStates(JetStream jetStream, JetStreamManagement management, Random random)
			throws Exception {
		Map<String, Long> newest = new HashMap<>();
		for (int i = 0; i < 80; i++) {
			String subject = "pa.aggregates." + pick(random, TOKENS[0]) + "." + pick(random, TOKENS[1]) + "."
					+ pick(random, TOKENS[2]) + ".state";
			newest.put(subject, jetStream.publish(subject, ("state " + i).getBytes(StandardCharsets.UTF_8)).getSeqno());
		}
		for (Map.Entry<String, Long> state : newest.entrySet()) {
			MessageInfo info = management.getMessage(CONFIG.aggregateStreamName(), state.getValue());
			newestStates.put(state.getKey(), new QueryRow.StoredMessage(info.getSubject(), info.getSeq(),
					info.getTime().toInstant(), info.getData()));
		}
	}

	/**
	 * Save generated summaries, delete some, and index status and region with a stale
	 * entry for every fifth one (the index still holds a value it no longer has) and
	 * dangling entries for ids that never existed.
	 */
	private static SecondaryIndexes saveSummaries(ReadModelStore store, Random random) {
		InMemoryIndexes indexes = new InMemoryIndexes("QuerySummary").index("status", 40, STATUSES.length)
			.index("region", 40, REGIONS.length);
		for (int i = 0; i < 40; i++) {
			String id = pick(random, new String[] { "a-", "b-" }) + i;
			QuerySummary summary = new QuerySummary(id, pick(random, STATUSES), pick(random, REGIONS),
					random.nextInt(4));
			store.save(QuerySummary.class, id, summary, i + 1);
			summaries.put(id, summary);
			indexes.add("status", summary.status(), id).add("region", summary.region(), id);
			if (i % 5 == 0) {
				indexes.add("status", pick(random, STATUSES), id).add("region", pick(random, REGIONS), id);
			}
			if (i % 7 == 0) {
				store.delete(QuerySummary.class, id);
				summaries.remove(id);
			}
		}
		for (String status : STATUSES) {
			indexes.add("status", status, "a-999").add("region", pick(random, REGIONS), "b-999");
		}
		return indexes;
	}

	@Test
	void subjectPatternTimeRangeAndFullScanReturnWhatTheReferenceSelects() {
		Random random = new Random(11);
		int found = 0;
		int startsThatSkipped = 0;
		for (int i = 0; i < QUERIES; i++) {
			SubjectQuery query = query(random);
			List<QueryRow> expected = reference(query);
			found += expected.size();
			Map<QueryStrategy, Long> read = new HashMap<>();
			List<QueryStrategy> strategies = new ArrayList<>(
					List.of(QueryStrategy.SUBJECT_PATTERN, QueryStrategy.FULL_SCAN));
			if (query.hasStart()) {
				strategies.add(QueryStrategy.TIME_RANGE);
			}
			for (QueryStrategy strategy : strategies) {
				QueryResult result = optimizer.executePlan(optimizer.createPlan(query, QueryHint.force(strategy)));
				assertThat(result.rows()).as("%s by %s", query.toText(), strategy).isEqualTo(expected);
				assertThat(result.performance().results()).isEqualTo(expected.size());
				assertThat(result.performance().messagesRead()).isGreaterThanOrEqualTo(expected.size());
				read.put(strategy, result.performance().messagesRead());
			}
			if (query.hasStart() && read.get(QueryStrategy.TIME_RANGE) < read.get(QueryStrategy.SUBJECT_PATTERN)) {
				startsThatSkipped++;
			}
		}
		assertThat(found).as("events found by all queries").isGreaterThan(QUERIES);
		assertThat(startsThatSkipped).as("time ranges that read less than the subject pattern").isPositive();
	}

	@Test
	void lastPerSubjectSubjectPatternAndFullScanReturnTheNewestStates() {
		Random random = new Random(13);
		int found = 0;
		for (int i = 0; i < QUERIES / 2; i++) {
			AggregateQuery query = AggregateQuery.of(pick(random, TOKENS[0]), pick(random, TOKENS[1]),
					pick(random, new String[] { "*", ">", "x-1", "x-*", "*-2", "y-*" }));
			if (random.nextInt(3) == 0) {
				query = query.limit(1 + random.nextInt(3));
			}
			List<QueryRow> expected = reference(query);
			found += expected.size();
			for (QueryStrategy strategy : List.of(QueryStrategy.LAST_PER_SUBJECT, QueryStrategy.SUBJECT_PATTERN,
					QueryStrategy.FULL_SCAN)) {
				QueryResult result = optimizer.executePlan(optimizer.createPlan(query, QueryHint.force(strategy)));
				assertThat(result.rows()).as("%s by %s", query.toText(), strategy).isEqualTo(expected);
			}
		}
		assertThat(found).as("states found by all queries").isGreaterThan(QUERIES / 2);
	}

	@Test
	void secondaryIndexAndKeyPatternReturnWhatTheFullScanReturnsDespiteStaleEntries() {
		Random random = new Random(17);
		int found = 0;
		int keyPatterns = 0;
		for (int i = 0; i < QUERIES; i++) {
			ReadModelWhere query = ReadModelWhere.of("QuerySummary")
				.id(pick(random, new String[] { "*", "a-*", "*1", "b-3" }));
			query = random.nextBoolean() ? query.where("status", pick(random, STATUSES))
					: query.whereIn("status", pick(random, STATUSES), pick(random, STATUSES));
			if (random.nextBoolean()) {
				query = query.whereIn("region", pick(random, REGIONS), pick(random, REGIONS));
			}
			if (random.nextInt(3) == 0) {
				query = query.where("items", random.nextInt(4));
			}
			if (random.nextInt(4) == 0) {
				query = query.limit(1 + random.nextInt(5));
			}
			List<String> expected = reference(query);
			found += expected.size();
			List<QueryStrategy> strategies = new ArrayList<>(
					List.of(QueryStrategy.SECONDARY_INDEX, QueryStrategy.FULL_SCAN));
			if (!query.ids().isAll()) {
				strategies.add(QueryStrategy.KEY_PATTERN);
				keyPatterns++;
			}
			for (QueryStrategy strategy : strategies) {
				QueryResult result = indexed.executePlan(indexed.createPlan(query, QueryHint.force(strategy)));
				assertThat(result.rows()).as("%s by %s", query.toText(), strategy)
					.extracting((row) -> ((QueryRow.ReadModelRow) row).id())
					.containsExactlyElementsOf(expected);
			}
		}
		assertThat(found).as("entries found by all queries").isGreaterThan(QUERIES / 2);
		assertThat(keyPatterns).as("queries also answered by the key pattern").isPositive();
	}

	private static List<QueryRow> reference(AggregateQuery query) {
		List<QueryRow.StoredMessage> selected = new ArrayList<>();
		for (QueryRow.StoredMessage state : newestStates.values()) {
			String[] tokens = state.subject().split("\\.");
			if (tokens[2].equals(query.context()) && tokens[3].equals(query.type()) && query.ids().matches(tokens[4])) {
				selected.add(state);
			}
		}
		selected.sort(Comparator.comparingLong(QueryRow.StoredMessage::sequence));
		List<QueryRow> rows = new ArrayList<>(selected);
		return (query.limit() > 0 && rows.size() > query.limit()) ? rows.subList(0, query.limit()) : rows;
	}

	private static List<String> reference(ReadModelWhere query) {
		List<String> ids = new ArrayList<>();
		for (QuerySummary summary : summaries.values()) {
			if (query.ids().matches(summary.id()) && query.conditions()
				.stream()
				.allMatch((condition) -> condition.values()
					.contains(QueryValues.normalize(value(summary, condition.field()))))) {
				ids.add(summary.id());
			}
		}
		return (query.limit() > 0 && ids.size() > query.limit()) ? ids.subList(0, query.limit()) : ids;
	}

	private static Object value(QuerySummary summary, String field) {
		return switch (field) {
			case "status" -> summary.status();
			case "region" -> summary.region();
			default -> summary.items();
		};
	}

	private static List<QueryRow> reference(SubjectQuery query) {
		List<QueryRow> selected = new ArrayList<>();
		for (QueryRow.StoredMessage message : stored) {
			if (query.selects(message.subject(), message.sequence(), message.storedAt())
					&& (query.limit() == 0 || selected.size() < query.limit())) {
				selected.add(message);
			}
		}
		return selected;
	}

	private static SubjectQuery query(Random random) {
		StringBuilder pattern = new StringBuilder("pa.events");
		for (String[] tokens : TOKENS) {
			int kind = random.nextInt(6);
			if (kind == 0) {
				pattern.append(".>");
				break;
			}
			pattern.append('.').append((kind <= 2) ? "*" : pick(random, tokens));
		}
		if (!pattern.toString().endsWith(">")) {
			pattern.append(random.nextBoolean() ? ".*" : "." + (1 + random.nextInt(3)));
		}
		SubjectQuery query = SubjectQuery.of(pattern.toString());
		Instant since = null;
		if (random.nextInt(3) == 0) {
			since = time(random);
			query = query.since(since);
		}
		if (random.nextInt(4) == 0) {
			Instant until = time(random);
			query = query.until((since != null && until.isBefore(since)) ? since : until);
		}
		if (random.nextInt(3) == 0) {
			query = query
				.from(Math.max(1, stored.get(random.nextInt(stored.size())).sequence() + random.nextInt(3) - 1));
		}
		return (random.nextInt(3) == 0) ? query.limit(1 + random.nextInt(20)) : query;
	}

	/**
	 * A store time of a message, or one a nanosecond beside it, to hit the bounds.
	 */
	private static Instant time(Random random) {
		Instant time = stored.get(random.nextInt(stored.size())).storedAt();
		return time.plusNanos(random.nextInt(3) - 1);
	}

	private static String pick(Random random, String[] values) {
		return values[random.nextInt(values.length)];
	}

}
