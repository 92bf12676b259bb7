package dev.cim.persistence.eventroute;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cim.persistence.event.EventTypeRegistry;
import dev.cim.persistence.event.StoreObjectMappers;
import dev.cim.persistence.repository.AggregateRef;
import dev.cim.persistence.repository.support.AppendResult;
import dev.cim.persistence.repository.support.EventHead;
import dev.cim.persistence.repository.support.EventStore;
import dev.cim.persistence.repository.support.NewEvent;

/**
 * Appends order events ({@code sales.Order}) with the event store.
 */
final class Orders {

	private static final ObjectMapper JSON = StoreObjectMappers.forEvents();

	private final EventStore store;

	private final Map<String, EventHead> heads = new HashMap<>();

	Orders(EventStore store) {
		this.store = store;
	}

	/**
	 * Append events to an order.
	 * @return the stream sequence of the last one
	 */
	synchronized long append(String id, Object... events) {
		List<NewEvent> encoded = List.of(events)
			.stream()
			.map((event) -> NewEvent.of(EventTypeRegistry.describe(event.getClass()).name(), JSON.valueToTree(event)))
			.toList();
		AppendResult result = this.store.append(AggregateRef.of("sales", "Order", id),
				this.heads.getOrDefault(id, EventHead.NONE), encoded);
		this.heads.put(id, result.head());
		return result.head().sequence();
	}

}
