package dev.cim.persistence.autoconfigure.routes;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.cim.persistence.autoconfigure.CimPersistenceAutoConfiguration;
import dev.cim.persistence.autoconfigure.CimPersistenceEventRoutesAutoConfiguration;
import dev.cim.persistence.autoconfigure.endpoint.CimPersistenceEndpointAutoConfiguration;
import dev.cim.persistence.autoconfigure.endpoint.ParkedEventsEndpoint;
import dev.cim.persistence.autoconfigure.health.CimPersistenceHealthContributorAutoConfiguration;
import dev.cim.persistence.autoconfigure.metrics.CimPersistenceMetricsAutoConfiguration;
import dev.cim.persistence.autoconfigure.metrics.MicrometerEventRouteObserver;
import dev.cim.persistence.event.DomainEvent;
import dev.cim.persistence.eventroute.EventRoute;
import dev.cim.persistence.eventroute.EventRouteRunner;
import dev.cim.persistence.eventroute.ParkedEvent;
import dev.cim.persistence.eventroute.RoutedEvent;
import dev.cim.persistence.repository.AggregateRef;
import dev.cim.persistence.repository.support.EventHead;
import dev.cim.persistence.repository.support.EventStore;
import dev.cim.persistence.repository.support.NewEvent;
import dev.cim.persistence.testsupport.Ids;
import dev.cim.persistence.testsupport.NatsIntegrationTest;
import dev.cim.persistence.testsupport.NatsTestServer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link CimPersistenceEventRoutesAutoConfiguration} with the health, metrics
 * and endpoint that report routed handlers, against a real nats-server.
 */
@NatsIntegrationTest
class CimPersistenceEventRoutesAutoConfigurationTests {

