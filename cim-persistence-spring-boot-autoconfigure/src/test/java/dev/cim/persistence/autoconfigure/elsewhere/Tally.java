package dev.cim.persistence.autoconfigure.elsewhere;

import dev.cim.persistence.event.DomainEvent;
import dev.cim.persistence.repository.Aggregate;
import dev.cim.persistence.repository.EventSourced;

/**
 * An aggregate outside the auto-configuration package of the tests, found only through
 * {@link dev.cim.persistence.autoconfigure.CimPersistenceScan @CimPersistenceScan}.
 */
@Aggregate(context = "elsewhere", type = "Tally")
public class Tally implements EventSourced<Tally.Marked> {

	private String id = "";

	@Override
	public String id() {
		return this.id;
	}

	@Override
	public void apply(Marked event) {
		this.id = event.tallyId();
	}

	/**
	 * A tally was marked.
	 *
	 * @param tallyId its id
	 */
	@DomainEvent(type = "TallyMarked")
	public record Marked(String tallyId) {
	}

}
