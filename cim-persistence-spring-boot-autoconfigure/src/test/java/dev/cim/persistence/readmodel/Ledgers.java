package dev.cim.persistence.readmodel;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cim.persistence.event.EventTypeRegistry;
import dev.cim.persistence.event.StoreObjectMappers;
import dev.cim.persistence.readmodel.LedgerEvents.Credited;
import dev.cim.persistence.readmodel.LedgerEvents.Debited;
import dev.cim.persistence.readmodel.LedgerEvents.Opened;
import dev.cim.persistence.repository.AggregateRef;
import dev.cim.persistence.repository.support.AppendResult;
import dev.cim.persistence.repository.support.EventHead;
import dev.cim.persistence.repository.support.EventStore;
import dev.cim.persistence.repository.support.NewEvent;
import dev.cim.persistence.testsupport.Ids;

/**
 * Appends ledger events with the event store and remembers them, so tests can fold them
 * independently of the read models' handlers.
 */
final class Ledgers {

	private static final ObjectMapper JSON = StoreObjectMappers.forEvents();

	private final EventStore store;

	private final Random random = new Random(42);

	private final Map<String, EventHead> heads = new HashMap<>();

	private final Map<String, List<Object>> events = new HashMap<>();

	private long lastSequence;

	Ledgers(EventStore store) {
		this.store = store;
	}

	static String newId(String prefix) {
		return Ids.nextShort(prefix);
	}

	/**
	 * Open the ledgers and append random credits and debits, interleaving the ledgers in
	 * rounds: {@code ids.size() * rounds * perAppend} events in all.
	 */
	long appendRounds(List<String> ids, int rounds, int perAppend) {
		for (int round = 0; round < rounds; round++) {
			for (String id : ids) {
				List<Object> batch = new ArrayList<>();
				for (int i = 0; i < perAppend; i++) {
					if (round == 0 && i == 0) {
						batch.add(new Opened("owner-" + id));
					}
					else if (this.random.nextInt(4) == 0) {
						batch.add(new Debited(1 + this.random.nextInt(50)));
					}
					else {
						batch.add(new Credited(1 + this.random.nextInt(100)));
					}
				}
				append(id, batch);
			}
		}
		return this.lastSequence;
	}

	/**
	 * Append {@code perAppend} random credits and debits to each ledger, already opened.
	 */
	long appendMore(List<String> ids, int perAppend) {
		for (String id : ids) {
			List<Object> batch = new ArrayList<>();
			for (int i = 0; i < perAppend; i++) {
				batch.add((this.random.nextInt(4) == 0) ? new Debited(1 + this.random.nextInt(50))
						: new Credited(1 + this.random.nextInt(100)));
			}
			append(id, batch);
		}
		return this.lastSequence;
	}

	long append(String id, Object... newEvents) {
		return append(id, List.of(newEvents));
	}

	long append(String id, List<Object> newEvents) {
		List<NewEvent> encoded = newEvents.stream()
			.map((event) -> NewEvent.of(EventTypeRegistry.describe(event.getClass()).name(), JSON.valueToTree(event)))
			.toList();
		AppendResult result = this.store.append(AggregateRef.of("bank", "Ledger", id),
				this.heads.getOrDefault(id, EventHead.NONE), encoded);
		this.heads.put(id, result.head());
		this.events.computeIfAbsent(id, (key) -> new ArrayList<>()).addAll(newEvents);
		this.lastSequence = result.head().sequence();
		return this.lastSequence;
	}

	List<Object> eventsOf(String id) {
		return this.events.getOrDefault(id, List.of());
	}

	long lastSequence() {
		return this.lastSequence;
	}

	/**
	 * The balance the events of a ledger fold to, computed without the read model.
	 */
	Balance expectedBalance(String id) {
		List<Object> history = eventsOf(id);
		long total = 0;
		for (Object event : history) {
			if (event instanceof Credited credited) {
				total += credited.amount();
			}
			else if (event instanceof Debited debited) {
				total -= debited.amount();
			}
		}
		return new Balance(id, "owner-" + id, total, history.size(), history.size());
	}

}