	private static final Duration WAIT = Duration.ofSeconds(60);

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(CimPersistenceAutoConfiguration.class,
				CimPersistenceEventRoutesAutoConfiguration.class,
				CimPersistenceHealthContributorAutoConfiguration.class, CimPersistenceMetricsAutoConfiguration.class,
				CimPersistenceEndpointAutoConfiguration.class));

	@Test
	void eventRouteMethodsReceiveTheirEventsAndParkingIsReportedRetriedAndDropped(NatsTestServer server) {
		this.contextRunner.withUserConfiguration(HandlersConfiguration.class)
			.withPropertyValues(properties(server, Ids.nextShort("p")))
			.run((context) -> {
				assertThat(context).hasNotFailed();
				OrderHandlers handlers = context.getBean(OrderHandlers.class);
				EventStore events = context.getBean(EventStore.class);
				append(events, "good", "OrderPlaced", "alice");
				long bad = append(events, "bad", "OrderPlaced", "mallory");
				long shipped = append(events, "good", "OrderShipped", "dhl");
				await().atMost(WAIT).until(() -> handlers.placed().size() == 1 && handlers.shipped().size() == 1);
				assertThat(handlers.placed()).singleElement().satisfies((received) -> {
					assertThat(received).startsWith("alice ");
					assertThat(received).endsWith(" 1");
				});
				assertThat(handlers.shipped()).containsExactly("dhl " + shipped);
				EventRouteRunner runner = context.getBean(EventRouteRunner.class);
				await().atMost(WAIT).until(() -> runner.parkedEvents().size() == 1);
				assertThat(runner.groups()).containsExactly("notify", "sales");
				// Health stays up and reports the parked event of its group.
				Health health = context.getBean("cimRoutesHealthIndicator", HealthIndicator.class).health();
				assertThat(health.getStatus()).isEqualTo(Status.UP);
				assertThat(health.getDetails()).containsEntry("parked", 1L);
				assertThat(health.getDetails().get("groups"))
					.asInstanceOf(InstanceOfAssertFactories.map(String.class, Object.class))
					.extractingByKey("sales")
					.asInstanceOf(InstanceOfAssertFactories.map(String.class, Object.class))
					.containsEntry("parked", 1L);
				MeterRegistry meters = context.getBean(MeterRegistry.class);
				assertThat(meters.get(MicrometerEventRouteObserver.PARKED).tag("group", "sales").counter().count())
					.isEqualTo(1);
				assertThat(meters.get(MicrometerEventRouteObserver.FAILED).tag("group", "sales").counter().count())
					.isEqualTo(2);
				assertThat(meters.get(MicrometerEventRouteObserver.HANDLED).tag("group", "notify").counter().count())
					.isEqualTo(1);
				ParkedEventsEndpoint endpoint = context.getBean(ParkedEventsEndpoint.class);
				assertThat(endpoint.parkedOf("sales")).extracting(ParkedEvent::sequence).containsExactly(bad);
				assertThat(endpoint.parked()).containsEntry("groups", Map.of("notify", 0L, "sales", 1L));
				assertThat(endpoint.retry("sales", bad)).containsEntry("found", true)
					.containsEntry("delivered", false)
					.containsKey("parked");
				handlers.fixed.set(true);
				assertThat(endpoint.retry("sales", bad)).containsEntry("delivered", true);
				assertThat(handlers.placed()).hasSize(2).last().asString().startsWith("mallory ");
				assertThat(endpoint.parkedOf("sales")).isEmpty();
				assertThat(endpoint.drop("sales", bad)).containsEntry("dropped", false);
			});
	}

	@Test
	void aDroppedEventIsNoLongerParked(NatsTestServer server) {
		this.contextRunner.withUserConfiguration(HandlersConfiguration.class)
			.withPropertyValues(properties(server, Ids.nextShort("d")))
			.run((context) -> {
				long bad = append(context.getBean(EventStore.class), "bad", "OrderPlaced", "mallory");
				ParkedEventsEndpoint endpoint = context.getBean(ParkedEventsEndpoint.class);
				await().atMost(WAIT).until(() -> !endpoint.parkedOf("sales").isEmpty());
				assertThat(endpoint.drop("sales", bad)).containsEntry("dropped", true);
				assertThat(endpoint.parkedOf("sales")).isEmpty();
				assertThat(context.getBean(OrderHandlers.class).placed()).isEmpty();
			});
	}

	@Test
	void twoApplicationsHandleEachEventOncePerGroup(NatsTestServer server) {
		String[] properties = properties(server, Ids.nextShort("two"));
		this.contextRunner.withUserConfiguration(HandlersConfiguration.class)
			.withPropertyValues(properties)
			.run((first) -> this.contextRunner.withUserConfiguration(HandlersConfiguration.class)
				.withPropertyValues(properties)
				.run((second) -> {
					EventStore events = first.getBean(EventStore.class);
					List<Long> written = new ArrayList<>();
					for (int i = 0; i < 20; i++) {
						written.add(append(events, "good", "OrderPlaced", "c" + i));
					}
					OrderHandlers one = first.getBean(OrderHandlers.class);
					OrderHandlers two = second.getBean(OrderHandlers.class);
					await().atMost(WAIT).until(() -> one.placed().size() + two.placed().size() >= written.size());
					List<String> all = new ArrayList<>(one.placed());
					all.addAll(two.placed());
					assertThat(all).hasSize(written.size()).doesNotHaveDuplicates();
				}));
	}

	@Test
	void aMethodWithAWrongSignatureFailsStartUpNamingTheBeanAndMethod(NatsTestServer server) {
		this.contextRunner.withUserConfiguration(WrongConfiguration.class)
			.withPropertyValues(properties(server, Ids.nextShort("w")))
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("method onPlaced of bean 'wrongHandlers'")
				.hasMessageContaining("must take a @DomainEvent class first"));
	}

	@Test
	void routesCanBeSwitchedOff(NatsTestServer server) {
		this.contextRunner.withUserConfiguration(HandlersConfiguration.class)
			.withPropertyValues(properties(server, Ids.nextShort("off")))
			.withPropertyValues("cim.persistence.routes.enabled=false")
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(EventRouteRunner.class)
				.doesNotHaveBean(ParkedEventsEndpoint.class)
				.doesNotHaveBean("cimRoutesHealthIndicator"));
	}

	private static String[] properties(NatsTestServer server, String prefix) {
		String upper = prefix.toUpperCase().replace('-', '_');
		return new String[] { "cim.persistence.nats.url=" + server.url(), "cim.persistence.subject-prefix=" + prefix,
				"cim.persistence.event-stream-name=" + upper + "_EVENTS",
				"cim.persistence.aggregate-stream-name=" + upper + "_AGGREGATES",
				"cim.persistence.read-model-bucket=" + prefix + "_readmodels",
				"cim.persistence.snapshot-bucket=" + prefix + "_snapshots",
				"cim.persistence.projections.status-bucket=" + prefix + "_projections",
				"cim.persistence.routes.parked-bucket=" + prefix + "_parked", "cim.persistence.routes.attempts=2",
				"cim.persistence.routes.initial-backoff=10ms", "cim.persistence.routes.pinned-ttl=2s" };
	}

	private static long append(EventStore events, String id, String type, String value) {
		AggregateRef order = AggregateRef.of("sales", "Order", id + "-" + value);
		return events
			.append(order, EventHead.NONE,
					List.of(NewEvent
						.of(type,
								JsonNodeFactory.instance.objectNode()
									.put(type.equals("OrderPlaced") ? "customer" : "carrier", value))))
			.head()
			.sequence();
	}

	@DomainEvent(type = "OrderPlaced")
	record OrderPlaced(String customer) {
	}

	@DomainEvent(type = "OrderShipped")
	record OrderShipped(String carrier) {
	}

	static class OrderHandlers {

		final AtomicBoolean fixed = new AtomicBoolean();

		private final List<String> placed = Collections.synchronizedList(new ArrayList<>());

		private final List<String> shipped = Collections.synchronizedList(new ArrayList<>());

		@EventRoute(value = "*.events.sales.Order.*.OrderPlaced.*", group = "sales")
		void onPlaced(OrderPlaced event, RoutedEvent context) {
			if (event.customer().equals("mallory") && !this.fixed.get()) {
				throw new IllegalStateException("no notifications for mallory");
			}
			this.placed.add(event.customer() + " " + context.idempotencyKey() + " " + context.version());
		}

		@EventRoute(value = "*.events.sales.Order.*.OrderShipped.>", group = "notify")
		void onShipped(OrderShipped event, RoutedEvent context) {
			this.shipped.add(event.carrier() + " " + context.sequence());
		}

		List<String> placed() {
			synchronized (this.placed) {
				return List.copyOf(this.placed);
			}
		}

		List<String> shipped() {
			synchronized (this.shipped) {
				return List.copyOf(this.shipped);
			}
		}

	}

	static class WrongHandlers {

		@EventRoute("*.events.>")
		void onPlaced(String event) {
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class HandlersConfiguration {

		@Bean
		OrderHandlers orderHandlers() {
			return new OrderHandlers();
		}

		@Bean
		SimpleMeterRegistry meterRegistry() {
			return new SimpleMeterRegistry();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class WrongConfiguration {

		@Bean
		WrongHandlers wrongHandlers() {
			return new WrongHandlers();
		}

	}

}
