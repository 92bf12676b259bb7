package dev.cim.persistence.eventroute;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;

/**
 * The handlers of one group and which of them an event goes to: those whose pattern
 * matches its subject and that take its event type, higher priority first. The one place
 * where subjects are matched against the handlers' patterns.
 */
final class GroupRoutes {

	private final String group;

	private final List<EventRouteHandler> handlers;

	GroupRoutes(String group, List<EventRouteHandler> handlers) {
		this.group = group;
		this.handlers = handlers.stream()
			.sorted(Comparator.comparingInt(EventRouteHandler::priority)
				.reversed()
				.thenComparing(EventRouteHandler::name))
			.toList();
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
		List<EventRouteHandler> matching = new ArrayList<>();
		for (EventRouteHandler handler : this.handlers) {
			if (handler.eventType().name().equals(eventType) && SubjectPatterns.intersect(handler.pattern(), subject)) {
				matching.add(handler);
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
		List<String> patterns = new ArrayList<>(
				new TreeSet<>(this.handlers.stream().map(EventRouteHandler::pattern).toList()));
		for (int i = 0; i < patterns.size(); i++) {
			for (int j = i + 1; j < patterns.size(); j++) {
				if (SubjectPatterns.intersect(patterns.get(i), patterns.get(j))) {
					return List.of(eventSubjects);
				}
			}
		}
		return patterns;
	}

}
