package dev.cim.persistence.readmodel;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

import dev.cim.persistence.readmodel.LedgerEvents.Credited;
import dev.cim.persistence.readmodel.LedgerEvents.Debited;
import dev.cim.persistence.readmodel.LedgerEvents.Opened;

/**
 * The {@link Balance} read model under another type, whose handlers can be made to do
 * something in the middle of a batch, before anything of it is written: stop, as a
 * process does in a long garbage collection or when it is paused, or lose the connection,
 * as a process does when it is killed.
 */
@ReadModel(type = "PausableBalance", version = 1)
record PausableBalance(String id, String owner, long total, int applied, long lastVersion) {

	/** When set, the next handler call runs it, once. */
	static final AtomicReference<Runnable> NEXT_CALL = new AtomicReference<>();

	@Apply
	static PausableBalance on(Opened event, EventContext context) {
		pauseWhenAsked();
		return new PausableBalance(context.aggregateId(), event.owner(), 0, 1, context.version());
	}

	@Apply
	PausableBalance on(Credited event, EventContext context) {
		pauseWhenAsked();
		return new PausableBalance(this.id, this.owner, this.total + event.amount(), this.applied + 1,
				context.version());
	}

	@Apply
	PausableBalance on(Debited event, EventContext context) {
		pauseWhenAsked();
		return new PausableBalance(this.id, this.owner, this.total - event.amount(), this.applied + 1,
				context.version());
	}

	Balance asBalance() {
		return new Balance(this.id, this.owner, this.total, this.applied, this.lastVersion);
	}

	/**
	 * Make the next handler call park until {@code pause} is counted down, counting down
	 * {@code paused} when it parks.
	 */
	static void pauseNextCall(CountDownLatch pause, CountDownLatch paused) {
		NEXT_CALL.set(() -> {
			paused.countDown();
			try {
				pause.await();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		});
	}

	private static void pauseWhenAsked() {
		Runnable action = NEXT_CALL.getAndSet(null);
		if (action != null) {
			action.run();
		}
	}

}
