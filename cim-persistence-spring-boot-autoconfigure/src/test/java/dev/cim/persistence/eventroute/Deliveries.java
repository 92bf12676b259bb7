package dev.cim.persistence.eventroute;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What test handlers received, in the order they received it. Thread-safe.
 */
final class Deliveries {

	private final List<Delivery> received = new ArrayList<>();

	synchronized void add(String handler, Object event, RoutedEvent context) {
		this.received.add(new Delivery(handler, event, context));
	}

	synchronized List<Delivery> all() {
		return List.copyOf(this.received);
	}

	synchronized List<Delivery> of(String handler) {
		return this.received.stream().filter((delivery) -> delivery.handler().equals(handler)).toList();
	}

	/** The versions one handler received per aggregate, in the order received. */
	synchronized java.util.Map<String, List<Long>> versionsByAggregate(String handler) {
		return of(handler).stream()
			.collect(Collectors.groupingBy((delivery) -> delivery.context().aggregateId(),
					Collectors.mapping((delivery) -> delivery.context().version(), Collectors.toList())));
	}

	synchronized int size() {
		return this.received.size();
	}

	record Delivery(String handler, Object event, RoutedEvent context) {
	}

	static List<Long> sequences(List<Delivery> deliveries) {
		List<Long> sequences = new ArrayList<>();
		deliveries.forEach((delivery) -> sequences.add(delivery.context().sequence()));
		return sequences;
	}

}
