package dev.cim.persistence.eventroute;

import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;

import dev.cim.persistence.event.EventBlockCodec;
import dev.cim.persistence.nats.NatsExceptionTranslator;
import dev.cim.persistence.nats.NatsRepositoryConfig;
import dev.cim.persistence.routing.SubjectPattern;
import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.api.MessageInfo;
import org.jspecify.annotations.Nullable;

/**
 * Runs routed event handlers: one durable consumer per group on the event stream,
 * filtered to the group's patterns and shared by every instance of the application
 * through a pinned-client priority group, so that each event is handled once per group,
 * in stream order (hence in order per aggregate), at least once. An event whose handlers
 * keep failing is parked in the dead-letter bucket after its retries and the group moves
 * on; a parked event can be {@linkplain #retry retried} or {@linkplain #drop dropped}.
 *
 * <p>
 * A parked event does not hold back later events, of its aggregate or others: whoever
 * retries it later hands it to the handlers after them. Thread-safe.
 */
public class EventRouteRunner implements AutoCloseable {

	private final Connection connection;

	private final NatsRepositoryConfig config;

	private final EventRouteOptions options;

	private final EventRouteObserver observer;

	private final Supplier<? extends Collection<EventRouteHandler>> handlerSource;

	private @Nullable Map<String, GroupRoutes> routes;

	private final HandlerDispatcher dispatcher;

	private final Map<String, RouteGroup> groups = new LinkedHashMap<>();

	private final Clock clock = Clock.systemUTC();

	private @Nullable ParkedEventStore parked;

	/**
	 * Create a runner. The event stream must exist; the parked bucket is created when
	 * missing.
	 * @param connection the connection
	 * @param config the layout
	 * @param handlers the handlers
	 * @param options how to consume, retry and park
	 * @param observer receives what the handlers do
	 * @throws IllegalArgumentException when two handlers of a group share a name, or a
	 * pattern cannot match any event subject or the handler's event type
	 */
	public EventRouteRunner(Connection connection, NatsRepositoryConfig config, Collection<EventRouteHandler> handlers,
			EventRouteOptions options, EventRouteObserver observer) {
		this(connection, config, () -> handlers, options, observer);
		routes();
	}

	/**
	 * Create a runner whose handlers are found when it is first used (started, asked for
	 * its groups or parked events), for containers that discover handlers while they
	 * create the objects that declare them.
	 * @param connection the connection
	 * @param config the layout
	 * @param handlers supplies the handlers, once
	 * @param options how to consume, retry and park
	 * @param observer receives what the handlers do
	 */
	public EventRouteRunner(Connection connection, NatsRepositoryConfig config,
			Supplier<? extends Collection<EventRouteHandler>> handlers, EventRouteOptions options,
			EventRouteObserver observer) {
		this.connection = connection;
		this.config = config;
		this.options = options;
		this.observer = observer;
		this.handlerSource = handlers;
		this.dispatcher = new HandlerDispatcher(new EventBlockCodec(config.enableIpld()), options, observer);
	}

	/**
	 * The groups' routes, found on first use.
	 * @throws IllegalArgumentException when two handlers of a group share a name, or a
	 * pattern cannot match any event subject or the handler's event type
	 */
	private synchronized Map<String, GroupRoutes> routes() {
		Map<String, GroupRoutes> routes = this.routes;
		if (routes != null) {
			return routes;
		}
		Map<String, List<EventRouteHandler>> byGroup = new TreeMap<>();
		for (EventRouteHandler handler : this.handlerSource.get()) {
			check(handler);
			List<EventRouteHandler> group = byGroup.computeIfAbsent(handler.group(), (name) -> new ArrayList<>());
			if (group.stream().anyMatch((other) -> other.name().equals(handler.name()))) {
				throw new IllegalArgumentException(
						"two event route handlers of group '" + handler.group() + "' are named " + handler.name());
			}
			group.add(handler);
		}
		Map<String, GroupRoutes> found = new TreeMap<>();
		byGroup.forEach((group, list) -> found.put(group, new GroupRoutes(group, list)));
		this.routes = found;
		return found;
	}

	private void check(EventRouteHandler handler) {
		String events = this.config.subjectPrefix() + ".events.*.*.*." + handler.eventType().name() + ".*";
		if (!handler.subjectPattern().intersects(SubjectPattern.of(events))) {
			throw new IllegalArgumentException("pattern '" + handler.pattern() + "' of event route handler "
					+ handler.name() + " matches no subject of its events " + events);
		}
	}

	/**
	 * Start every group. Does nothing when already started.
	 * @throws org.springframework.dao.DataAccessException when a consumer or the parked
	 * bucket cannot be created
	 */
	public synchronized void start() {
		if (!this.groups.isEmpty() || routes().isEmpty()) {
			return;
		}
		ParkedEventStore store = parked();
		for (GroupRoutes group : routes().values()) {
			RouteGroup running = new RouteGroup(group, this.connection, this.config, this.options, this.dispatcher,
					store, this.observer);
			running.start();
			this.groups.put(group.group(), running);
		}
	}

	/**
	 * Stop every group after it has handled and acknowledged the events in hand, waiting
	 * for each at most the configured stop timeout.
	 * @return whether every group stopped in time
	 */
	public synchronized boolean stop() {
		boolean stopped = true;
		for (RouteGroup group : this.groups.values()) {
			stopped &= group.stop();
		}
		this.groups.clear();
		return stopped;
	}

