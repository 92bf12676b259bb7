package dev.cim.persistence.faults;

import dev.cim.persistence.event.DomainEvent;

import java.util.List;
import dev.cim.persistence.repository.Aggregate;
import dev.cim.persistence.repository.EventSourced;

/**
 * The aggregate of the fault tests: every event carries an operation id that is unique
 * across the run, so the tests can tell which save stored which event, and the state
 * counts the events folded into it, so a skipped or doubled event shows.
 */
@Aggregate(context = "faults", type = "Tally")
class Tally implements EventSourced<Tally.TallyEvent> {

	private String id;

	private long count;

	private long sum;

	private Tally() {
	}

	static Tally blank() {
		return new Tally();
	}

	static List<TallyEvent> start(String id, String op) {
		return List.of(new Started(id, op));
	}

	List<TallyEvent> add(String op, int amount) {
		return List.of(new Counted(op, amount));
	}

	@Override
	public String id() {
		return this.id;
	}

	long count() {
		return this.count;
	}

	long sum() {
		return this.sum;
	}

	@Override
	public void apply(TallyEvent event) {
		if (event instanceof Started started) {
			this.id = started.tallyId();
		}
		else if (event instanceof Counted counted) {
			this.sum += counted.amount();
		}
		this.count++;
	}

	sealed interface TallyEvent permits Started, Counted {

		String op();

	}

	@DomainEvent(type = "TallyStarted")
	record Started(String tallyId, String op) implements TallyEvent {
	}

	@DomainEvent(type = "Counted")
	record Counted(String op, int amount) implements TallyEvent {
	}

}
