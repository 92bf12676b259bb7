package dev.cim.persistence.routing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

class SubjectRouterTests {

	private static final String PLACED = "cim.events.sales.Order.o-1.OrderPlaced.1";

	@Test
	void allMatchesReturnsEveryMatchingRouteInRegistrationOrder() {
		SubjectRouter router = new SubjectRouter(RoutingStrategy.ALL_MATCHES);
		router.add(Route.of("everything", ">", 1));
		router.add(Route.of("placed", "cim.events.sales.Order.*.OrderPlaced.*", 5));
		router.add(Route.of("shipping", "cim.events.shipping.>", 9));
		router.add(Route.of("sales", "cim.events.sales.>", 3));
		router.add(Route.of("exact", PLACED, 0));
		assertThat(names(router.route(PLACED))).containsExactly("everything", "placed", "sales", "exact");
	}

	@Test
	void firstMatchReturnsTheFirstRegisteredMatchingRoute() {
		SubjectRouter router = new SubjectRouter(RoutingStrategy.FIRST_MATCH);
		router.add(Route.of("shipping", "cim.events.shipping.>", 9));
		router.add(Route.of("exact", PLACED, 0));
		router.add(Route.of("sales", "cim.events.sales.>", 3));
		assertThat(names(router.route(PLACED))).containsExactly("exact");
		assertThat(router.firstMatch("cim.events.sales.Order.o-2.OrderPlaced.1")).map(Route::name).hasValue("sales");
		assertThat(router.route("cim.events.billing.Invoice.i-1.Sent.1")).isEmpty();
		assertThat(router.firstMatch("cim.events.billing.Invoice.i-1.Sent.1")).isEmpty();
	}

	@Test
	void priorityBasedReturnsHighestPriorityFirstAndTiesInRegistrationOrder() {
		SubjectRouter router = new SubjectRouter(RoutingStrategy.PRIORITY_BASED);
		router.add(Route.of("low", ">", -1));
		router.add(Route.of("tie-1", "cim.events.sales.>", 5));
		router.add(Route.of("high", "cim.events.*.Order.>", 10));
		router.add(Route.of("tie-2", "cim.events.sales.Order.*.*.*", 5));
		router.add(Route.of("zero", PLACED, 0));
		assertThat(names(router.route(PLACED))).containsExactly("high", "tie-1", "tie-2", "zero", "low");
		assertThat(names(router.route(PLACED, RoutingStrategy.ALL_MATCHES))).containsExactly("low", "tie-1", "high",
				"tie-2", "zero");
	}

	@Test
	void defaultStrategyIsAllMatches() {
		assertThat(new SubjectRouter().strategy()).isEqualTo(RoutingStrategy.ALL_MATCHES);
	}

	@Test
	void fullWildcardNeedsAtLeastOneMoreToken() {
		SubjectRouter router = new SubjectRouter();
		router.add(Route.of("rest", "a.>"));
		router.add(Route.of("one", "a.*"));
		assertThat(names(router.route("a"))).isEmpty();
		assertThat(names(router.route("a.b"))).containsExactly("rest", "one");
		assertThat(names(router.route("a.b.c"))).containsExactly("rest");
	}

