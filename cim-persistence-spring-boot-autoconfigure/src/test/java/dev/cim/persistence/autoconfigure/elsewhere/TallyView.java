package dev.cim.persistence.autoconfigure.elsewhere;

import dev.cim.persistence.readmodel.Apply;
import dev.cim.persistence.readmodel.EventContext;
import dev.cim.persistence.readmodel.ReadModel;

/**
 * A read model outside the auto-configuration package of the tests.
 *
 * @param id the tally's id
 */
@ReadModel(type = "TallyView", version = 1)
public record TallyView(String id) {

	@Apply
	static TallyView on(Tally.Marked event, EventContext context) {
		return new TallyView(context.aggregateId());
	}

}
