package dev.cim.persistence.faults;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicReference;

import org.awaitility.Awaitility;

import org.jspecify.annotations.Nullable;
import org.springframework.dao.DataAccessException;
import dev.cim.persistence.repository.AggregateMetadata;
import dev.cim.persistence.repository.AggregateNotFoundException;
import dev.cim.persistence.repository.LoadOptions;
import dev.cim.persistence.repository.LoadSource;
import dev.cim.persistence.repository.LoadedAggregate;
import dev.cim.persistence.repository.SaveOptions;
import dev.cim.persistence.repository.VersionConflictException;
import dev.cim.persistence.repository.support.NatsRepository;

/**
 * Threads that save continuously through one repository, each to aggregates of its own,
 * and write down in a {@link SaveLedger} what every save was told. A save that failed is
 * followed by a reload of the aggregate, as an application would do; the repository
 * object is never replaced.
 */
final class Writers implements AutoCloseable {

	private final NatsRepository<Tally> repository;

	private final SaveLedger ledger;

	private final List<List<String>> idsByThread = new ArrayList<>();

	private final List<Thread> threads = new ArrayList<>();

	private final ConcurrentLinkedQueue<Success> successes = new ConcurrentLinkedQueue<>();

	private final AtomicReference<Throwable> unexpected = new AtomicReference<>();

	private volatile boolean stopped;

	private final boolean paced;

	Writers(NatsRepository<Tally> repository, SaveLedger ledger, String prefix, int threadCount,
			int aggregatesPerThread, boolean paced) {
		this.repository = repository;
		this.paced = paced;
		this.ledger = ledger;
		for (int t = 0; t < threadCount; t++) {
			List<String> ids = new ArrayList<>();
			for (int a = 0; a < aggregatesPerThread; a++) {
				ids.add(prefix + "-" + t + "-" + a);
			}
			this.idsByThread.add(ids);
		}
	}

	Writers start() {
		for (int t = 0; t < this.idsByThread.size(); t++) {
			List<String> ids = this.idsByThread.get(t);
			int index = t;
			Thread thread = new Thread(() -> run(index, ids), "fault-writer-" + t);
			thread.setDaemon(true);
			this.threads.add(thread);
			thread.start();
		}
		return this;
	}

	List<String> ids() {
		return this.idsByThread.stream().flatMap(List::stream).toList();
	}

	/**
	 * Wait until {@code more} further saves were acknowledged.
	 */
	void awaitMoreAcknowledged(int more, Duration timeout) {
		int target = this.ledger.acknowledgedCount() + more;
		Awaitility.await()
			.atMost(timeout)
			.pollInterval(Duration.ofMillis(50))
			.until(() -> failIfUnexpected() && this.ledger.acknowledgedCount() >= target);
	}

	/**
	 * The time from {@code sinceNanos} until the first save begun after it was
	 * acknowledged.
	 */
	OptionalLong firstRecoveryMillis(long sinceNanos) {
		return this.successes.stream()
			.filter((success) -> success.startNanos() > sinceNanos)
			.mapToLong((success) -> (success.endNanos() - sinceNanos) / 1_000_000)
			.min();
	}

	/**
	 * The time from {@code sinceNanos} until every writer had a save begun after it
	 * acknowledged.
	 */
	OptionalLong allRecoveredMillis(long sinceNanos) {
		long latest = 0;
		for (int t = 0; t < this.threads.size(); t++) {
			int thread = t;
			OptionalLong first = this.successes.stream()
				.filter((success) -> success.thread() == thread && success.startNanos() > sinceNanos)
				.mapToLong((success) -> (success.endNanos() - sinceNanos) / 1_000_000)
				.min();
			if (first.isEmpty()) {
				return OptionalLong.empty();
			}
			latest = Math.max(latest, first.getAsLong());
		}
		return OptionalLong.of(latest);
	}

	@Override
	public void close() {
		this.stopped = true;
		for (Thread thread : this.threads) {
			try {
				thread.join(Duration.ofSeconds(60).toMillis());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		failIfUnexpected();
	}

	private boolean failIfUnexpected() {
		Throwable failure = this.unexpected.get();
		if (failure != null) {
			throw new AssertionError("a writer failed unexpectedly", failure);
		}
		return true;
	}

	private void run(int thread, List<String> ids) {
		Map<String, LoadedAggregate<Tally>> loaded = new HashMap<>();
		try {
			while (!this.stopped) {
				for (String id : ids) {
					LoadedAggregate<Tally> current = loaded.computeIfAbsent(id, this::reload);
					if (current == null) {
						pause();
						continue;
					}
					LoadedAggregate<Tally> next = save(thread, id, current);
					if (next == null) {
						loaded.remove(id);
					}
					else {
						loaded.put(id, next);
					}
					pace();
				}
			}
		}
		catch (RuntimeException | AssertionError ex) {
			this.unexpected.compareAndSet(null, ex);
		}
	}

	private @Nullable LoadedAggregate<Tally> save(int thread, String id, LoadedAggregate<Tally> current) {
		String op = UUID.randomUUID().toString();
		long start = System.nanoTime();
		Tally tally = current.aggregate();
		try {
			LoadedAggregate<Tally> next = this.repository.save(current,
					(tally.id() == null) ? Tally.start(id, op) : tally.add(op, 1), SaveOptions.defaults());
			AggregateMetadata saved = next.metadata();
			this.ledger.acknowledged(op, id, saved.version(), java.util.Objects.requireNonNull(saved.headCid()));
			this.successes.add(new Success(thread, start, System.nanoTime()));
			return next;
		}
		catch (VersionConflictException ex) {
			this.ledger.conflict(op);
			return null;
		}
		catch (DataAccessException ex) {
			this.ledger.ambiguous(op);
			return null;
		}
	}

	private @Nullable LoadedAggregate<Tally> reload(String id) {
		try {
			return this.repository.load(id, LoadOptions.defaults().withoutCache());
		}
		catch (AggregateNotFoundException ex) {
			// Version 0: the save expects the aggregate not to exist.
			return new LoadedAggregate<>(Tally.blank(),
					new AggregateMetadata(id, 0, 0, null, java.time.Instant.EPOCH, LoadSource.REPLAY));
		}
		catch (DataAccessException ex) {
			return null;
		}
	}

	/**
	 * The short form leaves the shared machine some room between saves.
	 */
	private void pace() {
		if (!this.paced) {
			return;
		}
		try {
			Thread.sleep(20);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static void pause() {
		try {
			Thread.sleep(100);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	record Success(int thread, long startNanos, long endNanos) {
	}

}
