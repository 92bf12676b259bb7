package dev.cim.persistence.repository;

import java.util.List;

/**
 * What an append stored.
 *
 * @param aggregate the aggregate
 * @param head the aggregate's new head: the last event appended
 * @param events the events appended, in order, with their stream sequences
 */
public record AppendResult(AggregateRef aggregate, EventHead head, List<StoredEvent> events) {

	/**
	 * Copy the list.
	 */
	public AppendResult {
		events = List.copyOf(events);
	}

}
