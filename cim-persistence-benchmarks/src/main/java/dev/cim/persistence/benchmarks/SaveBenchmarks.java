package dev.cim.persistence.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.cim.persistence.nats.AtomicBatchPublisher;
import io.nats.client.Connection;
import io.nats.client.JetStream;
import io.nats.client.Message;
import io.nats.client.api.MessageInfo;
import io.nats.client.api.PublishAck;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import dev.cim.persistence.repository.AggregateMetadata;
import dev.cim.persistence.repository.support.NatsRepository;

/**
 * Saves of a new aggregate, one event and ten events (an atomic batch), against a raw
 * publish and a raw atomic batch of the same headers and bodies.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
public class SaveBenchmarks {

	private BenchmarkNatsServer nats;

	private Connection connection;

	private NatsRepository<Ledger> repository;

	private JetStream jetStream;

	private AtomicBatchPublisher batchPublisher;

	private SampleEvents oneEvent;

	private SampleEvents tenEvents;

	/**
	 * Store one aggregate of one event and one of ten, and keep their messages as the raw
	 * baselines' samples.
	 * @param server the server
	 * @throws Exception when the server cannot be reached
	 */
	@Setup(Level.Trial)
	public void prepare(BenchmarkNatsServer server) throws Exception {
		this.nats = server;
		this.connection = server.connection();
		this.repository = server.repository();
		this.jetStream = server.jetStream();
		this.batchPublisher = new AtomicBatchPublisher(this.connection);
		this.oneEvent = sample(server, 1);
		this.tenEvents = sample(server, 10);
	}

	private static SampleEvents sample(BenchmarkNatsServer server, int count) throws Exception {
		String id = server.newId("sample");
		server.repository().save(new Ledger(), Ledger.openAndCredit(id, count));
		List<MessageInfo> messages = new ArrayList<>();
		for (int version = 1; version <= count; version++) {
			messages.add(server.management()
				.getLastMessage(BenchmarkNatsServer.CONFIG.eventStreamName(),
						server.subjects().aggregateEvents("bench", "Ledger", id).replace(">", "*." + version)));
		}
		return new SampleEvents(messages, server.subjects());
	}

	/**
	 * Save a new aggregate with one event.
	 * @param sent counts the messages sent
	 * @return the metadata
	 */
	@Benchmark
	public AggregateMetadata saveOneEvent(MessagesSent sent) {
		List<Ledger.LedgerEvent> events = Ledger.openAndCredit(this.nats.newId("one"), 1);
		long mark = sent.begin(this.connection);
		AggregateMetadata metadata = this.repository.save(new Ledger(), events).metadata();
		sent.end(this.connection, mark, 1);
		return metadata;
	}

	/**
	 * Publish one message like the save's, with the same headers (message id,
	 * expectations) and body.
	 * @param sent counts the messages sent
	 * @return the acknowledgement
	 * @throws Exception when the publish fails
	 */
	@Benchmark
	public PublishAck saveOneEventRaw(MessagesSent sent) throws Exception {
		Message message = this.oneEvent.forNewAggregate(this.nats.newId("one")).get(0);
		long mark = sent.begin(this.connection);
		PublishAck ack = this.jetStream.publish(message);
		sent.end(this.connection, mark, 1);
		return ack;
	}

	/**
	 * Save a new aggregate with ten events, one atomic batch.
	 * @param sent counts the messages sent
	 * @return the metadata
	 */
	@Benchmark
	public AggregateMetadata saveTenEvents(MessagesSent sent) {
		List<Ledger.LedgerEvent> events = Ledger.openAndCredit(this.nats.newId("ten"), 10);
		long mark = sent.begin(this.connection);
		AggregateMetadata metadata = this.repository.save(new Ledger(), events).metadata();
		sent.end(this.connection, mark, 1);
		return metadata;
	}

	/**
	 * Publish ten messages like the save's as one atomic batch.
	 * @param sent counts the messages sent
	 * @param blackhole receives the acknowledgement
	 * @throws Exception when the batch fails
	 */
	@Benchmark
	public void saveTenEventsRaw(MessagesSent sent, Blackhole blackhole) throws Exception {
		List<Message> messages = this.tenEvents.forNewAggregate(this.nats.newId("ten"));
		long mark = sent.begin(this.connection);
		blackhole.consume(this.batchPublisher.publish(messages, Duration.ofSeconds(5)));
		sent.end(this.connection, mark, 1);
	}

}
