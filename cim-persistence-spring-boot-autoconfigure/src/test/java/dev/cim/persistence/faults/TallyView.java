package dev.cim.persistence.faults;

import dev.cim.persistence.readmodel.Apply;
import dev.cim.persistence.readmodel.EventContext;
import dev.cim.persistence.readmodel.ReadModel;

/**
 * The read model of the fault tests: a tally's event count, sum and last version, so a
 * skipped or doubled event shows.
 */
@ReadModel(type = "TallyView", version = 1)
record TallyView(String id, long count, long sum, long lastVersion) {

	@Apply
	static TallyView on(Tally.Started event, EventContext context) {
		return new TallyView(context.aggregateId(), 1, 0, context.version());
	}

	@Apply
	TallyView on(Tally.Counted event, EventContext context) {
		return new TallyView(this.id, this.count + 1, this.sum + event.amount(), context.version());
	}

}
