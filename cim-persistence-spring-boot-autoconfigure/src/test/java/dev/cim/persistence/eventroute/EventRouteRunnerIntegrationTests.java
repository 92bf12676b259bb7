package dev.cim.persistence.eventroute;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import dev.cim.persistence.eventroute.Deliveries.Delivery;
import dev.cim.persistence.eventroute.OrderEvents.Audited;
import dev.cim.persistence.eventroute.OrderEvents.Placed;
import dev.cim.persistence.eventroute.OrderEvents.Shipped;
import dev.cim.persistence.testsupport.Ids;
import dev.cim.persistence.testsupport.NatsIntegrationTest;
import dev.cim.persistence.testsupport.NatsTestServer;
import dev.cim.persistence.testsupport.ProvisionedStore;
import io.nats.client.Connection;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Routed handlers against a real nats-server: events reach the matching handlers only, in
 * order per aggregate; failing events are parked, retried and dropped; several instances
 * handle each event once per group.
 */
@NatsIntegrationTest
class EventRouteRunnerIntegrationTests {

	private static final Duration WAIT = Duration.ofSeconds(60);

	private final List<EventRouteRunner> runners = new ArrayList<>();

	private final List<Connection> connections = new ArrayList<>();

	@AfterEach
	void stop() throws Exception {
		for (EventRouteRunner runner : this.runners) {
			runner.stop();
		}
		for (Connection connection : this.connections) {
			connection.close();
		}
	}

	@Test
	void eventsReachTheMatchingHandlersOnlyInOrderPerAggregate(ProvisionedStore store) {
		String events = store.config().subjectPrefix() + ".events";
		Deliveries deliveries = new Deliveries();
		String a = Ids.nextShort("a");
		String b = Ids.nextShort("b");
		List<EventRouteHandler> handlers = List.of(
				handler("placed", "sales", events + ".sales.Order.*.OrderPlaced.*", 0, Placed.class, deliveries),
				handler("anyPlaced", "sales", events + ".*.*.*.OrderPlaced.>", 5, Placed.class, deliveries),
				handler("shippedOfA", "sales", events + ".sales.Order." + a + ".OrderShipped.*", 0, Shipped.class,
						deliveries),
				handler("audited", "audit", events + ".sales.Order.*.OrderAudited.*", 0, Audited.class, deliveries));
		runner(store, store.connection(), handlers, new AtomicInteger()).start();
		Orders orders = new Orders(store.eventStore());
		for (int round = 0; round < 3; round++) {
			for (String id : List.of(a, b)) {
				orders.append(id, new Placed("c" + round), new Shipped("dhl"));
			}
		}
		orders.append(a, new Audited("x"));
		Awaitility.await().atMost(WAIT).until(() -> deliveries.size() >= 6 + 6 + 3 + 1);
		assertThat(deliveries.of("placed")).hasSize(6)
			.allSatisfy((delivery) -> assertThat(delivery.event()).isInstanceOf(Placed.class));
		assertThat(deliveries.of("anyPlaced")).hasSize(6);
		assertThat(deliveries.of("shippedOfA")).hasSize(3)
			.allSatisfy((delivery) -> assertThat(delivery.context().aggregateId()).isEqualTo(a));
		assertThat(deliveries.of("audited")).hasSize(1);
		for (String handler : List.of("placed", "anyPlaced", "shippedOfA")) {
			deliveries.versionsByAggregate(handler)
				.values()
				.forEach((versions) -> assertThat(versions).isSortedAccordingTo(Long::compare).doesNotHaveDuplicates());
		}
		// Within the group, the higher priority handler gets each event first.
		List<Delivery> sales = deliveries.all()
			.stream()
			.filter((delivery) -> delivery.handler().contains("laced"))
			.toList();
		for (int i = 0; i < sales.size(); i += 2) {
			assertThat(sales.get(i).handler()).isEqualTo("anyPlaced");
			assertThat(sales.get(i + 1).handler()).isEqualTo("placed");
			assertThat(sales.get(i + 1).context().sequence()).isEqualTo(sales.get(i).context().sequence());
		}
		RoutedEvent context = deliveries.of("placed").get(0).context();
		assertThat(context.cid()).startsWith("b");
		assertThat(context.idempotencyKey()).isEqualTo(context.cid());
		assertThat(context.subject())
			.isEqualTo(events + ".sales.Order." + context.aggregateId() + ".OrderPlaced." + context.version());
		assertThat(context.group()).isEqualTo("sales");
	}

