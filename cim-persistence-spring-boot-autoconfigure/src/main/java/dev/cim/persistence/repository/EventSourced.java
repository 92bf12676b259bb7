package dev.cim.persistence.repository;

import org.jspecify.annotations.Nullable;

/**
 * An aggregate whose state is the fold of its events.
 *
 * <p>
 * An implementation has a no-argument constructor (it may be private), which gives the
 * state before the first event, and its state is made of fields that Jackson can write
 * and read (the repository stores it in the state stream and in snapshots). Replaying the
 * events with {@link #apply} must give the same state.
 *
 * @param <E> the aggregate's event type, ideally a sealed interface whose permitted
 * subclasses are the {@link dev.cim.persistence.event.DomainEvent} classes
 */
public interface EventSourced<E> {

	/**
	 * The aggregate's id, a subject token. It is {@code null} only before the first event
	 * was applied.
	 * @return the id
	 */
	@Nullable String id();

	/**
	 * Evolve the state by one event. Must not fail for an event that was stored:
	 * decisions belong in the methods that produce events, not here.
	 * @param event the event
	 */
	void apply(E event);

}
