package dev.cim.persistence.query;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import dev.cim.persistence.nats.JetStreamProvisioner;
import dev.cim.persistence.nats.NatsRepositoryConfig;
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
 * On generated events and generated subject queries, {@code SUBJECT_PATTERN},
 * {@code TIME_RANGE} (where the query has a start) and {@code FULL_SCAN} return exactly
 * what a reference filter over the stored messages (read one by one) selects.
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
		.build();

	private static final String[][] TOKENS = { { "a", "b" }, { "Order", "Invoice" }, { "x-1", "x-2", "x-3", "x-4" },
			{ "Placed", "Paid", "Shipped" } };

	private static final List<QueryRow.StoredMessage> stored = new ArrayList<>();

	private static QueryOptimizer optimizer;

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
	}

	@Test
	void subjectPatternTimeRangeAndFullScanReturnWhatTheReferenceSelects() {
		Random random = new Random(11);
		for (int i = 0; i < QUERIES; i++) {
			SubjectQuery query = query(random);
			List<QueryRow> expected = reference(query);
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
			}
		}
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
