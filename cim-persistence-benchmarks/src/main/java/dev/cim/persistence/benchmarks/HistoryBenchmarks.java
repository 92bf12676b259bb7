package dev.cim.persistence.benchmarks;

import java.util.List;
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
import dev.cim.persistence.repository.StoredEvent;

/**
 * Reading a ledger's history of {@code events} events (decoded into stored events),
 * against a raw ordered consumer filtered to the aggregate's subjects.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
public class HistoryBenchmarks extends StoredLedger {

	/** How many events the ledger has. */
	@Param("1000")
	public int events;

	/**
	 * Store the ledger.
	 * @param server the server
	 * @throws Exception when the server cannot be reached
	 */
	@Setup(Level.Trial)
	public void prepare(BenchmarkNatsServer server) throws Exception {
		open(server, "history");
		server.saveLedger(this.id, this.events);
	}

	/**
	 * Read the whole history.
	 * @param sent counts the messages sent
	 * @return the events
	 */
	@Benchmark
	public List<StoredEvent> history(MessagesSent sent) {
		long mark = sent.begin(this.connection);
		List<StoredEvent> history = this.nats.repository().findEvents(this.id, 1, Long.MAX_VALUE);
		sent.end(this.connection, mark, 1);
		expectCount("read", history.size(), this.events);
		return history;
	}

	/**
	 * Read every message on the aggregate's subjects with an ordered consumer.
	 * @param sent counts the messages sent
	 * @param blackhole receives the bodies
	 * @throws Exception when the server cannot be read
	 */
	@Benchmark
	public void historyRaw(MessagesSent sent, Blackhole blackhole) throws Exception {
		long mark = sent.begin(this.connection);
		RawReads.OrderedRead read = RawReads.readOrdered(this.stream, this.wildcard, 1, blackhole);
		sent.end(this.connection, mark, 1);
		RawReads.drop(this.connection, BenchmarkNatsServer.CONFIG.eventStreamName(), read);
		expectCount("read", read.count(), this.events);
	}

}
