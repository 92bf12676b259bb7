package dev.cim.persistence.eventroute;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.cim.persistence.eventroute.OrderEvents.Placed;
import dev.cim.persistence.eventroute.OrderEvents.Shipped;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link EventRouteHandler}: discovery of {@link EventRoute @EventRoute}
 * methods and the checks of their signatures and patterns.
 */
class EventRouteHandlerTests {

	@Test
	void methodsAreFoundWithTheirGroupPatternPriorityAndEventType() throws Exception {
		Handlers target = new Handlers();
		List<EventRouteHandler> handlers = EventRouteHandler.of("orders", target);
		assertThat(handlers).extracting(EventRouteHandler::name)
			.containsExactlyInAnyOrder("orders#placed", "orders#shipped");
		EventRouteHandler placed = handlers.stream().filter((h) -> h.name().endsWith("placed")).findFirst().get();
		assertThat(placed.group()).isEqualTo("sales");
		assertThat(placed.priority()).isEqualTo(7);
		assertThat(placed.pattern()).isEqualTo("cim.events.sales.Order.*.OrderPlaced.>");
		assertThat(placed.eventType().name()).isEqualTo("OrderPlaced");
		EventRouteHandler shipped = handlers.stream().filter((h) -> h.name().endsWith("shipped")).findFirst().get();
		assertThat(shipped.group()).isEqualTo("default");
		placed.handle(new Placed("c"), context());
		shipped.handle(new Shipped("dhl"), context());
		assertThat(target.received).containsExactly("placed c 42", "shipped dhl");
	}

	@Test
	void aMethodWithoutTheEventFailsNamingTheBeanAndMethod() {
		assertThatIllegalArgumentException().isThrownBy(() -> EventRouteHandler.of("noEvent", new NoEvent()))
			.withMessageContaining("method handle of bean 'noEvent'")
			.withMessageContaining("must take the event");
	}

	@Test
	void aMethodTakingANonEventClassFailsNamingTheBeanAndMethod() {
		assertThatIllegalArgumentException().isThrownBy(() -> EventRouteHandler.of("strings", new TakesString()))
			.withMessageContaining("method handle of bean 'strings'")
			.withMessageContaining("java.lang.String");
	}

	@Test
	void aSecondParameterOtherThanTheContextFails() {
		assertThatIllegalArgumentException().isThrownBy(() -> EventRouteHandler.of("extra", new ExtraParameter()))
			.withMessageContaining("method handle of bean 'extra'");
	}

	@Test
	void anInvalidPatternFailsNamingTheBeanMethodAndToken() {
		assertThatIllegalArgumentException().isThrownBy(() -> EventRouteHandler.of("bad", new BadPattern()))
			.withMessageContaining("method handle of bean 'bad'")
			.withMessageContaining("cim.events..>")
			.withMessageContaining("token 3");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new EventRouteHandler("h", "g", "cim.>.x", 0, Placed.class, (event, context) -> {
			}))
			.withMessageContaining("token 2");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new EventRouteHandler("h", "a.b", "cim.>", 0, Placed.class, (event, context) -> {
			}))
			.withMessageContaining("group");
	}

	@Test
	void aGroupHandsAnEventToTheHandlersOfItsSubjectAndTypeHigherPriorityFirst() {
		GroupRoutes routes = new GroupRoutes("g",
				List.of(handler("low", "cim.events.*.Order.>", 0, Placed.class),
						handler("high", "cim.events.sales.*.*.OrderPlaced.*", 9, Placed.class),
						handler("items", "cim.events.*.Item.>", 5, Placed.class),
						handler("shipped", "cim.events.>", 7, Shipped.class)));
		assertThat(routes.matching("cim.events.sales.Order.1.OrderPlaced.1", "OrderPlaced"))
			.extracting(EventRouteHandler::name)
			.containsExactly("high", "low");
		assertThat(routes.matching("cim.events.sales.Order.1.OrderShipped.2", "OrderShipped"))
			.extracting(EventRouteHandler::name)
			.containsExactly("shipped");
		assertThat(routes.matching("cim.events.sales.Order.1.OrderPlaced.1", "OrderAudited")).isEmpty();
		assertThat(routes.matching("cim.events", "OrderPlaced")).isEmpty();
		assertThat(routes.filterSubjects("cim.events.>")).containsExactly("cim.events.>");
		assertThat(new GroupRoutes("g",
				List.of(handler("a", "cim.events.*.Order.>", 0, Placed.class),
						handler("b", "cim.events.*.Item.>", 0, Placed.class)))
			.filterSubjects("cim.events.>")).containsExactly("cim.events.*.Item.>", "cim.events.*.Order.>");
	}

	private static EventRouteHandler handler(String name, String pattern, int priority, Class<?> eventClass) {
		return new EventRouteHandler(name, "g", pattern, priority, eventClass, (event, context) -> {
		});
	}

	@Test
	void backoffDoublesUpToTheMaximum() {
		EventRouteOptions options = EventRouteOptions.defaults()
			.withRetries(5, Duration.ofMillis(100), Duration.ofMillis(300));
		assertThat(options.backoff(1)).isEqualTo(Duration.ofMillis(100));
		assertThat(options.backoff(2)).isEqualTo(Duration.ofMillis(200));
		assertThat(options.backoff(3)).isEqualTo(Duration.ofMillis(300));
		assertThat(options.backoff(9)).isEqualTo(Duration.ofMillis(300));
	}

	private static RoutedEvent context() {
		return new RoutedEvent("sales", "cim.events.sales.Order.1.OrderPlaced.42", 42, "sales", "Order", "1", 1,
				"OrderPlaced", "id", null, java.time.Instant.EPOCH, null, null, java.util.Map.of());
	}

	static class Handlers {

		final List<String> received = new ArrayList<>();

		@EventRoute(value = "cim.events.sales.Order.*.OrderPlaced.>", group = "sales", priority = 7)
		void placed(Placed event, RoutedEvent context) {
			this.received.add("placed " + event.customer() + " " + context.sequence());
		}

		@EventRoute("cim.events.*.*.*.OrderShipped.*")
		public void shipped(Shipped event) {
			this.received.add("shipped " + event.carrier());
		}

	}

	static class NoEvent {

		@EventRoute("cim.events.>")
		void handle() {
		}

	}

	static class TakesString {

		@EventRoute("cim.events.>")
		void handle(String event) {
		}

	}

	static class ExtraParameter {

		@EventRoute("cim.events.>")
		void handle(Placed event, String other) {
		}

	}

	static class BadPattern {

		@EventRoute("cim.events..>")
		void handle(Placed event) {
		}

	}

}
