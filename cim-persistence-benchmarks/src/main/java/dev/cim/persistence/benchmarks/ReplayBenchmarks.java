package dev.cim.persistence.benchmarks;

import java.util.concurrent.TimeUnit;

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
import dev.cim.persistence.repository.LoadOptions;
import dev.cim.persistence.repository.LoadedAggregate;

/**
 * Full replays of a ledger of {@code events} events (cache, state and snapshots ignored),
 * against the raw reads a replay needs: the head, then an ordered consumer over the
 * aggregate's subjects.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
public class ReplayBenchmarks extends StoredLedger {

	/** How many events the ledger has. */
	@Param({ "100", "1000", "10000" })
	public int events;

	/**
	 * Store the ledger.
	 * @param server the server
	 * @throws Exception when the server cannot be reached
	 */
	@Setup(Level.Trial)
	public void prepare(BenchmarkNatsServer server) throws Exception {
		open(server, "replay");
		server.saveLedger(this.id, this.events);
	}

	/**
	 * Load by replaying every event.
	 * @param sent counts the messages sent
	 * @return the ledger
	 */
	@Benchmark
	public LoadedAggregate<Ledger> replay(MessagesSent sent) {
		long mark = sent.begin(this.connection);
		LoadedAggregate<Ledger> loaded = this.nats.repository()
			.load(this.id, LoadOptions.defaults().withoutSnapshots());
		sent.end(this.connection, mark, 1);
		expectCount("replayed", loaded.metadata().version(), this.events);
		return loaded;
	}

	/**
	 * Read the head and every event with an ordered consumer.
	 * @param sent counts the messages sent
	 * @param blackhole receives what was read
	 * @throws Exception when the server cannot be read
	 */
	@Benchmark
	public void replayRaw(MessagesSent sent, Blackhole blackhole) throws Exception {
		long mark = sent.begin(this.connection);
		blackhole.consume(
				RawReads.lastMessage(this.management, BenchmarkNatsServer.CONFIG.eventStreamName(), this.wildcard));
		RawReads.OrderedRead read = RawReads.readOrdered(this.stream, this.wildcard, 1, blackhole);
		sent.end(this.connection, mark, 1);
		RawReads.drop(this.connection, BenchmarkNatsServer.CONFIG.eventStreamName(), read);
		expectCount("read", read.count(), this.events);
	}

}
