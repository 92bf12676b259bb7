package dev.cim.persistence.readmodel;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.cim.persistence.event.EventBlockCodec;
import dev.cim.persistence.nats.NatsRepositoryConfig;
import dev.cim.persistence.readmodel.LedgerEvents.Closed;
import dev.cim.persistence.readmodel.LedgerEvents.Credited;
import dev.cim.persistence.readmodel.LedgerEvents.Debited;
import dev.cim.persistence.readmodel.LedgerEvents.Opened;
import dev.cim.persistence.testsupport.NatsIntegrationTest;
import dev.cim.persistence.testsupport.ProvisionedStore;
import io.nats.client.Connection;
import io.nats.client.ConsumerContext;
import io.nats.client.FetchConsumeOptions;
import io.nats.client.FetchConsumer;
import io.nats.client.Message;
import io.nats.client.api.AckPolicy;
import io.nats.client.api.ConsumerConfiguration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Applying a fetched batch at once against a real nats-server: one read and one write per
 * entry, and the entry's events applied one by one again when its write finds it changed.
 */
@NatsIntegrationTest
class BatchApplierIntegrationTests {

	private static NatsRepositoryConfig config;

	private static final String SLOT = "v1-r7";

	private static Connection connection;

	private static Ledgers ledgers;

	private static ReadModelStore store;

	private EventApplier<Balance> applier;

	private BatchApplier<Balance> batch;

	@BeforeAll
	static void provision(ProvisionedStore provisioned) {
		config = provisioned.config();
		connection = provisioned.connection();
		ledgers = new Ledgers(provisioned.eventStore());
		store = new ReadModelStore(connection, config);
	}

	@BeforeEach
	void newApplier() {
		ProjectionOptions options = ProjectionOptions.builder().retryBackoff(Duration.ZERO).build();
		this.applier = new EventApplier<>(ReadModelDefinition.of(Balance.class), store,
				new EventBlockCodec(config.enableIpld()), options, Clock.systemUTC(), SLOT);
		this.batch = new BatchApplier<>(this.applier, store, options, connection);
	}

	@Test
	void eventsOfSeveralEntriesInOneBatchFoldIntoEachAndARedeliveryIsSkipped() throws Exception {
		String first = Ledgers.newId("batch");
		String second = Ledgers.newId("batch");
		ledgers.append(first, new Opened("owner-" + first), new Credited(10));
		ledgers.append(second, new Opened("owner-" + second), new Credited(3));
		ledgers.append(first, new Debited(4));
		long last = ledgers.append(second, new Credited(5));
		List<Message> messages = fetch(ConsumerContextFor.ids(first, second), 10);
		assertThat(messages).hasSize(6);
		assertThat(kinds(this.batch.apply(messages))).containsOnly(EventApplier.Result.Kind.APPLIED);
		assertEntry(first, ledgers.expectedBalance(first));
		assertEntry(second, ledgers.expectedBalance(second));
		assertThat(store.read(key(second)).orElseThrow().metadata().lastSequence()).isEqualTo(last);

		this.applier.forget();
		assertThat(kinds(this.batch.apply(fetch(ConsumerContextFor.ids(first, second), 10))))
			.containsOnly(EventApplier.Result.Kind.SKIPPED);
		assertEntry(first, ledgers.expectedBalance(first));
	}

	@Test
	void anEntryChangedSinceItWasCachedIsReadAgainAndItsEventsAppliedOneByOne() throws Exception {
		String id = Ledgers.newId("conflict");
		ledgers.append(id, new Opened("owner-" + id), new Credited(10));
		ConsumerContext consumer = ConsumerContextFor.ids(id);
		assertThat(kinds(this.batch.apply(fetchAndAck(consumer, 10)))).containsOnly(EventApplier.Result.Kind.APPLIED);
		StoredEntry cached = this.applier.cached(key(id));
		assertThat(cached).isNotNull();
		// Another writer rewrites the entry: the cached revision is stale.
		StoredEntry stored = store.read(key(id)).orElseThrow();
		assertThat(store.write(key(id), stored.value(), stored.metadata(), stored.revision())).isPositive();

		ledgers.append(id, new Credited(7), new Debited(2));
		List<EventApplier.Result> results = this.batch.apply(fetchAndAck(consumer, 10));
		assertThat(kinds(results)).containsExactly(EventApplier.Result.Kind.APPLIED, EventApplier.Result.Kind.APPLIED);
		assertEntry(id, ledgers.expectedBalance(id));
		assertThat(this.applier.cached(key(id)).revision()).isEqualTo(store.read(key(id)).orElseThrow().revision());
	}

