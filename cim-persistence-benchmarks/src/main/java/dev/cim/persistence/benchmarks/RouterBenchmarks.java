package dev.cim.persistence.benchmarks;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import dev.cim.persistence.routing.Route;
import dev.cim.persistence.routing.RoutingStrategy;
import dev.cim.persistence.routing.SubjectPattern;
import dev.cim.persistence.routing.SubjectRouter;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Routing event subjects ({@code cim.events.<context>.<Type>.<id>.<EventType>.<version>})
 * through a {@link SubjectRouter} of {@value #ROUTES} generated routes, against a linear
 * scan of the same routes in registration order that compares each pattern token by token
 * (the raw baseline). Both return the same routes in the same order. No server is
 * involved: scores are subjects routed per second on one thread.
 *
 * <p>
 * The routes mix what handlers subscribe to: whole contexts, whole aggregate types, one
 * event type of a type ({@code cim.events.sales.Order.*.OrderPlaced.*}), one event type
 * across contexts, single aggregates ({@code cim.events.sales.Order.o-17.>}) and exact
 * subjects. The subjects are drawn from the same contexts and types (and a few unknown
 * ones), so most match several routes and some match none.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
public class RouterBenchmarks {

	/** How many routes are registered. */
	public static final int ROUTES = 10_000;

	private static final String[] CONTEXTS = { "sales", "billing", "shipping", "inventory", "hr", "crm", "payments",
			"catalog", "support", "audit" };

	private static final String[] TYPES = { "Order", "Invoice", "Customer", "Shipment", "Product" };

	private static final String[] EVENT_TYPES = { "Created", "Updated", "Placed", "Cancelled", "Shipped", "Paid",
			"Closed", "Renamed" };

	private static final int SUBJECTS = 4096;

	private static final Comparator<Route> BY_PRIORITY = Comparator.comparingInt(Route::priority).reversed();

	private SubjectRouter priorityRouter;

	private SubjectRouter firstMatchRouter;

	private List<Route> routes;

	private String[][] routeTokens;

	private String[] subjects;

	private int next;

	/**
	 * Generate the routes and subjects (the same for every run) and register the routes.
	 */
	@Setup(Level.Trial)
	public void prepare() {
		Random random = new Random(11);
		this.routes = new ArrayList<>(ROUTES);
		for (int i = 0; i < ROUTES; i++) {
			this.routes.add(Route.of("route-" + i, pattern(random), random.nextInt(10)));
		}
		this.routeTokens = new String[ROUTES][];
		for (int i = 0; i < ROUTES; i++) {
			this.routeTokens[i] = this.routes.get(i).pattern().tokens().toArray(new String[0]);
		}
		this.priorityRouter = new SubjectRouter(RoutingStrategy.PRIORITY_BASED);
		this.priorityRouter.addAll(this.routes);
		this.firstMatchRouter = new SubjectRouter(RoutingStrategy.FIRST_MATCH);
		this.firstMatchRouter.addAll(this.routes);
		this.subjects = new String[SUBJECTS];
		for (int i = 0; i < SUBJECTS; i++) {
			String context = (random.nextInt(20) == 0) ? "unknown" : pick(random, CONTEXTS);
			this.subjects[i] = "cim.events." + context + "." + pick(random, TYPES) + ".o-" + random.nextInt(2000) + "."
					+ pick(random, EVENT_TYPES) + "." + (1 + random.nextInt(20));
		}
	}

	private static String pattern(Random random) {
		String context = pick(random, CONTEXTS);
		String type = pick(random, TYPES);
		String eventType = pick(random, EVENT_TYPES);
		String id = "o-" + random.nextInt(1000);
		int kind = random.nextInt(1000);
		if (kind < 5) {
			return "cim.events." + context + ".>";
		}
		if (kind < 25) {
			return "cim.events." + context + "." + type + ".>";
		}
		if (kind < 225) {
			return "cim.events." + context + "." + type + ".*." + eventType + ".*";
		}
		if (kind < 275) {
			return "cim.events.*." + type + ".*." + eventType + ".>";
		}
		if (kind < 775) {
			return "cim.events." + context + "." + type + "." + id + ".>";
		}
		if (kind < 950) {
			return "cim.events." + context + "." + type + "." + id + "." + eventType + ".*";
		}
		return "cim.events." + context + "." + type + "." + id + "." + eventType + "." + (1 + random.nextInt(20));
	}

	private static String pick(Random random, String[] values) {
		return values[random.nextInt(values.length)];
	}

	private String nextSubject() {
		this.next = (this.next + 1) & (SUBJECTS - 1);
		return this.subjects[this.next];
	}

	/**
	 * Route a subject to every matching route, highest priority first.
	 * @return the routes
	 */
	@Benchmark
	public List<Route> priorityBased() {
		return this.priorityRouter.route(nextSubject());
	}

	/**
	 * Scan every route for those matching a subject, then order them by priority.
	 * @return the routes
	 */
	@Benchmark
	public List<Route> priorityBasedRaw() {
		String[] subject = tokens(nextSubject());
		List<Route> matches = new ArrayList<>();
		for (int i = 0; i < ROUTES; i++) {
			if (matches(this.routeTokens[i], subject)) {
				matches.add(this.routes.get(i));
			}
		}
		// List.sort is stable: routes of equal priority stay in registration order.
		matches.sort(BY_PRIORITY);
		return matches;
	}

	/**
	 * Route a subject to the first registered matching route.
	 * @return the route, or none
	 */
	@Benchmark
	public List<Route> firstMatch() {
		return this.firstMatchRouter.route(nextSubject());
	}

	/**
	 * Scan the routes in registration order up to the first that matches a subject.
	 * @return the route, or none
	 */
	@Benchmark
	public List<Route> firstMatchRaw() {
		String[] subject = tokens(nextSubject());
		for (int i = 0; i < ROUTES; i++) {
			if (matches(this.routeTokens[i], subject)) {
				return List.of(this.routes.get(i));
			}
		}
		return List.of();
	}

	/** The subject checked and split once, as the router does. */
	private static String[] tokens(String subject) {
		return SubjectPattern.literal(subject).tokens().toArray(new String[0]);
	}

	/** NATS matching of one pattern, token by token. */
	private static boolean matches(String[] pattern, String[] subject) {
		for (int i = 0; i < pattern.length; i++) {
			String token = pattern[i];
			if (token.equals(">")) {
				return subject.length > i;
			}
			if (i == subject.length || (!token.equals("*") && !token.equals(subject[i]))) {
				return false;
			}
		}
		return subject.length == pattern.length;
	}

}
