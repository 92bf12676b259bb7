package dev.cim.persistence.repository.support;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cim.persistence.event.EventBlock;
import dev.cim.persistence.event.EventBlockCodec;
import dev.cim.persistence.nats.NatsRepositoryConfig;
import dev.cim.persistence.testsupport.Ids;
import dev.cim.persistence.testsupport.NatsIntegrationTest;
import dev.cim.persistence.testsupport.ProvisionedStore;
import io.nats.client.Connection;
import io.nats.client.JetStreamManagement;
import io.nats.client.api.MessageInfo;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import dev.cim.persistence.repository.AggregateAlreadyExistsException;
import dev.cim.persistence.repository.AggregateRef;
import dev.cim.persistence.repository.EventTooLargeException;
import dev.cim.persistence.repository.VersionConflictException;

/**
 * The event store against a real nats-server.
 */
@NatsIntegrationTest
class EventStoreIntegrationTests {

	private static final ObjectMapper JSON = new ObjectMapper();

	private static NatsRepositoryConfig config;

	private static Connection connection;

	private static EventStore store;

	private static JetStreamManagement jsm;

	@BeforeAll
	static void provision(ProvisionedStore provisioned) {
		config = provisioned.config();
		connection = provisioned.connection();
		store = provisioned.eventStore();
		jsm = provisioned.jetStreamManagement();
	}

	@Test
	void appendOfOneEventShouldBeReadBackAsHeadAndHistory() {
		AggregateRef order = newOrder();
		AppendResult result = store.append(order, EventHead.NONE,
				List.of(event("OrderCreated", "{\"customerId\":\"c-1\"}")));
		assertThat(result.head().version()).isEqualTo(1);
		assertThat(result.head().cid()).isNotNull();
		assertThat(store.head(order)).contains(result.head());
		List<RecordedEvent> history = store.history(order);
		assertThat(history).hasSize(1);
		RecordedEvent stored = history.get(0);
		assertThat(stored.type()).isEqualTo("OrderCreated");
		assertThat(stored.data().get("customerId").asText()).isEqualTo("c-1");
		assertThat(stored.prev()).isNull();
		assertThat(stored.sequence()).isEqualTo(result.head().sequence());
		assertThat(stored.subject())
			.isEqualTo(config.subjectPrefix() + ".events.sales.Order." + order.id() + ".OrderCreated.1");
	}

