package dev.cim.persistence.repository.support;

import java.util.List;

import dev.cim.persistence.event.EncodedEvent;
import dev.cim.persistence.repository.AggregateRef;

/**
 * An append whose events are encoded and ready to send: the exact bytes, CIDs and message
 * ids. Sending the same prepared append again (as after a lost acknowledgement) sends the
 * same messages, so the events are stored once.
 *
 * @param aggregate the aggregate
 * @param expected the head the append expects
 * @param events the encoded events, versions {@code expected.version() + 1} onwards
 */
public record PreparedAppend(AggregateRef aggregate, EventHead expected, List<EncodedEvent> events) {

	/**
	 * Copy the list.
	 */
	public PreparedAppend {
		events = List.copyOf(events);
		if (events.isEmpty()) {
			throw new IllegalArgumentException("an append needs at least one event");
		}
	}

	/**
	 * The last event of the append.
	 * @return the last encoded event
	 */
	public EncodedEvent last() {
		return this.events.get(this.events.size() - 1);
	}

}
