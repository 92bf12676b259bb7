package dev.cim.persistence.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.nats.client.JetStream;
import io.nats.client.api.MessageInfo;
import io.nats.client.api.PublishAck;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import dev.cim.persistence.repository.AggregateMetadata;
import dev.cim.persistence.repository.LoadedAggregate;
import dev.cim.persistence.repository.SaveOptions;
import dev.cim.persistence.repository.support.NatsRepository;

/**
 * Saves of distinct new aggregates from {@value #THREADS} threads at once, against raw
 * {@code publishAsync} of the same messages, {@value #IN_FLIGHT} in flight. Both score in
 * saves (messages) per second.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
public class ConcurrentSaveBenchmarks {

	/** How many threads save at once. */
	static final int THREADS = 8;

	/** How many raw publishes are in flight per operation. */
	static final int IN_FLIGHT = 1000;

	private BenchmarkNatsServer nats;

	private NatsRepository<Ledger> repository;

	private JetStream jetStream;

	private SampleEvents oneEvent;

	/**
	 * Keep a stored one-event aggregate as the raw baseline's sample.
	 * @param server the server
	 * @throws Exception when the server cannot be reached
	 */
	@Setup(Level.Trial)
	public void prepare(BenchmarkNatsServer server) throws Exception {
		this.nats = server;
		this.repository = server.repository();
		this.jetStream = server.jetStream();
		String id = server.newId("sample");
		this.repository.save(new Ledger(), Ledger.openAndCredit(id, 1)).metadata();
		MessageInfo stored = server.management()
			.getLastMessage(BenchmarkNatsServer.CONFIG.eventStreamName(),
					server.subjects().aggregateEvents("bench", "Ledger", id));
		this.oneEvent = new SampleEvents(List.of(stored), server.subjects());
	}

	/**
	 * Save new aggregates of one event each from {@value #THREADS} threads, each keeping
	 * {@code IN_FLIGHT / THREADS} asynchronous saves in flight, so that as many saves are
	 * in flight as the raw baseline has publishes.
	 * @param blackhole receives the results
	 */
	@Benchmark
	@Threads(THREADS)
	@OperationsPerInvocation(IN_FLIGHT / THREADS)
	public void concurrentSaves(Blackhole blackhole) {
		List<CompletableFuture<LoadedAggregate<Ledger>>> saves = new ArrayList<>(IN_FLIGHT / THREADS);
		for (int i = 0; i < IN_FLIGHT / THREADS; i++) {
			saves.add(this.repository.saveAsync(new Ledger(), Ledger.openAndCredit(this.nats.newId("many"), 1),
					SaveOptions.defaults()));
		}
		for (CompletableFuture<LoadedAggregate<Ledger>> save : saves) {
			blackhole.consume(save.join());
		}
	}

	/**
	 * Save new aggregates of one event each from {@value #THREADS} threads with the
	 * blocking save: at most {@value #THREADS} saves in flight (no raw pair; for
	 * comparison with the asynchronous saves).
	 * @return the metadata of the save
	 */
	@Benchmark
	@Threads(THREADS)
	public AggregateMetadata concurrentBlockingSaves() {
		return this.repository.save(new Ledger(), Ledger.openAndCredit(this.nats.newId("many"), 1)).metadata();
	}

	/**
	 * Publish {@value #IN_FLIGHT} messages like the saves' with {@code publishAsync} and
	 * wait for every acknowledgement.
	 * @param blackhole receives the acknowledgements
	 */
	@Benchmark
	@OperationsPerInvocation(IN_FLIGHT)
	public void concurrentSavesRaw(Blackhole blackhole) {
		List<CompletableFuture<PublishAck>> acks = new ArrayList<>(IN_FLIGHT);
		for (int i = 0; i < IN_FLIGHT; i++) {
			acks.add(this.jetStream.publishAsync(this.oneEvent.forNewAggregate(this.nats.newId("many")).get(0)));
		}
		for (CompletableFuture<PublishAck> ack : acks) {
			blackhole.consume(ack.join());
		}
	}

}
