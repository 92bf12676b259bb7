package dev.cim.persistence.autoconfigure.counter;

import dev.cim.persistence.readmodel.Apply;
import dev.cim.persistence.readmodel.EventContext;
import dev.cim.persistence.readmodel.ReadModel;

/**
 * A read model of the auto-configuration tests: a counter's total.
 *
 * @param id the counter's id
 * @param total the sum of what was added
 * @param applied how many events were applied
 */
@ReadModel(type = "CounterTotal", version = 1)
public record CounterTotal(String id, long total, int applied) {

	@Apply
	static CounterTotal on(Counter.Started event, EventContext context) {
		return new CounterTotal(context.aggregateId(), 0, 1);
	}

	@Apply
	CounterTotal on(Counter.Added event) {
		return new CounterTotal(this.id, this.total + event.amount(), this.applied + 1);
	}

}
