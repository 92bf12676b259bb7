package dev.cim.persistence.benchmarks;

import java.util.List;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cim.persistence.event.StoreObjectMappers;
import io.nats.client.KeyValue;
import io.nats.client.api.KeyValueEntry;
import io.nats.client.PurgeOptions;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import dev.cim.persistence.repository.AggregateRef;
import dev.cim.persistence.repository.LoadOptions;
import dev.cim.persistence.repository.LoadSource;
import dev.cim.persistence.repository.LoadedAggregate;
import dev.cim.persistence.repository.support.EventHead;
import dev.cim.persistence.repository.support.NewEvent;

/**
 * Loads of a ledger of {@code events} events that need no replay: a cache hit, the state
 * stream, and a snapshot plus a tail of {@value SnapshotAndTail#TAIL} events, each
 * against the raw reads it needs (the head is always read: a direct get of the last event
 * on the aggregate's subjects).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
public class LoadBenchmarks {

	private static final String EVENTS_STREAM = BenchmarkNatsServer.CONFIG.eventStreamName();

	private static final String STATE_STREAM = BenchmarkNatsServer.CONFIG.aggregateStreamName();

	/**
	 * Load from the in-process cache: the head is read and matches the cached version.
	 * @param ledger the ledger
	 * @param sent counts the messages sent
	 * @return the ledger
	 */
	@Benchmark
	public LoadedAggregate<Ledger> loadFromCache(Current ledger, MessagesSent sent) {
		long mark = sent.begin(ledger.connection);
		LoadedAggregate<Ledger> loaded = ledger.nats.repository().load(ledger.id);
		sent.end(ledger.connection, mark, 1);
		return expect(loaded, LoadSource.CACHE);
	}

	/**
	 * Read the head, all a cache hit needs from the server.
	 * @param ledger the ledger
	 * @param sent counts the messages sent
	 * @return the head
	 * @throws Exception when the server cannot be read
	 */
	@Benchmark
	public Object loadFromCacheRaw(Current ledger, MessagesSent sent) throws Exception {
		long mark = sent.begin(ledger.connection);
		Object head = RawReads.lastMessage(ledger.management, EVENTS_STREAM, ledger.wildcard);
		sent.end(ledger.connection, mark, 1);
		return head;
	}

	/**
	 * Load from the state stream, bypassing the cache.
	 * @param ledger the ledger
	 * @param sent counts the messages sent
	 * @return the ledger
	 */
	@Benchmark
	public LoadedAggregate<Ledger> loadFromState(Current ledger, MessagesSent sent) {
		return loadWithoutCache(ledger, sent, LoadSource.STATE);
	}

	/**
	 * Read the head and the state message.
	 * @param ledger the ledger
	 * @param sent counts the messages sent
	 * @param blackhole receives what was read
	 * @throws Exception when the server cannot be read
	 */
	@Benchmark
	public void loadFromStateRaw(Current ledger, MessagesSent sent, Blackhole blackhole) throws Exception {
		long mark = sent.begin(ledger.connection);
		readHeadAndState(ledger, blackhole);
		sent.end(ledger.connection, mark, 1);
	}

	/**
	 * Load from the snapshot and the events after it (the state stream has no entry).
	 * @param ledger the ledger
	 * @param sent counts the messages sent
	 * @return the ledger
	 */
	@Benchmark
	public LoadedAggregate<Ledger> loadFromSnapshot(SnapshotAndTail ledger, MessagesSent sent) {
		return loadWithoutCache(ledger, sent, LoadSource.SNAPSHOT);
	}

	/**
	 * Read the head, look for the state (there is none), read the snapshot and the events
	 * after it.
	 * @param ledger the ledger
	 * @param sent counts the messages sent
	 * @param blackhole receives what was read
	 * @throws Exception when the server cannot be read
	 */
	@Benchmark
	public void loadFromSnapshotRaw(SnapshotAndTail ledger, MessagesSent sent, Blackhole blackhole) throws Exception {
		long mark = sent.begin(ledger.connection);
		readHeadAndState(ledger, blackhole);
		KeyValueEntry snapshot = ledger.snapshots.get(ledger.snapshotKey);
		blackhole.consume(snapshot.getValue());
		RawReads.OrderedRead read = RawReads.readOrdered(ledger.stream, ledger.wildcard, ledger.snapshotSequence + 1,
				blackhole);
		sent.end(ledger.connection, mark, 1);
		RawReads.drop(ledger.connection, EVENTS_STREAM, read);
		StoredLedger.expectCount("read after the snapshot", read.count(), SnapshotAndTail.TAIL);
	}

	private static LoadedAggregate<Ledger> loadWithoutCache(StoredLedger ledger, MessagesSent sent,
			LoadSource expected) {
		long mark = sent.begin(ledger.connection);
		LoadedAggregate<Ledger> loaded = ledger.nats.repository()
			.load(ledger.id, LoadOptions.defaults().withoutCache());
		sent.end(ledger.connection, mark, 1);
		return expect(loaded, expected);
	}

	private static void readHeadAndState(StoredLedger ledger, Blackhole blackhole) throws Exception {
		blackhole.consume(RawReads.lastMessage(ledger.management, EVENTS_STREAM, ledger.wildcard));
		blackhole.consume(RawReads.lastMessage(ledger.management, STATE_STREAM, ledger.stateSubject));
	}

	private static LoadedAggregate<Ledger> expect(LoadedAggregate<Ledger> loaded, LoadSource source) {
		if (loaded.metadata().source() != source) {
			throw new IllegalStateException("loaded from " + loaded.metadata().source() + ", expected " + source);
		}
		return loaded;
	}

	/**
	 * A ledger saved with the repository: the cache, the state stream and the snapshot
	 * are at its head.
	 */
	@State(Scope.Benchmark)
	public static class Current extends StoredLedger {

		/** How many events the ledger has. */
		@Param("10000")
		public int events;

		/**
		 * Store the ledger.
		 * @param server the server
		 * @throws Exception when the server cannot be reached
		 */
		@Setup(Level.Trial)
		public void prepare(BenchmarkNatsServer server) throws Exception {
			open(server, "current");
			server.saveLedger(this.id, this.events);
		}

	}

	/**
	 * A ledger whose newest snapshot is {@value #TAIL} events behind its head and whose
	 * state stream entry is missing, as after events appended by another process that
	 * died before writing the state. A load repairs both, so they are reset before each
	 * operation, untimed.
	 */
	@State(Scope.Benchmark)
	public static class SnapshotAndTail extends StoredLedger {

		/** How many events follow the snapshot. */
		static final int TAIL = 50;

		/** How many events the ledger has, at least {@code TAIL + 100}. */
		@Param("10000")
		public int events;

		KeyValue snapshots;

		String snapshotKey;

		byte[] snapshot;

		long snapshotSequence;

		/**
		 * Store the ledger up to its snapshot with the repository, then the tail with the
		 * event store alone.
		 * @param server the server
		 * @throws Exception when the server cannot be reached
		 */
		@Setup(Level.Trial)
		public void prepare(BenchmarkNatsServer server) throws Exception {
			open(server, "snapshot");
			this.snapshots = this.connection.keyValue(BenchmarkNatsServer.CONFIG.snapshotBucket());
			server.saveLedger(this.id, this.events - TAIL);
			AggregateRef ref = server.ledger(this.id);
			EventHead head = server.eventStore().head(ref).orElseThrow();
			this.snapshotSequence = head.sequence();
			ObjectMapper json = StoreObjectMappers.forEvents();
			List<NewEvent> tail = Ledger.credits(TAIL)
				.stream()
				.map((event) -> NewEvent.of("LedgerCredited", json.valueToTree(event)))
				.toList();
			server.eventStore().append(ref, head, tail);
			this.snapshotKey = "bench.Ledger." + this.id;
			this.snapshot = this.snapshots.get(this.snapshotKey).getValue();
			reset();
		}

		/**
		 * Remove the state the last load wrote and put the old snapshot back.
		 * @throws Exception when the server cannot be reached
		 */
		@Setup(Level.Invocation)
		public void reset() throws Exception {
			// The last load repaired the state and snapshot without blocking: let it
			// finish first.
			this.nats.repository().flush(java.time.Duration.ofSeconds(30));
			this.management.purgeStream(STATE_STREAM, PurgeOptions.subject(this.stateSubject));
			this.snapshots.put(this.snapshotKey, this.snapshot);
		}

	}

}
