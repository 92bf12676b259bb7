package dev.cim.persistence.benchmarks;

import dev.cim.persistence.readmodel.Apply;
import dev.cim.persistence.readmodel.EventContext;
import dev.cim.persistence.readmodel.ReadModel;

/**
 * The read model of the projection benchmark: a ledger's total and number of credits.
 *
 * @param id the ledger's id
 * @param total the sum of its credits
 * @param entries how many credits it had
 */
@ReadModel(type = "LedgerTotal", version = 1)
public record LedgerTotal(String id, long total, long entries) {

	@Apply
	static LedgerTotal on(Ledger.Opened event, EventContext context) {
		return new LedgerTotal(context.aggregateId(), 0, 0);
	}

	@Apply
	LedgerTotal on(Ledger.Credited event) {
		return new LedgerTotal(this.id, this.total + event.amount(), this.entries + 1);
	}

}
