package dev.cim.persistence.faults;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cim.persistence.ipld.Cid;
import dev.cim.persistence.nats.NatsRepositoryConfig;
import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamSubscription;
import io.nats.client.Message;
import io.nats.client.PushSubscribeOptions;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the fault tests' saves were told, by operation id: acknowledged (with the version
 * and CID the repository returned), refused as a conflict, or failed with an ambiguous
 * error (a timeout or a lost connection: stored or not). {@link #compareWith} reads every
 * event of the tests' aggregates from the stream and checks the ledger against it.
 */
final class SaveLedger {

	private static final ObjectMapper JSON = new ObjectMapper();

	private final Map<String, Acknowledged> acknowledged = new ConcurrentHashMap<>();

	private final Set<String> conflicts = ConcurrentHashMap.newKeySet();

	private final Set<String> ambiguous = ConcurrentHashMap.newKeySet();

	void acknowledged(String op, String id, long version, @org.jspecify.annotations.Nullable String cid) {
		this.acknowledged.put(op, new Acknowledged(id, version, String.valueOf(cid)));
	}

	void conflict(String op) {
		this.conflicts.add(op);
	}

	void ambiguous(String op) {
		this.ambiguous.add(op);
	}

	int acknowledgedCount() {
		return this.acknowledged.size();
	}

	int conflictCount() {
		return this.conflicts.size();
	}

	int ambiguousCount() {
		return this.ambiguous.size();
	}

	/**
	 * Read every event of the aggregates whose ids start with {@code idPrefix} and check:
	 * every acknowledged save is stored once, at its version, with its CID; nothing
	 * refused as a conflict is stored; no CID and no operation is stored twice; every
	 * stored event is one the ledger knows of.
	 * @return what was found
	 */
	Comparison compareWith(Connection connection, NatsRepositoryConfig config, String idPrefix)
			throws IOException, JetStreamApiException, InterruptedException {
		Map<String, Stored> byOp = new HashMap<>();
		Set<String> cids = new HashSet<>();
		List<String> duplicates = new ArrayList<>();
		JetStreamSubscription subscription = connection.jetStream()
			.subscribe(config.subjectPrefix() + ".events.faults.Tally.>",
					PushSubscribeOptions.builder().stream(config.eventStreamName()).ordered(true).build());
		try {
			long pending = connection.jetStreamManagement()
				.getStreamInfo(config.eventStreamName())
				.getStreamState()
				.getMsgCount();
			while (pending > 0) {
				Message message = subscription.nextMessage(Duration.ofSeconds(10));
				if (message == null) {
					break;
				}
				pending = message.metaData().pendingCount();
				if (!message.getSubject().split("\\.")[4].startsWith(idPrefix)) {
					continue;
				}
				String cid = Cid.of(Cid.DAG_JSON, message.getData()).toString();
				JsonNode data = JSON.readTree(message.getData()).path("data");
				String op = data.path("op").asText();
				String subject = message.getSubject();
				String id = subject.split("\\.")[4];
				long version = Long.parseLong(subject.substring(subject.lastIndexOf('.') + 1));
				if (!cids.add(cid) || byOp.put(op, new Stored(id, version, cid)) != null) {
					duplicates.add(subject + " " + cid);
				}
			}
		}
		finally {
			subscription.unsubscribe();
		}
		Comparison comparison = new Comparison(byOp, duplicates);
		for (Map.Entry<String, Acknowledged> entry : this.acknowledged.entrySet()) {
			Stored stored = byOp.get(entry.getKey());
			assertThat(stored).as("acknowledged save %s %s", entry.getKey(), entry.getValue()).isNotNull();
			assertThat(stored.version()).as("version of acknowledged save %s", entry.getKey())
				.isEqualTo(entry.getValue().version());
			assertThat(stored.cid()).as("CID of acknowledged save %s", entry.getKey())
				.isEqualTo(entry.getValue().cid());
		}
		assertThat(this.acknowledged.values().stream().map((ack) -> ack.id() + "@" + ack.version()))
			.as("versions acknowledged to two saves (a save accepted on a stale head)")
			.doesNotHaveDuplicates();
		assertThat(this.conflicts).as("saves refused as conflicts that are stored").noneMatch(byOp::containsKey);
		assertThat(duplicates).as("events stored twice").isEmpty();
		assertThat(byOp.keySet()).as("stored events no save knows of")
			.allMatch((op) -> this.acknowledged.containsKey(op) || this.ambiguous.contains(op));
		return comparison;
	}

	/**
	 * How many acknowledged saves are not in the stream (0 once {@link #compareWith}
	 * passed).
	 */
	long lost(Comparison comparison) {
		return this.acknowledged.keySet().stream().filter((op) -> !comparison.byOp().containsKey(op)).count();
	}

	/**
	 * How many of the ambiguous saves were stored after all.
	 */
	long ambiguousStored(Comparison comparison) {
		return this.ambiguous.stream().filter(comparison.byOp()::containsKey).count();
	}

	record Acknowledged(String id, long version, String cid) {
	}

	record Stored(String id, long version, String cid) {
	}

	record Comparison(Map<String, Stored> byOp, List<String> duplicates) {

		int stored() {
			return this.byOp.size();
		}

	}

}
