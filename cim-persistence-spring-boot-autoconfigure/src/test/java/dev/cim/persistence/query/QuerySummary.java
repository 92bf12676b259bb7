package dev.cim.persistence.query;

import dev.cim.persistence.event.DomainEvent;
import dev.cim.persistence.readmodel.Apply;
import dev.cim.persistence.readmodel.EventContext;
import dev.cim.persistence.readmodel.ReadModel;

/**
 * A read model of the query tests, written directly through the read-model store.
 */
@ReadModel(type = "QuerySummary", version = 1)
record QuerySummary(String id, String status, String region, long items) {

	@Apply
	static QuerySummary on(Placed event, EventContext context) {
		return new QuerySummary(context.aggregateId(), "PLACED", event.region(), 0);
	}

	/**
	 * The one event the read model handles.
	 */
	@DomainEvent(type = "QuerySummaryPlaced")
	record Placed(String region) {
	}

}
