package dev.cim.persistence.benchmarks;

import java.util.ArrayList;
import java.util.List;

import dev.cim.persistence.event.DomainEvent;
import org.jspecify.annotations.Nullable;
import dev.cim.persistence.repository.Aggregate;
import dev.cim.persistence.repository.EventSourced;

/**
 * The aggregate of the benchmarks: a ledger whose state stays the same size however many
 * events it has, so that loads measure the store and not the growth of a state.
 */
@Aggregate(context = "bench", type = "Ledger")
public class Ledger implements EventSourced<Ledger.LedgerEvent> {

	/** A memo of 120 characters, so that an event body is a few hundred bytes. */
	static final String MEMO = "x".repeat(120);

	private @Nullable String id;

	private @Nullable String owner;

	private long balance;

	private long entries;

	Ledger() {
	}

	/**
	 * The events that open a ledger and credit it {@code count - 1} times.
	 * @param id the ledger's id
	 * @param count how many events, at least 1
	 * @return the events
	 */
	static List<LedgerEvent> openAndCredit(String id, int count) {
		List<LedgerEvent> events = new ArrayList<>(count);
		events.add(new Opened(id, "owner-" + id));
		events.addAll(credits(count - 1));
		return events;
	}

	/**
	 * Credit events.
	 * @param count how many
	 * @return the events
	 */
	static List<LedgerEvent> credits(int count) {
		List<LedgerEvent> events = new ArrayList<>(count);
		for (int i = 0; i < count; i++) {
			events.add(new Credited(1 + (i % 100), MEMO));
		}
		return events;
	}

	@Override
	public @Nullable String id() {
		return this.id;
	}

	long balance() {
		return this.balance;
	}

	long entries() {
		return this.entries;
	}

	@Override
	public void apply(LedgerEvent event) {
		if (event instanceof Opened opened) {
			this.id = opened.ledgerId();
			this.owner = opened.owner();
		}
		else if (event instanceof Credited credited) {
			this.balance += credited.amount();
			this.entries++;
		}
	}

	/**
	 * The events of a ledger.
	 */
	public sealed interface LedgerEvent permits Opened, Credited {

	}

	/**
	 * A ledger was opened.
	 *
	 * @param ledgerId the ledger's id
	 * @param owner its owner
	 */
	@DomainEvent(type = "LedgerOpened")
	public record Opened(String ledgerId, String owner) implements LedgerEvent {
	}

	/**
	 * A ledger was credited.
	 *
	 * @param amount the amount
	 * @param memo a memo
	 */
	@DomainEvent(type = "LedgerCredited")
	public record Credited(long amount, String memo) implements LedgerEvent {
	}

}
