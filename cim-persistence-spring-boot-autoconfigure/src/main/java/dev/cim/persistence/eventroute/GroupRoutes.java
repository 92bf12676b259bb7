package dev.cim.persistence.eventroute;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.cim.persistence.routing.Route;
import dev.cim.persistence.routing.RoutingStrategy;
import dev.cim.persistence.routing.SubjectPattern;
import dev.cim.persistence.routing.SubjectRouter;

/**
 * The handlers of one group and which of them an event goes to: those whose pattern
 * matches its subject and that take its event type, higher priority first (equal
 * priorities by name). Subjects are matched by a {@link SubjectRouter} with the
 * {@link RoutingStrategy#PRIORITY_BASED} strategy, one route per handler.
 */
final class GroupRoutes {

	private static final String EVENT_TYPE = "eventType";

	private final String group;

	private final List<EventRouteHandler> handlers;

	private final Map<String, EventRouteHandler> byName = new LinkedHashMap<>();

	private final SubjectRouter router = new SubjectRouter(RoutingStrategy.PRIORITY_BASED);

	GroupRoutes(String group, List<EventRouteHandler> handlers) {
		this.group = group;
		this.handlers = handlers.stream()
			.sorted(Comparator.comparingInt(EventRouteHandler::priority)
				.reversed()
				.thenComparing(EventRouteHandler::name))
			.toList();
		List<Route> routes = new ArrayList<>();
		for (EventRouteHandler handler : this.handlers) {
			this.byName.put(handler.name(), handler);
			routes.add(new Route(handler.name(), handler.subjectPattern(), handler.priority(),
					Map.of(EVENT_TYPE, handler.eventType().name())));
		}
		this.router.addAll(routes);
	}

	String group() {
		return this.group;
	}

	List<EventRouteHandler> handlers() {
		return this.handlers;
	}

	/**
	 * The handlers of an event, higher priority first.
	 * @param subject the event's subject
	 * @param eventType the event's type name
	 * @return the handlers, empty when none takes it
	 */
	List<EventRouteHandler> matching(String subject, String eventType) {
		List<Route> routes;
		try {
			routes = this.router.route(subject);
		}
		catch (IllegalArgumentException ex) {
			// Not a subject the store writes: no handler takes it.
			return List.of();
		}
		List<EventRouteHandler> matching = new ArrayList<>(routes.size());
		for (Route route : routes) {
			if (eventType.equals(route.metadata().get(EVENT_TYPE))) {
				matching.add(this.byName.get(route.name()));
			}
		}
		return matching;
	}

	/**
	 * The consumer's filter subjects: the handlers' patterns, or the whole event subject
	 * space when two of them overlap (the server refuses overlapping filters; the
	 * handlers' patterns are matched here anyway).
	 * @param eventSubjects the pattern of every event subject
	 */
	List<String> filterSubjects(String eventSubjects) {
		List<SubjectPattern> patterns = this.handlers.stream()
			.map(EventRouteHandler::subjectPattern)
			.distinct()
			.sorted(Comparator.comparing(SubjectPattern::pattern))
			.toList();
		for (int i = 0; i < patterns.size(); i++) {
			for (int j = i + 1; j < patterns.size(); j++) {
				if (patterns.get(i).intersects(patterns.get(j))) {
					return List.of(eventSubjects);
				}
			}
		}
		return patterns.stream().map(SubjectPattern::pattern).toList();
	}

}
