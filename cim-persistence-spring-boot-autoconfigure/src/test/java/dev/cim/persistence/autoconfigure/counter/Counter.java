package dev.cim.persistence.autoconfigure.counter;

import java.util.List;

import dev.cim.persistence.event.DomainEvent;
import dev.cim.persistence.repository.Aggregate;
import dev.cim.persistence.repository.EventSourced;

/**
 * A counter, the aggregate of the auto-configuration tests.
 */
@Aggregate(context = "test", type = "Counter")
public class Counter implements EventSourced<Counter.CounterEvent> {

	private String id;

	private long value;

	private Counter() {
	}

	/**
	 * A counter before its first event.
	 * @return a new counter
	 */
	public static Counter create() {
		return new Counter();
	}

	/**
	 * The events that start a counter.
	 * @param id its id
	 * @return the events
	 */
	public static List<CounterEvent> start(String id) {
		return List.of(new Started(id));
	}

	/**
	 * The events that add to the counter.
	 * @param amount the amount
	 * @return the events
	 */
	public List<CounterEvent> add(long amount) {
		return List.of(new Added(amount));
	}

	@Override
	public String id() {
		return this.id;
	}

	/**
	 * The counter's value.
	 * @return the value
	 */
	public long value() {
		return this.value;
	}

	@Override
	public void apply(CounterEvent event) {
		if (event instanceof Started started) {
			this.id = started.counterId();
		}
		else if (event instanceof Added added) {
			this.value += added.amount();
		}
	}

	/**
	 * The counter's events.
	 */
	public sealed interface CounterEvent permits Started, Added {

	}

	/**
	 * A counter was started.
	 *
	 * @param counterId its id
	 */
	@DomainEvent(type = "CounterStarted")
	public record Started(String counterId) implements CounterEvent {
	}

	/**
	 * An amount was added.
	 *
	 * @param amount the amount
	 */
	@DomainEvent(type = "CounterAdded")
	public record Added(long amount) implements CounterEvent {
	}

}
