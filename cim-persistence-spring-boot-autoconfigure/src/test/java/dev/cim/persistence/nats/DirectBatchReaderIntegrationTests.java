package dev.cim.persistence.nats;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.IntStream;

import dev.cim.persistence.testsupport.Ids;
import dev.cim.persistence.testsupport.NatsIntegrationTest;
import dev.cim.persistence.testsupport.NatsTestServer;
import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.JetStream;
import io.nats.client.JetStreamManagement;
import io.nats.client.KeyValue;
import io.nats.client.Message;
import io.nats.client.api.KeyValueConfiguration;
import io.nats.client.api.PublishAck;
import io.nats.client.api.StreamConfiguration;
import io.nats.client.impl.Headers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.dao.DataRetrievalFailureException;
import org.springframework.dao.InvalidDataAccessResourceUsageException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Batched direct gets against a real nats-server.
 */
@NatsIntegrationTest
class DirectBatchReaderIntegrationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private static Connection connection;

	private static JetStreamManagement jsm;

	private static JetStream js;

	private static DirectBatchReader reader;

	@BeforeAll
	static void connect(NatsTestServer server) throws Exception {
		connection = server.connect();
		jsm = connection.jetStreamManagement();
		js = connection.jetStream();
		reader = new DirectBatchReader(connection, TIMEOUT);
	}

	@AfterAll
	static void close() throws InterruptedException {
		reader.close();
		connection.close();
	}

	@Test
	void lastPerSubjectReturnsTheNewestMessageOfEachMatchingSubjectInSequenceOrder() throws Exception {
		String s = stream();
		publish(s + ".a.1", "a1");
		publish(s + ".b.1", "b1");
		publish(s + ".a.1", "a1-again", (headers) -> headers.add("Cim-Cid", "bafy-a"));
		publish(s + ".c.2", "c2");
		publish(s + ".c.1", "c1");
		publish(s + ".b.1", "b1-again");
		DirectBatch read = reader.lastPerSubject(s, List.of(s + ".*.1"), OptionalLong.empty());
		assertThat(read.messages()).extracting(DirectMessage::sequence).containsExactly(3L, 5L, 6L);
		assertThat(read.messages()).extracting(DirectMessage::subject)
			.containsExactly(s + ".a.1", s + ".c.1", s + ".b.1");
		assertThat(read.messages()).extracting(DirectBatchReaderIntegrationTests::text)
			.containsExactly("a1-again", "c1", "b1-again");
		DirectMessage first = read.messages().get(0);
		assertThat(first.header("Cim-Cid")).hasValue("bafy-a");
		assertThat(first.headers()).containsOnlyKeys("Cim-Cid");
		assertThat(first.time()).isAfter(Instant.parse("2020-01-01T00:00:00Z"));
		assertThat(read.lastSequence()).isEqualTo(6);
		assertThat(read.pending()).isZero();
		assertThat(read.upToSequence()).isEqualTo(6);
	}

	@Test
	void lastPerSubjectWithSeveralFiltersAnswersTheirUnion() throws Exception {
		String s = stream();
		publish(s + ".x", "x");
		publish(s + ".y", "y");
		publish(s + ".z", "z");
		DirectBatch read = reader.lastPerSubject(s, List.of(s + ".z", s + ".x"), OptionalLong.empty());
		assertThat(read.messages()).extracting(DirectBatchReaderIntegrationTests::text).containsExactly("x", "z");
	}

	@Test
	void upToSequenceReadsTheSubjectsAsTheyWereAtThatSequence() throws Exception {
		String s = stream();
		publish(s + ".a", "a1");
		publish(s + ".b", "b1");
		publish(s + ".a", "a2");
		publish(s + ".b", "b2");
		publish(s + ".c", "c1");
		DirectBatch read = reader.lastPerSubject(s, List.of(s + ".>"), OptionalLong.of(3));
		assertThat(read.messages()).extracting(DirectBatchReaderIntegrationTests::text).containsExactly("b1", "a2");
		assertThat(read.upToSequence()).isEqualTo(3);
	}

	@Test
	void upToTimeReadsTheSubjectsAsTheyWereBeforeThatTime() throws Exception {
		String s = stream();
		publish(s + ".a", "a1");
		publish(s + ".b", "b1");
		publish(s + ".a", "a2");
		publish(s + ".b", "b2");
		List<DirectMessage> all = reader.batch(s, ">", 1, 10, 0).messages();
		DirectBatch read = reader.lastPerSubject(s, List.of(s + ".>"), all.get(3).time(), 1);
		assertThat(read.messages()).extracting(DirectBatchReaderIntegrationTests::text).containsExactly("b1", "a2");
		assertThat(read.upToSequence()).isEqualTo(3);
		assertThat(reader.lastPerSubject(s, List.of(s + ".>"), all.get(0).time(), 0).isEmpty()).isTrue();
	}

	@Test
	void lastPerSubjectAsksAgainWhenAnAnswerIsCutByItsByteLimit() throws Exception {
		String s = stream();
		for (int i = 0; i < 30; i++) {
			publish(s + ".k" + (i % 10), "v" + i);
		}
		DirectBatch whole = reader.lastPerSubject(s, List.of(s + ".>"), OptionalLong.empty());
		DirectBatch inPieces = reader.lastPerSubject(s, List.of(s + ".>"), OptionalLong.empty(), 1);
		assertThat(whole.messages()).hasSize(10);
		assertThat(inPieces.messages()).isEqualTo(whole.messages());
		assertThat(inPieces.pending()).isZero();
	}

	@Test
	void lastPerSubjectInPiecesKeepsTheMomentOfTheFirstAnswer() throws Exception {
		String s = stream();
		for (int i = 0; i < 6; i++) {
			publish(s + ".k" + i, "old" + i);
		}
		publish(s + ".k0", "newer");
		DirectBatch read = reader.lastPerSubject(s, List.of(s + ".>"), OptionalLong.of(6), 1);
		assertThat(read.messages()).extracting(DirectBatchReaderIntegrationTests::text)
			.containsExactly("old0", "old1", "old2", "old3", "old4", "old5");
		assertThat(read.upToSequence()).isEqualTo(6);
	}

	@Test
	void batchReadsEveryMatchingMessageOnceAndInOrderAcrossSeveralRequests() throws Exception {
		String s = stream();
		List<CompletableFuture<PublishAck>> acks = new ArrayList<>();
		for (int i = 0; i < 2500; i++) {
			acks.add(js.publishAsync(s + ".e." + (i % 7), bytes("e" + i)));
			if (i % 5 == 0) {
				acks.add(js.publishAsync(s + ".other", bytes("other")));
			}
		}
		CompletableFuture.allOf(acks.toArray(new CompletableFuture<?>[0])).get(30, TimeUnit.SECONDS);
		DirectBatch read = reader.batch(s, s + ".e.*", 1, Integer.MAX_VALUE, 0);
		assertThat(read.messages()).extracting(DirectBatchReaderIntegrationTests::text)
			.containsExactlyElementsOf(IntStream.range(0, 2500).mapToObj((i) -> "e" + i).toList());
		assertThat(read.messages()).extracting(DirectMessage::sequence).isSorted().doesNotHaveDuplicates();
		assertThat(read.pending()).isZero();
		assertThat(read.lastSequence()).isEqualTo(read.messages().get(2499).sequence());
	}

	@Test
	void batchAsksAgainWhenAnAnswerIsCutByItsByteLimit() throws Exception {
		String s = stream();
		for (int i = 0; i < 40; i++) {
			publish(s + ".e", "e" + i);
		}
		DirectBatch read = reader.batch(s, s + ".e", 1, Integer.MAX_VALUE, 100);
		assertThat(read.messages()).extracting(DirectBatchReaderIntegrationTests::text)
			.containsExactlyElementsOf(IntStream.range(0, 40).mapToObj((i) -> "e" + i).toList());
	}

	@Test
	void batchWithASmallRequestBatchTakesManyRequestsAndLosesNothing() throws Exception {
		String s = stream();
		for (int i = 0; i < 25; i++) {
			publish(s + ".e", "e" + i);
		}
		try (DirectBatchReader small = new DirectBatchReader(connection, TIMEOUT, 4)) {
			DirectBatch read = small.batch(s, s + ".>", 3, Integer.MAX_VALUE, 0);
			assertThat(read.messages()).extracting(DirectMessage::sequence)
				.containsExactlyElementsOf(IntStream.rangeClosed(3, 25).mapToObj(Long::valueOf).toList());
		}
	}

	@Test
	void batchStopsAtTheCallersLimitAndSaysHowManyMoreMatch() throws Exception {
		String s = stream();
		for (int i = 0; i < 30; i++) {
			publish(s + ".e", "e" + i);
		}
		try (DirectBatchReader small = new DirectBatchReader(connection, TIMEOUT, 7)) {
			DirectBatch read = small.batch(s, s + ".e", 1, 20, 0);
			assertThat(read.messages()).hasSize(20);
			assertThat(read.lastSequence()).isEqualTo(20);
			assertThat(read.pending()).isEqualTo(10);
		}
	}

	@Test
	void batchFromATimeStartsAtTheFirstMessageStoredThen() throws Exception {
		String s = stream();
		for (int i = 0; i < 5; i++) {
			publish(s + ".e", "before" + i);
		}
		publish(s + ".e", "after0");
		publish(s + ".e", "after1");
		Instant firstAfter = reader.batch(s, s + ".e", 6, 1, 0).messages().get(0).time();
		DirectBatch read = reader.batch(s, s + ".e", firstAfter, Integer.MAX_VALUE, 0);
		assertThat(read.messages()).extracting(DirectBatchReaderIntegrationTests::text)
			.containsExactly("after0", "after1");
	}

	@Test
	void readsThatMatchNothingAreEmpty() throws Exception {
		String s = stream();
		assertThat(reader.lastPerSubject(s, List.of(s + ".>"), OptionalLong.empty()).isEmpty()).isTrue();
		assertThat(reader.batch(s, s + ".>", 1, 10, 0).isEmpty()).isTrue();
		publish(s + ".a", "a");
		publish(s + ".b", "b");
		assertThat(reader.lastPerSubject(s, List.of(s + ".nothing.>"), OptionalLong.empty()).messages()).isEmpty();
		assertThat(reader.batch(s, s + ".nothing", 1, 10, 0).messages()).isEmpty();
		assertThat(reader.batch(s, s + ".a", 2, 10, 0).messages()).isEmpty();
		assertThat(reader.batch(s, s + ".>", Instant.now().plusSeconds(3600), 10, 0).messages()).isEmpty();
		DirectBatch empty = reader.batch(s, s + ".>", 3, 10, 0);
		assertThat(empty.lastSequence()).isZero();
		assertThat(empty.pending()).isZero();
	}

	@Test
	void lastPerSubjectAnswersUpToTheServersLimitOfSubjectsAndRefusesOneMore() throws Exception {
		String s = stream();
		List<CompletableFuture<PublishAck>> acks = new ArrayList<>();
		for (int i = 0; i < 1100; i++) {
			acks.add(js.publishAsync(s + ".k." + i, bytes("v" + i)));
		}
		CompletableFuture.allOf(acks.toArray(new CompletableFuture<?>[0])).get(30, TimeUnit.SECONDS);
		List<String> atTheLimit = IntStream.range(0, DirectBatchReader.MAX_SUBJECTS)
			.mapToObj((i) -> s + ".k." + i)
			.toList();
		assertThat(reader.lastPerSubject(s, atTheLimit, OptionalLong.empty()).messages())
			.hasSize(DirectBatchReader.MAX_SUBJECTS);
		List<String> oneMore = IntStream.rangeClosed(0, DirectBatchReader.MAX_SUBJECTS)
			.mapToObj((i) -> s + ".k." + i)
			.toList();
		assertThatExceptionOfType(TooManySubjectsException.class)
			.isThrownBy(() -> reader.lastPerSubject(s, oneMore, OptionalLong.empty()))
			.satisfies((ex) -> {
				assertThat(ex.getStream()).isEqualTo(s);
				assertThat(ex.getFilterCount()).isEqualTo(1025);
			})
			.withMessageContaining("split");
		assertThatExceptionOfType(TooManySubjectsException.class)
			.isThrownBy(() -> reader.lastPerSubject(s, List.of(s + ".k.*"), OptionalLong.empty()))
			.satisfies((ex) -> assertThat(ex.getFilterCount()).isEqualTo(1));
	}

	@Test
	void concurrentCallersOnOneReaderEachGetTheirOwnAnswers() throws Exception {
		String s = stream();
		int callers = 20;
		for (int c = 0; c < callers; c++) {
			for (int v = 1; v <= c + 1; v++) {
				publish(s + ".c" + c + "." + v, "c" + c + "v" + v);
			}
		}
		ExecutorService executor = Executors.newFixedThreadPool(callers);
		try {
			CountDownLatch start = new CountDownLatch(1);
			List<Future<List<String>>> answers = new ArrayList<>();
			for (int c = 0; c < callers; c++) {
				String caller = s + ".c" + c;
				answers.add(executor.submit(() -> {
					start.await();
					List<String> seen = new ArrayList<>();
					for (int round = 0; round < 5; round++) {
						seen.add(texts(reader.lastPerSubject(s, List.of(caller + ".*"), OptionalLong.empty())));
						seen.add(texts(reader.batch(s, caller + ".*", 1, Integer.MAX_VALUE, 0)));
					}
					return seen;
				}));
			}
			start.countDown();
			for (int c = 0; c < callers; c++) {
				int caller = c;
				String expected = String.join(",",
						IntStream.rangeClosed(1, c + 1).mapToObj((v) -> "c" + caller + "v" + v).toList());
				assertThat(answers.get(c).get(60, TimeUnit.SECONDS)).hasSize(10).containsOnly(expected);
			}
		}
		finally {
			executor.shutdownNow();
		}
	}

	@Test
	void aClosedReaderRefusesToRead() throws Exception {
		String s = stream();
		publish(s + ".a", "a");
		DirectBatchReader closing = new DirectBatchReader(connection, TIMEOUT);
		assertThat(closing.lastPerSubject(s, List.of(s + ".a"), OptionalLong.empty()).messages()).hasSize(1);
		closing.close();
		closing.close();
		assertThatIllegalStateException()
			.isThrownBy(() -> closing.lastPerSubject(s, List.of(s + ".a"), OptionalLong.empty()))
			.withMessageContaining("closed");
		assertThatIllegalStateException().isThrownBy(() -> closing.batch(s, s + ".a", 1, 1, 0))
			.withMessageContaining("closed");
	}

	@Test
	void aReaderWhoseConnectionClosedReportsTheStoreUnavailable(NatsTestServer server) throws Exception {
		String s = stream();
		publish(s + ".a", "a");
		Connection closing = server.connect();
		DirectBatchReader orphan = new DirectBatchReader(closing, TIMEOUT);
		assertThat(orphan.batch(s, ">", 1, 10, 0).messages()).hasSize(1);
		closing.close();
		assertThatExceptionOfType(StoreUnavailableException.class).isThrownBy(() -> orphan.batch(s, ">", 1, 10, 0))
			.withMessageContaining("not open");
		orphan.close();
		assertThatExceptionOfType(StoreUnavailableException.class)
			.isThrownBy(() -> new DirectBatchReader(closing, TIMEOUT));
	}

	@Test
	void aStreamWithoutDirectGetsIsNamedAsTheCause() throws Exception {
		String s = Ids.nextShort("nodirect");
		jsm.addStream(StreamConfiguration.builder().name(s).subjects(s + ".>").allowDirect(false).build());
		js.publish(s + ".a", bytes("a"));
		assertThatExceptionOfType(InvalidDataAccessResourceUsageException.class)
			.isThrownBy(() -> reader.lastPerSubject(s, List.of(s + ".>"), OptionalLong.empty()))
			.withMessageContaining("stream " + s + " does not allow direct gets")
			.withMessageContaining("allow_direct");
	}

	@Test
	void aMissingStreamIsNamedAsTheCause() {
		String s = Ids.nextShort("missing");
		assertThatExceptionOfType(InvalidDataAccessResourceUsageException.class)
			.isThrownBy(() -> reader.batch(s, ">", 1, 10, 0))
			.withMessageContaining("stream " + s + " does not exist");
	}

	@Test
	void deleteAndPurgeMarkersOfAKeyValueBucketAreRecognisable() throws Exception {
		String bucket = Ids.nextShort("kv");
		connection.keyValueManagement().create(KeyValueConfiguration.builder().name(bucket).build());
		KeyValue kv = connection.keyValue(bucket);
		kv.put("k1", "one");
		kv.put("k2", "two");
		kv.put("k3", "three");
		kv.delete("k1");
		kv.purge("k3");
		DirectBatch read = reader.lastPerSubject("KV_" + bucket, List.of("$KV." + bucket + ".>"), OptionalLong.empty());
		assertThat(read.messages()).extracting((message) -> message.kvKey().orElseThrow())
			.containsExactly("k2", "k1", "k3");
		assertThat(read.messages()).extracting(DirectMessage::isKvDeleteOrPurge).containsExactly(false, true, true);
		assertThat(read.messages().get(0).data()).asString(StandardCharsets.UTF_8).isEqualTo("two");
		assertThat(read.messages().get(1).header(DirectMessage.KV_OPERATION)).hasValue("DEL");
		assertThat(read.messages().get(2).header(DirectMessage.KV_OPERATION)).hasValue("PURGE");
	}

	@Test
	void anAnswerThatStopsBeforeTheEndOfTheBatchFailsInsteadOfReturningPartOfIt() throws Exception {
		String s = Ids.nextShort("silent");
		Dispatcher responder = respond(s, (request) -> answer(request, 1, 0, 5));
		try (DirectBatchReader impatient = new DirectBatchReader(connection, Duration.ofMillis(300))) {
			assertThatExceptionOfType(StoreUnavailableException.class)
				.isThrownBy(() -> impatient.batch(s, ">", 1, 10, 0))
				.withMessageContaining("after 1 message(s), before the end of the batch");
		}
		finally {
			connection.closeDispatcher(responder);
		}
	}

	@Test
	void anAnswerMissingAMessageFails() throws Exception {
		String s = Ids.nextShort("gap");
		Dispatcher responder = respond(s, (request) -> {
			answer(request, 1, 0, 2);
			answer(request, 3, 2, 1);
		});
		try (DirectBatchReader impatient = new DirectBatchReader(connection, Duration.ofMillis(300))) {
			assertThatExceptionOfType(StoreUnavailableException.class)
				.isThrownBy(() -> impatient.batch(s, ">", 1, 10, 0))
				.withMessageContaining("part of the answer was lost");
		}
		finally {
			connection.closeDispatcher(responder);
		}
	}

	@Test
	void aServerThatDoesNotBatchIsRecognised() throws Exception {
		String s = Ids.nextShort("old");
		Dispatcher responder = respond(s,
				(request) -> connection.publish(request.getReplyTo(),
						new Headers().add("Nats-Stream", s)
							.add("Nats-Subject", "a")
							.add("Nats-Sequence", "1")
							.add("Nats-Time-Stamp", "2026-01-01T00:00:00Z"),
						bytes("a")));
		try {
			assertThatExceptionOfType(DataRetrievalFailureException.class)
				.isThrownBy(() -> reader.batch(s, ">", 1, 10, 0))
				.withMessageContaining("2.11");
		}
		finally {
			connection.closeDispatcher(responder);
		}
	}

	private static Dispatcher respond(String stream, Consumer<Message> answer) {
		Dispatcher dispatcher = connection.createDispatcher(answer::accept);
		dispatcher.subscribe("$JS.API.DIRECT.GET." + stream);
		return dispatcher;
	}

	private static void answer(Message request, long sequence, long previous, long pending) {
		connection.publish(request.getReplyTo(),
				new Headers().add("Nats-Stream", "S")
					.add("Nats-Subject", "a")
					.add("Nats-Sequence", Long.toString(sequence))
					.add("Nats-Time-Stamp", "2026-01-01T00:00:00Z")
					.add("Nats-Num-Pending", Long.toString(pending))
					.add("Nats-Last-Sequence", Long.toString(previous)),
				bytes("m" + sequence));
	}

	private static String stream() throws Exception {
		String name = Ids.nextShort("direct");
		jsm.addStream(StreamConfiguration.builder().name(name).subjects(name + ".>").allowDirect(true).build());
		return name;
	}

	private static void publish(String subject, String body) throws Exception {
		publish(subject, body, (headers) -> {
		});
	}

	private static void publish(String subject, String body, Consumer<Headers> headers) throws Exception {
		Headers stored = new Headers();
		headers.accept(stored);
		js.publish(subject, stored.isEmpty() ? null : stored, bytes(body));
	}

	private static String text(DirectMessage message) {
		return new String(message.data(), StandardCharsets.UTF_8);
	}

	private static String texts(DirectBatch batch) {
		return String.join(",", batch.messages().stream().map(DirectBatchReaderIntegrationTests::text).toList());
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

}