	/**
	 * Stop every group (see {@link #stop()}).
	 */
	@Override
	public void close() {
		stop();
	}

	/**
	 * Whether the groups are started.
	 * @return {@code true} between {@link #start()} and {@link #stop()}
	 */
	public synchronized boolean isRunning() {
		return !this.groups.isEmpty();
	}

	/**
	 * The handler groups.
	 * @return their names, sorted
	 */
	public Set<String> groups() {
		return routes().keySet();
	}

	/**
	 * The handlers of every group, higher priority first.
	 * @return the handlers by group
	 */
	public Map<String, List<EventRouteHandler>> handlers() {
		Map<String, List<EventRouteHandler>> handlers = new TreeMap<>();
		routes().forEach((group, routes) -> handlers.put(group, routes.handlers()));
		return handlers;
	}

	/**
	 * The durable consumer of a group.
	 * @param group the group
	 * @return the consumer's name
	 */
	public String consumerName(String group) {
		return this.options.consumerPrefix() + "-" + group;
	}

	/**
	 * The parked events of every group, by group and sequence.
	 * @return the parked events
	 * @throws org.springframework.dao.DataAccessException when the bucket cannot be read
	 */
	public List<ParkedEvent> parkedEvents() {
		return parked().list("*");
	}

	/**
	 * The parked events of one group, by sequence.
	 * @param group the group
	 * @return the parked events
	 * @throws org.springframework.dao.DataAccessException when the bucket cannot be read
	 */
	public List<ParkedEvent> parkedEvents(String group) {
		return parked().list(group);
	}

	/**
	 * How many events are parked per group; every group of this runner is present.
	 * @return the counts by group
	 * @throws org.springframework.dao.DataAccessException when the bucket cannot be read
	 */
	public Map<String, Long> parkedCounts() {
		Map<String, Long> counts = new TreeMap<>();
		if (routes().isEmpty()) {
			return counts;
		}
		routes().keySet().forEach((group) -> counts.put(group, 0L));
		parkedEvents().forEach((event) -> counts.merge(event.group(), 1L, Long::sum));
		return counts;
	}

	/**
	 * Hand a parked event again to the group's handlers that failed on it, once each, on
	 * the calling thread (while the group may be handling newer events). When they all
	 * succeed the event is no longer parked; otherwise its record is updated.
	 * @param group the group
	 * @param sequence the event's stream sequence
	 * @return the event as it is parked now (empty when the retry succeeded), or empty
	 * when it was not parked
	 * @throws IllegalArgumentException when this runner has no such group
	 * @throws org.springframework.dao.DataAccessException when the store cannot be read
	 * @throws InterruptedException when interrupted
	 */
	public RetryResult retry(String group, long sequence) throws InterruptedException {
		GroupRoutes routes = routes().get(group);
		if (routes == null) {
			throw new IllegalArgumentException("no event route handler group '" + group + "' runs here");
		}
		ParkedEventStore store = parked();
		Optional<ParkedEvent> found = store.find(group, sequence);
		if (found.isEmpty()) {
			return new RetryResult(false, null);
		}
		ParkedEvent parkedEvent = found.get();
		MessageInfo stored;
		try {
			stored = this.connection.jetStreamManagement().getMessage(this.config.eventStreamName(), sequence);
		}
		catch (IOException | JetStreamApiException | IllegalStateException ex) {
			throw NatsExceptionTranslator.translate("reading event " + sequence + " to retry it", ex);
		}
		HandlerDispatcher.Outcome outcome = this.dispatcher.dispatch(routes, stored.getSubject(), sequence,
				stored.getData(), parkedEvent.handlers(), 1, () -> {
				});
		if (outcome.handled()) {
			store.delete(group, sequence);
			return new RetryResult(true, null);
		}
		ParkedEvent again = new ParkedEvent(group, sequence, parkedEvent.subject(), outcome.error(),
				parkedEvent.attempts() + outcome.attempts(), outcome.failed(), this.clock.instant());
		store.put(again);
		return new RetryResult(true, again);
	}

	/**
	 * Forget a parked event: it will not be handled.
	 * @param group the group
	 * @param sequence the event's stream sequence
	 * @return whether it was parked
	 * @throws org.springframework.dao.DataAccessException when the bucket cannot be
	 * written
	 */
	public boolean drop(String group, long sequence) {
		return parked().delete(group, sequence);
	}

	private synchronized ParkedEventStore parked() {
		if (this.parked == null) {
			this.parked = new ParkedEventStore(this.connection, this.options.parkedBucket(), this.config.replicas());
		}
		return this.parked;
	}

	/**
	 * What a {@link EventRouteRunner#retry retry} did.
	 *
	 * @param found whether the event was parked
	 * @param stillParked the event as parked after a failed retry, {@code null} when the
	 * retry succeeded or the event was not parked
	 */
	public record RetryResult(boolean found, @Nullable ParkedEvent stillParked) {

		/**
		 * Whether the retry delivered the event to its handlers.
		 * @return whether the event was parked and is no longer
		 */
		public boolean succeeded() {
			return this.found && this.stillParked == null;
		}

	}

}