	@Test
	void eventsLinkToTheirPredecessorAndHistoryReadsAVersionRange() {
		AggregateRef order = newOrder();
		EventHead head = EventHead.NONE;
		for (int i = 1; i <= 10; i++) {
			head = store.append(order, head, List.of(event("ItemAdded", "{\"n\":" + i + "}"))).head();
		}
		List<RecordedEvent> all = store.history(order);
		assertThat(all).extracting(RecordedEvent::version).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L);
		for (int i = 1; i < all.size(); i++) {
			assertThat(all.get(i).prev()).isEqualTo(all.get(i - 1).cid());
		}
		assertThat(store.history(order, 3, 5)).extracting(RecordedEvent::version).containsExactly(3L, 4L, 5L);
		assertThat(store.history(order, 11, 20)).isEmpty();
		assertThat(store.history(newOrder())).isEmpty();
	}

	@Test
	void historyReadsLeaveNoConsumerBehind() throws Exception {
		AggregateRef order = newOrder();
		EventHead head = store.append(order, EventHead.NONE, List.of(event("OrderCreated", "{}"))).head();
		store.append(order, head, List.of(event("ItemAdded", "{}"), event("ItemAdded", "{}")));
		for (int i = 0; i < 50; i++) {
			assertThat(store.history(order)).hasSize(3);
		}
		// The server would drop an idle ordered consumer after about 5 s by itself:
		// within 2 s
		// only the reader's own deletes can have removed them.
		org.awaitility.Awaitility.await()
			.atMost(java.time.Duration.ofSeconds(2))
			.untilAsserted(
					() -> assertThat(jsm.getStreamInfo(config.eventStreamName()).getStreamState().getConsumerCount())
						.isZero());
	}

	@Test
	void competingWritersGetExactlyOneSuccessPerRound() throws Exception {
		int writers = 8;
		int rounds = 100;
		AggregateRef order = newOrder();
		List<Connection> connections = new ArrayList<>();
		List<EventStore> stores = new ArrayList<>();
		for (int i = 0; i < writers; i++) {
			Connection writerConnection = NatsTestServerConnections.open(connection);
			connections.add(writerConnection);
			stores.add(new EventStore(writerConnection, config));
		}
		ExecutorService pool = Executors.newFixedThreadPool(writers);
		try {
			CyclicBarrier start = new CyclicBarrier(writers);
			EventHead head = EventHead.NONE;
			for (int round = 1; round <= rounds; round++) {
				EventHead expected = head;
				List<Future<Optional<AppendResult>>> outcomes = new ArrayList<>();
				for (int w = 0; w < writers; w++) {
					EventStore writer = stores.get(w);
					String data = "{\"writer\":" + w + ",\"round\":" + round + "}";
					outcomes.add(pool.submit(() -> {
						start.await(10, TimeUnit.SECONDS);
						try {
							return Optional.of(writer.append(order, expected, List.of(event("ItemAdded", data))));
						}
						catch (VersionConflictException ex) {
							assertThat(ex.getExpectedVersion()).isEqualTo(expected.version());
							assertThat(ex.getActualVersion()).isEqualTo(expected.version() + 1);
							return Optional.empty();
						}
					}));
				}
				List<AppendResult> successes = new ArrayList<>();
				for (Future<Optional<AppendResult>> outcome : outcomes) {
					outcome.get(30, TimeUnit.SECONDS).ifPresent(successes::add);
				}
				assertThat(successes).as("successes in round %d", round).hasSize(1);
				head = successes.get(0).head();
				assertThat(head.version()).isEqualTo(round);
			}
		}
		finally {
			pool.shutdownNow();
			for (Connection c : connections) {
				c.close();
			}
		}
		List<RecordedEvent> history = store.history(order);
		assertThat(history).extracting(RecordedEvent::version)
			.containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(1, rounds).boxed().toList());
		assertThat(history.stream().map(RecordedEvent::sequence).distinct().count()).isEqualTo(rounds);
	}

	@Test
	void competingBatchesLandAllOrNothing() throws Exception {
		int writers = 4;
		int rounds = 25;
		AggregateRef order = newOrder();
		ExecutorService pool = Executors.newFixedThreadPool(writers);
		List<Connection> connections = new ArrayList<>();
		List<AppendResult> winners = new ArrayList<>();
		try {
			CyclicBarrier start = new CyclicBarrier(writers);
			EventHead head = EventHead.NONE;
			for (int round = 1; round <= rounds; round++) {
				EventHead expected = head;
				List<Future<Optional<AppendResult>>> outcomes = new ArrayList<>();
				for (int w = 0; w < writers; w++) {
					Connection writerConnection = NatsTestServerConnections.open(connection);
					connections.add(writerConnection);
					EventStore writer = new EventStore(writerConnection, config);
					int size = 1 + (w % 3) * 2;
					List<NewEvent> batch = new ArrayList<>();
					for (int i = 0; i < size; i++) {
						batch.add(event("ItemAdded", "{\"writer\":" + w + ",\"i\":" + i + "}"));
					}
					outcomes.add(pool.submit(() -> {
						start.await(10, TimeUnit.SECONDS);
						try {
							return Optional.of(writer.append(order, expected, batch));
						}
						catch (VersionConflictException ex) {
							return Optional.empty();
						}
					}));
				}
				List<AppendResult> successes = new ArrayList<>();
				for (Future<Optional<AppendResult>> outcome : outcomes) {
					outcome.get(30, TimeUnit.SECONDS).ifPresent(successes::add);
				}
				assertThat(successes).hasSize(1);
				winners.add(successes.get(0));
				head = successes.get(0).head();
				for (Connection c : connections) {
					c.close();
				}
				connections.clear();
			}
			List<RecordedEvent> history = store.history(order);
			assertThat(history).hasSize((int) head.version());
			for (int i = 0; i < history.size(); i++) {
				assertThat(history.get(i).version()).isEqualTo(i + 1);
			}
			// Every winning batch is in the stream whole, in one contiguous run, and
			// nothing else is.
			int total = 0;
			for (AppendResult winner : winners) {
				for (RecordedEvent event : winner.events()) {
					RecordedEvent inStream = history.get((int) event.version() - 1);
					assertThat(inStream.data().get("writer").asInt()).isEqualTo(event.data().get("writer").asInt());
					assertThat(inStream.data().get("i").asInt()).isEqualTo(event.data().get("i").asInt());
					assertThat(inStream.sequence()).isEqualTo(event.sequence());
					assertThat(inStream.cid()).isEqualTo(event.cid());
					total++;
				}
			}
			assertThat(total).isEqualTo(history.size());
		}
		finally {
			pool.shutdownNow();
			for (Connection c : connections) {
				c.close();
			}
		}
	}

	@Test
	void batchWhoseExpectationFailsLeavesTheStreamUnchanged() throws Exception {
		AggregateRef order = newOrder();
		EventHead v1 = store.append(order, EventHead.NONE, List.of(event("OrderCreated", "{}"))).head();
		AppendResult v3 = store.append(order, v1,
				List.of(event("ItemAdded", "{\"sku\":\"A\"}"), event("ItemAdded", "{\"sku\":\"B\"}")));
		assertThat(v3.events()).extracting(RecordedEvent::version).containsExactly(2L, 3L);
		assertThat(v3.events().get(1).sequence()).isEqualTo(v3.events().get(0).sequence() + 1);
		long lastSequence = streamLastSequence();
		long messages = streamMessages();
		assertThatExceptionOfType(VersionConflictException.class)
			.isThrownBy(() -> store.append(order, v1,
					List.of(event("ItemAdded", "{}"), event("ItemAdded", "{}"), event("OrderPlaced", "{}"))))
			.satisfies((ex) -> {
				assertThat(ex.getExpectedVersion()).isEqualTo(1);
				assertThat(ex.getActualVersion()).isEqualTo(3);
			});
		assertThatExceptionOfType(AggregateAlreadyExistsException.class).isThrownBy(() -> store.append(order,
				EventHead.NONE, List.of(event("OrderCreated", "{}"), event("ItemAdded", "{}"))));
		assertThat(streamLastSequence()).isEqualTo(lastSequence);
		assertThat(streamMessages()).isEqualTo(messages);
		assertThat(store.history(order)).hasSize(3);
	}

	@Test
	void identicalAppendSentTwiceIsStoredOnceAndSucceedsBothTimes() throws Exception {
		AggregateRef order = newOrder();
		PreparedAppend single = store.prepare(order, EventHead.NONE, List.of(event("OrderCreated", "{}")),
				AppendOptions.defaults());
		AppendResult first = store.append(single);
		AppendResult second = store.append(single);
		assertThat(second.head()).isEqualTo(first.head());
		PreparedAppend batch = store.prepare(order, first.head(),
				List.of(event("ItemAdded", "{\"sku\":\"A\"}"), event("ItemAdded", "{\"sku\":\"B\"}")),
				AppendOptions.defaults());
		long messages = streamMessages();
		AppendResult batchFirst = store.append(batch);
		AppendResult batchSecond = store.append(batch);
		assertThat(batchSecond.head()).isEqualTo(batchFirst.head());
		assertThat(batchSecond.events()).extracting(RecordedEvent::sequence)
			.isEqualTo(batchFirst.events().stream().map(RecordedEvent::sequence).toList());
		assertThat(streamMessages()).isEqualTo(messages + 2);
		assertThat(store.history(order)).extracting(RecordedEvent::version).containsExactly(1L, 2L, 3L);
	}

	@Test
	void rejectedTokensLeaveTheStreamUnchanged() throws Exception {
		long lastSequence = streamLastSequence();
		List<String> bad = List.of("a.b", "a*", ">", "*", "has space", "tab\t", "new\nline", "ctl\u0001", "",
				"x".repeat(129), "caf\u00e9");
		for (String token : bad) {
			assertThatIllegalArgumentException()
				.isThrownBy(() -> store.append(AggregateRef.of(token, "Order", "o-1"), EventHead.NONE,
						List.of(event("OrderCreated", "{}"))))
				.withMessageContaining("context");
			assertThatIllegalArgumentException()
				.isThrownBy(() -> store.append(AggregateRef.of("sales", token, "o-1"), EventHead.NONE,
						List.of(event("OrderCreated", "{}"))))
				.withMessageContaining("aggregate type");
			assertThatIllegalArgumentException()
				.isThrownBy(() -> store.append(AggregateRef.of("sales", "Order", token), EventHead.NONE,
						List.of(event("OrderCreated", "{}"))))
				.withMessageContaining("aggregate id");
			assertThatIllegalArgumentException()
				.isThrownBy(() -> store.append(newOrder(), EventHead.NONE, List.of(event(token, "{}"))))
				.withMessageContaining("event type");
		}
		assertThatIllegalArgumentException().isThrownBy(() -> AggregateRef.of("sales", "Order", "a.b"))
			.withMessageContaining("'a.b'");
		assertThat(streamLastSequence()).isEqualTo(lastSequence);
	}

	@Test
	void oversizedEventsAndOversizedBatchesAreRefusedBeforeSending() throws Exception {
		long lastSequence = streamLastSequence();
		AggregateRef order = newOrder();
		String big = "{\"blob\":\"" + "x".repeat(config.maxEventBytes()) + "\"}";
		assertThatExceptionOfType(EventTooLargeException.class)
			.isThrownBy(
					() -> store.append(order, EventHead.NONE, List.of(event("OrderCreated", "{}"), event("Big", big))))
			.withMessageContaining("max-event-bytes");
		List<NewEvent> tooMany = new ArrayList<>();
		for (int i = 0; i < 1001; i++) {
			tooMany.add(event("ItemAdded", "{}"));
		}
		assertThatIllegalArgumentException().isThrownBy(() -> store.append(order, EventHead.NONE, tooMany))
			.withMessageContaining("1000");
		assertThat(streamLastSequence()).isEqualTo(lastSequence);
	}

	@Test
	void cidHeaderIsTheCidOfTheBodyAndKeyOrderDoesNotChangeTheBytes() throws Exception {
		AggregateRef order = newOrder();
		AppendResult created = store.append(order, EventHead.NONE,
				List.of(event("OrderCreated", "{\"zeta\":1,\"alpha\":{\"y\":\"2\",\"x\":[3,{\"b\":1,\"a\":2}]}}")));
		AppendResult second = store.append(order, created.head(), List.of(event("OrderPlaced", "{}")));
		for (AppendResult result : List.of(created, second)) {
			MessageInfo raw = jsm.getMessage(config.eventStreamName(), result.head().sequence());
			String expectedCid = cidOfDagJson(raw.getData());
			assertThat(raw.getHeaders().getFirst("Cim-Cid")).isEqualTo(expectedCid);
			assertThat(raw.getHeaders().getFirst("Nats-Msg-Id")).isEqualTo(expectedCid);
			assertThat(raw.getHeaders().getFirst("Content-Type")).isEqualTo("application/vnd.ipld.dag-json");
			assertThat(result.head().cid()).hasToString(expectedCid);
			assertThat(expectedCid).startsWith("baguqee");
		}
		MessageInfo secondRaw = jsm.getMessage(config.eventStreamName(), second.head().sequence());
		assertThat(secondRaw.getHeaders().getFirst("Cim-Prev-Cid")).isEqualTo(created.head().cid().toString());
		assertThat(new String(secondRaw.getData(), StandardCharsets.UTF_8))
			.contains("\"prev\":{\"/\":\"" + created.head().cid() + "\"}");
		// The same content with its keys in another order encodes to the same bytes.
		MessageInfo firstRaw = jsm.getMessage(config.eventStreamName(), created.head().sequence());
		EventBlockCodec codec = new EventBlockCodec(true);
		EventBlock stored = codec.decode(firstRaw.getData());
		JsonNode reordered = JSON.readTree("{\"alpha\":{\"x\":[3,{\"a\":2,\"b\":1}],\"y\":\"2\"},\"zeta\":1}");
		EventBlock rebuilt = new EventBlock(stored.type(), stored.schema(), stored.context(), stored.aggregateType(),
				stored.aggregateId(), stored.version(), reordered, stored.prev(), stored.meta());
		assertThat(codec.encode(rebuilt).bytes()).isEqualTo(firstRaw.getData());
		String body = new String(firstRaw.getData(), StandardCharsets.UTF_8);
		assertThat(body).doesNotContain(" ").doesNotContain("\n");
		assertThat(body.indexOf("\"aggregate\"")).isLessThan(body.indexOf("\"data\""));
		assertThat(body.indexOf("\"data\"")).isLessThan(body.indexOf("\"meta\""));
	}

	private static long streamLastSequence() throws Exception {
		return jsm.getStreamInfo(config.eventStreamName()).getStreamState().getLastSequence();
	}

	private static long streamMessages() throws Exception {
		return jsm.getStreamInfo(config.eventStreamName()).getStreamState().getMsgCount();
	}

	private static AggregateRef newOrder() {
		return AggregateRef.of("sales", "Order", Ids.next("o"));
	}

	private static NewEvent event(String type, String json) {
		try {
			return new NewEvent(type, 1, JSON.readTree(json));
		}
		catch (com.fasterxml.jackson.core.JsonProcessingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * CIDv1 with codec dag-json (0x0129) over sha2-256, in base32 lower case, computed
	 * here from first principles rather than with the library's own CID code.
	 */
	static String cidOfDagJson(byte[] body) throws Exception {
		byte[] digest = MessageDigest.getInstance("SHA-256").digest(body);
		// version 1, codec 0x0129 as a varint (0xa9 0x02), sha2-256 (0x12), 32 bytes
		// (0x20)
		byte[] cid = new byte[5 + digest.length];
		cid[0] = 0x01;
		cid[1] = (byte) 0xa9;
		cid[2] = 0x02;
		cid[3] = 0x12;
		cid[4] = 0x20;
		System.arraycopy(digest, 0, cid, 5, digest.length);
		return "b" + base32Lower(cid);
	}

	private static String base32Lower(byte[] data) {
		String alphabet = "abcdefghijklmnopqrstuvwxyz234567";
		StringBuilder out = new StringBuilder();
		int buffer = 0;
		int bits = 0;
		for (byte b : data) {
			buffer = (buffer << 8) | (b & 0xff);
			bits += 8;
			while (bits >= 5) {
				out.append(alphabet.charAt((buffer >> (bits - 5)) & 31));
				bits -= 5;
			}
		}
		if (bits > 0) {
			out.append(alphabet.charAt((buffer << (5 - bits)) & 31));
		}
		return out.toString();
	}

}
