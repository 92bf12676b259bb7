package dev.cim.persistence.repository.support;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ForkJoinPool;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cim.persistence.nats.NatsRepositoryConfig;
import dev.cim.persistence.nats.StoreSubjects;
import dev.cim.persistence.repository.AggregateAlreadyExistsException;
import dev.cim.persistence.repository.AggregateRef;
import dev.cim.persistence.repository.EventTooLargeException;
import dev.cim.persistence.repository.VersionConflictException;
import dev.cim.persistence.testsupport.Ids;
import dev.cim.persistence.testsupport.NatsIntegrationTest;
import dev.cim.persistence.testsupport.NatsTestServer;
import io.nats.client.Connection;
import io.nats.client.JetStreamManagement;
import io.nats.client.Subscription;
import io.nats.client.api.StreamConfiguration;
import dev.cim.persistence.testsupport.ProvisionedStore;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The limits and outcomes of appends, against a real nats-server.
 */
@NatsIntegrationTest
class EventAppenderIntegrationTests {

	private static final ObjectMapper JSON = new ObjectMapper();

	private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);

	private static NewEvent event(String text) {
		return new NewEvent("Noted", 1, JSON.createObjectNode().put("text", text));
	}

	private static AggregateRef newOrder() {
		return AggregateRef.of("sales", "Order", Ids.next("o"));
	}

	private static EventStore fixedClock(ProvisionedStore store) {
		return new EventStore(store.connection(), store.config(), CLOCK, ForkJoinPool.commonPool());
	}

	@Test
	void aBatchOfExactlyTheMaximumIsStoredAndOneMoreIsRefused(ProvisionedStore store) {
		AggregateRef order = newOrder();
		List<NewEvent> events = new ArrayList<>();
		for (int i = 0; i < 1000; i++) {
			events.add(event("n" + i));
		}
		AppendResult stored = store.eventStore().append(order, EventHead.NONE, events);
		assertThat(stored.head().version()).isEqualTo(1000);
		assertThat(store.eventStore().history(order)).hasSize(1000);
		events.add(event("n1000"));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> store.eventStore().append(newOrder(), EventHead.NONE, events))
			.withMessageContaining("1000");
	}

	@Test
	void anEventOfExactlyTheLimitIsAllowedAndOneByteMoreIsRefused(ProvisionedStore store) {
		AggregateRef order = newOrder();
		NewEvent event = event("x".repeat(600));
		int size = fixedClock(store).prepare(order, EventHead.NONE, List.of(event), AppendOptions.defaults())
			.events()
			.get(0)
			.bytes().length;
		EventStore exact = fixedClock(store.config((config) -> config.maxEventBytes(size)));
		AppendResult stored = exact.append(order, EventHead.NONE, List.of(event));
		assertThat(stored.events()).singleElement().satisfies((e) -> assertThat(e.body()).hasSize(size));
		EventStore smaller = fixedClock(store.config((config) -> config.maxEventBytes(size - 1)));
		assertThatExceptionOfType(EventTooLargeException.class)
			.isThrownBy(() -> smaller.append(newOrder(), EventHead.NONE, List.of(event)));
	}

	@Test
	void anAsynchronousBatchStoresEveryEvent(ProvisionedStore store) {
		AggregateRef order = newOrder();
		EventStore events = store.eventStore();
		PreparedAppend batch = events.prepare(order, EventHead.NONE, List.of(event("a"), event("b"), event("c")),
				AppendOptions.defaults());
		AppendResult stored = events.appendAsync(batch).join();
		assertThat(stored.head().version()).isEqualTo(3);
		assertThat(events.history(order)).extracting(RecordedEvent::version).containsExactly(1L, 2L, 3L);
		assertThat(events.head(order)).contains(stored.head());
	}

	@Test
	void anAsynchronousAppendSentAgainSucceedsWithTheSameHead(ProvisionedStore store) {
		AggregateRef order = newOrder();
		EventStore events = store.eventStore();
		PreparedAppend single = events.prepare(order, EventHead.NONE, List.of(event("a")), AppendOptions.defaults());
		AppendResult first = events.appendAsync(single).join();
		AppendResult second = events.appendAsync(single).join();
		assertThat(second.head()).isEqualTo(first.head());
		assertThat(events.history(order)).hasSize(1);
	}

	@Test
	void anAppendSentAgainAfterTheDuplicateWindowFindsItsOwnEvent(ProvisionedStore store) throws Exception {
		// Past the duplicate window the server no longer recognises the re-sent message:
		// it
		// refuses it as a wrong last sequence, and the appender must find its own event
		// there rather than report a conflict.
		JetStreamManagement management = store.jetStreamManagement();
		StreamConfiguration current = management.getStreamInfo(store.config().eventStreamName()).getConfiguration();
		management.updateStream(StreamConfiguration.builder(current).duplicateWindow(Duration.ofMillis(100)).build());
		EventStore events = store.eventStore();
		AggregateRef order = newOrder();
		PreparedAppend single = events.prepare(order, EventHead.NONE, List.of(event("a")), AppendOptions.defaults());
		AppendResult first = events.appendAsync(single).join();
		PreparedAppend batch = events.prepare(order, first.head(), List.of(event("b"), event("c")),
				AppendOptions.defaults());
		AppendResult second = events.append(batch);
		Thread.sleep(1000);
		assertThat(events.appendAsync(single).join().head()).isEqualTo(first.head());
		assertThat(events.append(batch).head()).isEqualTo(second.head());
		assertThat(events.appendAsync(batch).join().head()).isEqualTo(second.head());
		assertThat(events.history(order)).extracting(RecordedEvent::version).containsExactly(1L, 2L, 3L);
	}

	@Test
	void anAsynchronousAppendOnAStaleHeadIsAConflictWithoutSendingItAgain(ProvisionedStore store, NatsTestServer server)
			throws Exception {
		AggregateRef order = newOrder();
		EventStore events = store.eventStore();
		EventHead v1 = events.append(order, EventHead.NONE, List.of(event("a"))).head();
		events.append(order, v1, List.of(event("b")));
		PreparedAppend stale = events.prepare(order, v1, List.of(event("c")), AppendOptions.defaults());
		// Every publish to the aggregate's subjects reaches a plain subscriber too, the
		// refused ones included.
		Connection observer = server.connect();
		try {
			Subscription published = observer
				.subscribe(StoreSubjects.of(store.config()).aggregateEvents(order.context(), order.type(), order.id()));
			observer.flush(Duration.ofSeconds(5));
			assertThatExceptionOfType(CompletionException.class).isThrownBy(() -> events.appendAsync(stale).join())
				.havingCause()
				.isInstanceOfSatisfying(VersionConflictException.class,
						(ex) -> assertThat(ex.getActualVersion()).isEqualTo(2));
			// The refusal names the conflict: the event is not sent a second time.
			assertThat(published.nextMessage(Duration.ofSeconds(5))).isNotNull();
			assertThat(published.nextMessage(Duration.ofMillis(500))).isNull();
		}
		finally {
			observer.close();
		}
	}

	@Test
	void creatingAnAggregateThatExistsReportsItsVersion(ProvisionedStore store) {
		AggregateRef order = newOrder();
		EventStore events = store.eventStore();
		EventHead v1 = events.append(order, EventHead.NONE, List.of(event("a"))).head();
		assertThatExceptionOfType(AggregateAlreadyExistsException.class)
			.isThrownBy(() -> events.append(order, EventHead.NONE, List.of(event("b"))))
			.satisfies((ex) -> assertThat(ex.getActualVersion()).isEqualTo(1));
		events.append(order, v1, List.of(event("b")));
		assertThatExceptionOfType(VersionConflictException.class)
			.isThrownBy(() -> events.append(order, v1, List.of(event("c"))))
			.satisfies((ex) -> {
				assertThat(ex).isNotInstanceOf(AggregateAlreadyExistsException.class);
				assertThat(ex.getActualVersion()).isEqualTo(2);
				assertThat(ex.getExpectedVersion()).isEqualTo(1);
			});
	}

	@Test
	void anAppendOnAClosedConnectionFailsAtOnce(ProvisionedStore store, NatsTestServer server) throws Exception {
		Connection connection = server.connect();
		EventStore closed = new EventStore(connection, store.config());
		connection.close();
		assertThatExceptionOfType(RuntimeException.class)
			.isThrownBy(() -> closed.append(newOrder(), EventHead.NONE, List.of(event("a"))))
			.withMessageContaining("append to")
			.withMessageNotContaining("nothing answered");
	}

	@Test
	void anAppendThatASubscriberSwallowsIsReadBackBeforeItFails(NatsTestServer server) throws Exception {
		String prefix = Ids.next("silent").replace("-", "");
		NatsRepositoryConfig config = NatsRepositoryConfig.builder()
			.eventStreamName(prefix + "_EVENTS")
			.aggregateStreamName(prefix + "_AGGREGATES")
			.subjectPrefix(prefix)
			.publishTimeout(Duration.ofMillis(300))
			.publishAttempts(1)
			.build();
		Connection listener = server.connect();
		try {
			// A subscriber that never answers: the publish is received, and not
			// acknowledged.
			listener.createDispatcher((message) -> {
			}).subscribe(prefix + ".>");
			listener.flush(Duration.ofSeconds(5));
			Connection connection = server.connect();
			try {
				EventStore store = new EventStore(connection, config);
				assertThatExceptionOfType(RuntimeException.class)
					.isThrownBy(() -> store.append(newOrder(), EventHead.NONE, List.of(event("a"))))
					.withMessageContaining("reading back")
					.withMessageNotContaining("nothing answered");
			}
			finally {
				connection.close();
			}
		}
		finally {
			listener.close();
		}
	}

	@Test
	void anUnacknowledgedAppendNotFoundWhenReadBackFails(ProvisionedStore store, NatsTestServer server)
			throws Exception {
		// The store's streams, but events published where only a silent subscriber
		// listens:
		// the stream can be read back, and holds no such event.
		String silent = Ids.next("silent").replace("-", "");
		NatsRepositoryConfig config = store.config()
			.toBuilder()
			.subjectPrefix(silent)
			.publishTimeout(Duration.ofMillis(300))
			.publishAttempts(1)
			.build();
		Connection listener = server.connect();
		try {
			listener.createDispatcher((message) -> {
			}).subscribe(silent + ".>");
			listener.flush(Duration.ofSeconds(5));
			EventStore events = new EventStore(store.connection(), config);
			assertThatExceptionOfType(RuntimeException.class)
				.isThrownBy(() -> events.append(newOrder(), EventHead.NONE, List.of(event("a"))))
				.withMessageContaining("not found in the stream when read back");
		}
		finally {
			listener.close();
		}
	}

}
