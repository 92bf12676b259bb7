package dev.cim.persistence.readmodel;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

import dev.cim.persistence.readmodel.LedgerEvents.Credited;
import dev.cim.persistence.readmodel.LedgerEvents.Debited;
import dev.cim.persistence.readmodel.LedgerEvents.Opened;

/**
 * The {@link Balance} read model under another type, whose handlers can be made to stop
 * in the middle of a batch, before anything of it is written, as a process does in a long
 * garbage collection or when it is paused.
 */
@ReadModel(type = "PausableBalance", version = 1)
record PausableBalance(String id, String owner, long total, int applied, long lastVersion) {

	/** When set, the next handler call parks on it until it is counted down. */
	static final AtomicReference<CountDownLatch> PAUSE = new AtomicReference<>();

	/** Counted down when a handler call has parked. */
	static final AtomicReference<CountDownLatch> PAUSED = new AtomicReference<>();

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

	private static void pauseWhenAsked() {
		CountDownLatch pause = PAUSE.getAndSet(null);
		if (pause != null) {
			PAUSED.get().countDown();
			try {
				pause.await();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

}