	@Test
	void anEntryCreatedAndClosedInOneBatchLeavesATombstoneAndAKeyDeletedFromTheBucketIsRecreated() throws Exception {
		String closed = Ledgers.newId("closed");
		long closing = ledgers.append(closed, new Opened("o"), new Credited(1), new Closed());
		assertThat(kinds(this.batch.apply(fetch(ConsumerContextFor.ids(closed), 10)))).containsExactly(
				EventApplier.Result.Kind.APPLIED, EventApplier.Result.Kind.APPLIED, EventApplier.Result.Kind.APPLIED);
		StoredEntry tombstone = store.read(key(closed)).orElseThrow();
		assertThat(tombstone.deleted()).isTrue();
		assertThat(tombstone.metadata().lastSequence()).isEqualTo(closing);

		String deleted = Ledgers.newId("deleted");
		ledgers.append(deleted, new Opened("owner-" + deleted), new Credited(10));
		assertThat(kinds(this.batch.apply(fetch(ConsumerContextFor.ids(deleted), 10))))
			.containsOnly(EventApplier.Result.Kind.APPLIED);
		connection.keyValue(config.readModelBucket()).delete(key(deleted));
		this.applier.forget();
		assertThat(kinds(this.batch.apply(fetch(ConsumerContextFor.ids(deleted), 10))))
			.containsOnly(EventApplier.Result.Kind.APPLIED);
		assertEntry(deleted, ledgers.expectedBalance(deleted));
	}

	private static List<EventApplier.Result.Kind> kinds(List<EventApplier.Result> results) {
		return results.stream().map(EventApplier.Result::kind).toList();
	}

	private static void assertEntry(String id, Balance expected) {
		assertThat(store.findEntry(Balance.class, SLOT, id)).hasValueSatisfying((entry) -> {
			assertThat(entry.value()).isEqualTo(expected);
		});
	}

	private static String key(String id) {
		return ReadModelKeys.entry("Balance", SLOT, id);
	}

	private static List<Message> fetch(ConsumerContext consumer, int max) throws Exception {
		List<Message> messages = new ArrayList<>();
		FetchConsumer fetch = consumer
			.fetch(FetchConsumeOptions.builder().maxMessages(max).noWaitExpiresIn(1000).build());
		try {
			Message message = fetch.nextMessage();
			while (message != null) {
				messages.add(message);
				message = fetch.nextMessage();
			}
		}
		finally {
			fetch.stop();
		}
		return messages;
	}

	private static List<Message> fetchAndAck(ConsumerContext consumer, int max) throws Exception {
		List<Message> messages = fetch(consumer, max);
		messages.forEach(Message::ack);
		connection.flush(Duration.ofSeconds(5));
		return messages;
	}

	/**
	 * Ephemeral consumers of some ledgers' events.
	 */
	private static final class ConsumerContextFor {

		static ConsumerContext ids(String... ids) throws Exception {
			List<String> filters = new ArrayList<>();
			for (String id : ids) {
				filters.add(config.subjectPrefix() + ".events.bank.Ledger." + id + ".>");
			}
			return connection.getStreamContext(config.eventStreamName())
				.createOrUpdateConsumer(ConsumerConfiguration.builder()
					.filterSubjects(filters)
					.ackPolicy(AckPolicy.Explicit)
					.inactiveThreshold(Duration.ofMinutes(1))
					.build());
		}

	}

}
