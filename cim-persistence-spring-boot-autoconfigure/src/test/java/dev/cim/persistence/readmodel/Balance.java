package dev.cim.persistence.readmodel;

import dev.cim.persistence.readmodel.LedgerEvents.Closed;
import dev.cim.persistence.readmodel.LedgerEvents.Credited;
import dev.cim.persistence.readmodel.LedgerEvents.Debited;
import dev.cim.persistence.readmodel.LedgerEvents.Opened;

/**
 * A read model of the tests: a ledger's balance, with a counter of the events applied and
 * the version of the last one, so a skipped or doubled event shows.
 */
@ReadModel(type = "Balance", version = 1)
record Balance(String id, String owner, long total, int applied, long lastVersion) {

	@Apply
	static Balance on(Opened event, EventContext context) {
		return new Balance(context.aggregateId(), event.owner(), 0, 1, context.version());
	}

	@Apply
	Balance on(Credited event, EventContext context) {
		return new Balance(this.id, this.owner, this.total + event.amount(), this.applied + 1, context.version());
	}

	@Apply
	Balance on(Debited event, EventContext context) {
		return new Balance(this.id, this.owner, this.total - event.amount(), this.applied + 1, context.version());
	}

	@Apply
	Balance on(Closed event) {
		return null;
	}

}