	@Test
	void duplicateNameIsRefusedAndNothingIsAdded() {
		SubjectRouter router = new SubjectRouter();
		router.add(Route.of("orders", "cim.events.sales.>"));
		assertThatIllegalArgumentException().isThrownBy(() -> router.add(Route.of("orders", "other.>")))
			.withMessage("a route named 'orders' is already registered");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> router.addAll(List.of(Route.of("new", "x"), Route.of("new", "y"))))
			.withMessage("a route named 'new' is already registered");
		assertThat(router.routes()).extracting(Route::name).containsExactly("orders");
		assertThat(router.route("x")).isEmpty();
		assertThat(router.route("other.a")).isEmpty();
	}

	@Test
	void removedRouteNoLongerMatchesAndReAddedRouteGoesLast() {
		SubjectRouter router = new SubjectRouter();
		router.add(Route.of("a", "x.>"));
		router.add(Route.of("b", "x.*"));
		router.add(Route.of("c", "x.y"));
		assertThat(router.remove("a")).isTrue();
		assertThat(router.remove("a")).isFalse();
		assertThat(names(router.route("x.y"))).containsExactly("b", "c");
		router.add(Route.of("a", "x.>"));
		assertThat(names(router.route("x.y"))).containsExactly("b", "c", "a");
		assertThat(router.size()).isEqualTo(3);
		assertThat(router.find("a")).map(Route::pattern).hasValue(SubjectPattern.of("x.>"));
		assertThat(router.find("missing")).isEmpty();
	}

	@Test
	void routesWithTheSamePatternAreKeptApart() {
		SubjectRouter router = new SubjectRouter();
		router.add(Route.of("first", "x.*"));
		router.add(Route.of("second", "x.*"));
		assertThat(names(router.route("x.y"))).containsExactly("first", "second");
		router.remove("first");
		assertThat(names(router.route("x.y"))).containsExactly("second");
	}

	@Test
	void routeKeepsItsMetadata() {
		Route route = Route.of("orders", "cim.events.sales.>", 2).withMetadata("group", "billing");
		SubjectRouter router = new SubjectRouter();
		router.add(route);
		assertThat(router.route(PLACED)).singleElement().satisfies((found) -> {
			assertThat(found.metadata()).containsExactly(Map.entry("group", "billing"));
			assertThat(found.priority()).isEqualTo(2);
		});
	}

	@Test
	void routeRefusesBlankNamesAndInvalidPatterns() {
		assertThatIllegalArgumentException().isThrownBy(() -> Route.of(" ", "a"))
			.withMessage("route name ' ' is blank");
		assertThatIllegalArgumentException().isThrownBy(() -> Route.of("r", "a.>.b"))
			.withMessageContaining("subject pattern 'a.>.b'");
		assertThatNullPointerException()
			.isThrownBy(() -> new Route("r", SubjectPattern.of("a"), 0, java.util.Collections.singletonMap("k", null)));
	}

	@Test
	void routingRefusesSubjectsWithWildcardsOrInvalidTokens() {
		SubjectRouter router = new SubjectRouter();
		router.add(Route.of("all", ">"));
		assertThatIllegalArgumentException().isThrownBy(() -> router.route("a.*"))
			.withMessage("subject 'a.*': token 2 (index 2) is the wildcard '*': a subject must be literal");
		assertThatIllegalArgumentException().isThrownBy(() -> router.route("a..b"))
			.withMessageStartingWith("subject 'a..b': token 2 (index 2) is empty");
		assertThatIllegalArgumentException().isThrownBy(() -> router.route("")).withMessage("subject '' is empty");
	}

	@Test
	void readersSeeAConsistentPrefixOfRoutesWhileRoutesAreAdded() throws Exception {
		SubjectRouter router = new SubjectRouter(RoutingStrategy.ALL_MATCHES);
		int count = 2000;
		AtomicBoolean done = new AtomicBoolean();
		List<String> problems = new CopyOnWriteArrayList<>();
		CountDownLatch started = new CountDownLatch(2);
		List<Thread> readers = new ArrayList<>();
		for (int r = 0; r < 2; r++) {
			Thread reader = new Thread(() -> {
				started.countDown();
				int seen = 0;
				while (!done.get() || seen < count) {
					List<Route> found;
					try {
						found = router.route("cim.events.sales.Order.o-1.OrderPlaced.1");
					}
					catch (RuntimeException ex) {
						problems.add(ex.toString());
						return;
					}
					for (int i = 0; i < found.size(); i++) {
						if (!found.get(i).name().equals("r" + i)) {
							problems.add("position " + i + " held " + found.get(i).name());
							return;
						}
					}
					if (found.size() < seen) {
						problems.add("saw " + found.size() + " routes after " + seen);
						return;
					}
					seen = found.size();
				}
			});
			reader.start();
			readers.add(reader);
		}
		started.await();
		for (int i = 0; i < count; i++) {
			// Alternate patterns that all match the subject, with others that do not.
			String pattern = switch (i % 4) {
				case 0 -> "cim.events.sales.>";
				case 1 -> "cim.events.*.Order.*.OrderPlaced.*";
				case 2 -> "cim.events.sales.Order.o-1.OrderPlaced.1";
				default -> "*.*.*.*.*.*.*";
			};
			router.add(Route.of("r" + i, pattern));
			router.add(Route.of("other" + i, "cim.events.billing." + i + ".>"));
		}
		done.set(true);
		for (Thread reader : readers) {
			reader.join(60_000);
		}
		assertThat(problems).isEmpty();
		assertThat(router.route("cim.events.sales.Order.o-1.OrderPlaced.1")).hasSize(count);
	}

	static List<String> names(List<Route> routes) {
		return routes.stream().map(Route::name).toList();
	}

}
