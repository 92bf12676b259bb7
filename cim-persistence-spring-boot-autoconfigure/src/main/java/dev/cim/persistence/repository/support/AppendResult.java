package dev.cim.persistence.repository.support;

import java.util.List;
import dev.cim.persistence.repository.AggregateRef;

/**
 * What an append stored.
 *
 * @param aggregate the aggregate
 * @param head the aggregate's new head: the last event appended
 * @param events the events appended, in order, with their stream sequences
 */
public record AppendResult(AggregateRef aggregate, EventHead head, List<RecordedEvent> events) {

	/**
	 * Copy the list.
	 */
	public AppendResult {
		events = List.copyOf(events);
	}

}
