package dev.cim.persistence.routing;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Routes NATS subjects to the {@link Route}s whose patterns match them, with NATS
 * wildcard semantics ({@code *} one token, {@code >} one or more at the end), through a
 * token tree: the cost of {@link #route(String)} grows with the subject's length and the
 * wildcards on its path, not with the number of routes.
 *
 * <p>
 * <strong>Concurrency: copy-on-write.</strong> The routes live in an immutable tree
 * behind a {@code volatile} reference. {@link #route(String)} reads that reference once
 * and walks the tree without any lock, so readers never block, never wait for a writer
 * and never contend with each other, and each call sees one consistent set of routes.
 * Writers ({@link #add(Route)}, {@link #remove(String)}) take a lock among themselves,
 * build a new tree that shares every node off the route's path (only the nodes on the
 * path are copied), and publish it. This fits how a router is used: routes change rarely
 * (when handlers register), subjects are routed for every message. A read-write lock was
 * not chosen because its read lock writes a shared counter on every read, which makes
 * concurrent readers contend for one cache line. To register many routes at once use
 * {@link #addAll(Collection)}, which publishes once.
 *
 * <p>
 * Registration order is the order of {@link #add(Route)} calls; a route removed and added
 * again goes to the end.
 */
public final class SubjectRouter {

	private static final Comparator<Registered> BY_REGISTRATION = Comparator.comparingLong(Registered::sequence);

	private static final Comparator<Registered> BY_PRIORITY = Comparator
		.comparingInt((Registered registered) -> registered.route().priority())
		.reversed()
		.thenComparingLong(Registered::sequence);

	private final RoutingStrategy strategy;

	private volatile SubjectTree<Registered> tree = SubjectTree.empty();

	/** Guards the writers' state below. */
	private final Object lock = new Object();

	private final Map<String, Registered> byName = new LinkedHashMap<>();

	private long nextSequence;

	/**
	 * A router that returns {@link RoutingStrategy#ALL_MATCHES all matches}.
	 */
	public SubjectRouter() {
		this(RoutingStrategy.ALL_MATCHES);
	}

	/**
	 * A router with a strategy.
	 * @param strategy what {@link #route(String)} returns
	 */
	public SubjectRouter(RoutingStrategy strategy) {
		this.strategy = Objects.requireNonNull(strategy, "strategy");
	}

	/**
	 * The strategy of {@link #route(String)}.
	 * @return the strategy
	 */
	public RoutingStrategy strategy() {
		return this.strategy;
	}

	/**
	 * Register a route.
	 * @param route the route
	 * @throws IllegalArgumentException when a route of that name is registered
	 */
	public void add(Route route) {
		addAll(List.of(route));
	}

	/**
	 * Register several routes at once, in their order: either all of them or, when one's
	 * name is taken or repeated, none.
	 * @param routes the routes
	 * @throws IllegalArgumentException when a name is registered or repeated
	 */
	public void addAll(Collection<Route> routes) {
		synchronized (this.lock) {
			Map<String, Route> fresh = new LinkedHashMap<>();
			for (Route route : routes) {
				Objects.requireNonNull(route, "route");
				if (this.byName.containsKey(route.name()) || fresh.putIfAbsent(route.name(), route) != null) {
					throw new IllegalArgumentException("a route named '" + route.name() + "' is already registered");
				}
			}
			SubjectTree<Registered> changed = this.tree;
			for (Route route : fresh.values()) {
				Registered registered = new Registered(route, this.nextSequence++);
				this.byName.put(route.name(), registered);
				changed = changed.with(route.pattern(), registered);
			}
			this.tree = changed;
		}
	}

	/**
	 * Unregister a route.
	 * @param name the route's name
	 * @return whether a route of that name was registered
	 */
	public boolean remove(String name) {
		synchronized (this.lock) {
			Registered registered = this.byName.remove(name);
			if (registered == null) {
				return false;
			}
			this.tree = this.tree.without(registered.route().pattern(), registered);
			return true;
		}
	}

	/**
	 * A registered route by name.
	 * @param name the route's name
	 * @return the route, or empty when none has that name
	 */
	public Optional<Route> find(String name) {
		synchronized (this.lock) {
			return Optional.ofNullable(this.byName.get(name)).map(Registered::route);
		}
	}

	/**
	 * The registered routes.
	 * @return a copy, in registration order
	 */
	public List<Route> routes() {
		synchronized (this.lock) {
			return this.byName.values().stream().map(Registered::route).toList();
		}
	}

	/**
	 * The routes whose patterns match a subject, as the router's strategy selects and
	 * orders them.
	 * @param subject a literal subject, such as
	 * {@code cim.events.sales.Order.o-1.OrderPlaced.1}
	 * @return the matching routes: none, one for {@link RoutingStrategy#FIRST_MATCH}, or
	 * all in the strategy's order; unmodifiable
	 * @throws IllegalArgumentException when the subject is not a valid literal subject
	 */
	public List<Route> route(String subject) {
		return route(subject, this.strategy);
	}

	/**
	 * The routes whose patterns match a subject, as a given strategy selects and orders
	 * them.
	 * @param subject a literal subject
	 * @param strategy the strategy for this call
	 * @return the matching routes; unmodifiable
	 * @throws IllegalArgumentException when the subject is not a valid literal subject
	 */
	public List<Route> route(String subject, RoutingStrategy strategy) {
		String[] tokens = SubjectPattern.tokenize(subject, "subject", false);
		List<Registered> found = new ArrayList<>();
		this.tree.collect(tokens, found);
		int count = found.size();
		if (count == 0) {
			return List.of();
		}
		if (count == 1) {
			return List.of(found.get(0).route());
		}
		if (strategy == RoutingStrategy.FIRST_MATCH) {
			Registered first = found.get(0);
			for (int i = 1; i < count; i++) {
				if (found.get(i).sequence() < first.sequence()) {
					first = found.get(i);
				}
			}
			return List.of(first.route());
		}
		Registered[] sorted = found.toArray(new Registered[0]);
		Arrays.sort(sorted, (strategy == RoutingStrategy.PRIORITY_BASED) ? BY_PRIORITY : BY_REGISTRATION);
		Route[] routes = new Route[count];
		for (int i = 0; i < count; i++) {
			routes[i] = sorted[i].route();
		}
		return Collections.unmodifiableList(Arrays.asList(routes));
	}

	/**
	 * The first registered route whose pattern matches a subject.
	 * @param subject a literal subject
	 * @return the route, or empty when none matches
	 * @throws IllegalArgumentException when the subject is not a valid literal subject
	 */
	public Optional<Route> firstMatch(String subject) {
		List<Route> first = route(subject, RoutingStrategy.FIRST_MATCH);
		return first.isEmpty() ? Optional.empty() : Optional.of(first.get(0));
	}

	/**
	 * How many routes are registered.
	 * @return the count
	 */
	public int size() {
		synchronized (this.lock) {
			return this.byName.size();
		}
	}

	/**
	 * A route with its place in registration order; the tree removes it by identity.
	 */
	private record Registered(Route route, long sequence) {
	}

}