	@Test
	void aFailingHandlerParksTheEventAfterItsRetriesAndARetryDeliversIt(ProvisionedStore store) throws Exception {
		String events = store.config().subjectPrefix() + ".events";
		Deliveries deliveries = new Deliveries();
		String broken = Ids.nextShort("broken");
		String fine = Ids.nextShort("fine");
		AtomicBoolean failing = new AtomicBoolean(true);
		AtomicInteger failures = new AtomicInteger();
		EventRouteHandler handler = new EventRouteHandler("placed", "sales", events + ".*.*.*.OrderPlaced.*", 0,
				Placed.class, (event, context) -> {
					if (failing.get() && context.aggregateId().equals(broken)) {
						throw new IllegalStateException("cannot handle " + context.aggregateId());
					}
					deliveries.add("placed", event, context);
				});
		EventRouteRunner runner = runner(store, store.connection(), List.of(handler), failures);
		runner.start();
		Orders orders = new Orders(store.eventStore());
		long parkedSequence = orders.append(broken, new Placed("c"));
		long next = orders.append(fine, new Placed("c"));
		// The group moves on past the parked event.
		Awaitility.await().atMost(WAIT).until(() -> deliveries.size() == 1);
		assertThat(deliveries.all().get(0).context().sequence()).isEqualTo(next);
		List<ParkedEvent> parked = runner.parkedEvents();
		assertThat(parked).singleElement().satisfies((event) -> {
			assertThat(event.group()).isEqualTo("sales");
			assertThat(event.sequence()).isEqualTo(parkedSequence);
			assertThat(event.subject()).isEqualTo(events + ".sales.Order." + broken + ".OrderPlaced.1");
			assertThat(event.attempts()).isEqualTo(2);
			assertThat(event.error()).contains("cannot handle " + broken);
			assertThat(event.handlers()).containsExactly("placed");
			assertThat(event.key()).isEqualTo("sales." + parkedSequence);
		});
		assertThat(runner.parkedCounts()).containsEntry("sales", 1L);
		assertThat(failures).hasValue(2);
		// Still failing: the retry keeps it parked, one attempt more.
		EventRouteRunner.RetryResult again = runner.retry("sales", parkedSequence);
		assertThat(again.succeeded()).isFalse();
		assertThat(again.stillParked()).isNotNull();
		assertThat(runner.parkedEvents("sales")).singleElement()
			.satisfies((event) -> assertThat(event.attempts()).isEqualTo(3));
		failing.set(false);
		assertThat(runner.retry("sales", parkedSequence).succeeded()).isTrue();
		assertThat(deliveries.all()).extracting((delivery) -> delivery.context().aggregateId())
			.containsExactly(fine, broken);
		assertThat(runner.parkedEvents()).isEmpty();
		assertThat(runner.parkedCounts()).containsEntry("sales", 0L);
	}

	@Test
	void dropForgetsAParkedEvent(ProvisionedStore store) throws Exception {
		String events = store.config().subjectPrefix() + ".events";
		EventRouteHandler handler = new EventRouteHandler("placed", "sales", events + ".*.*.*.OrderPlaced.*", 0,
				Placed.class, (event, context) -> {
					throw new IllegalStateException("always");
				});
		EventRouteRunner runner = runner(store, store.connection(), List.of(handler), new AtomicInteger());
		runner.start();
		long sequence = new Orders(store.eventStore()).append(Ids.nextShort("o"), new Placed("c"));
		Awaitility.await().atMost(WAIT).until(() -> !runner.parkedEvents().isEmpty());
		assertThat(runner.drop("sales", sequence)).isTrue();
		assertThat(runner.parkedEvents()).isEmpty();
		assertThat(runner.drop("sales", sequence)).isFalse();
		assertThat(runner.retry("sales", sequence).found()).isFalse();
	}

	@Test
	void twoInstancesHandleEachEventOncePerGroupAndADeadOnesWorkMovesToTheOther(NatsTestServer server,
			ProvisionedStore store) throws Exception {
		String events = store.config().subjectPrefix() + ".events";
		Deliveries first = new Deliveries();
		Deliveries second = new Deliveries();
		Connection firstConnection = connect(server);
		runner(store, firstConnection,
				List.of(handler("placed", "sales", events + ".*.*.*.OrderPlaced.*", 0, Placed.class, first)),
				new AtomicInteger())
			.start();
		runner(store, connect(server),
				List.of(handler("placed", "sales", events + ".*.*.*.OrderPlaced.*", 0, Placed.class, second)),
				new AtomicInteger())
			.start();
		Orders orders = new Orders(store.eventStore());
		Set<Long> written = new HashSet<>();
		for (int i = 0; i < 40; i++) {
			written.add(orders.append(Ids.nextShort("o" + (i % 4)), new Placed("c")));
		}
		Awaitility.await().atMost(WAIT).until(() -> first.size() + second.size() >= written.size());
		List<Long> handled = new ArrayList<>(Deliveries.sequences(first.all()));
		handled.addAll(Deliveries.sequences(second.all()));
		assertThat(handled).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(written);
		// The instance that holds the group dies; the other takes the group over.
		Deliveries survivor = first.size() > 0 ? second : first;
		(first.size() > 0 ? firstConnection : this.connections.get(this.connections.size() - 1)).close();
		Set<Long> later = new HashSet<>();
		for (int i = 0; i < 10; i++) {
			later.add(orders.append(Ids.nextShort("later"), new Placed("c")));
		}
		Awaitility.await().atMost(WAIT).until(() -> Deliveries.sequences(survivor.all()).containsAll(later));
	}

	private EventRouteRunner runner(ProvisionedStore store, Connection connection, List<EventRouteHandler> handlers,
			AtomicInteger failures) {
		EventRouteOptions options = EventRouteOptions.defaults()
			.withNames(store.prefix() + "-parked", "route")
			.withRetries(2, Duration.ofMillis(10), Duration.ofMillis(50))
			.withConsumer(16, Duration.ofSeconds(10), Duration.ofSeconds(1), Duration.ofSeconds(2));
		EventRouteRunner runner = new EventRouteRunner(connection, store.config(), handlers, options,
				new EventRouteObserver() {
					@Override
					public void failed(String group) {
						failures.incrementAndGet();
					}
				});
		this.runners.add(runner);
		return runner;
	}

	private Connection connect(NatsTestServer server) throws Exception {
		Connection connection = server.connect();
		this.connections.add(connection);
		return connection;
	}

	private static EventRouteHandler handler(String name, String group, String pattern, int priority,
			Class<?> eventClass, Deliveries deliveries) {
		return new EventRouteHandler(name, group, pattern, priority, eventClass,
				(event, context) -> deliveries.add(name, event, context));
	}

}
