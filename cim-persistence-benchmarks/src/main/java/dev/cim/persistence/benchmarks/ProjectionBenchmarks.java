package dev.cim.persistence.benchmarks;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cim.persistence.event.StoreObjectMappers;
import dev.cim.persistence.nats.JetStreamProvisioner;
import dev.cim.persistence.nats.NatsRepositoryConfig;
import dev.cim.persistence.readmodel.ProjectionObserver;
import dev.cim.persistence.readmodel.ProjectionOptions;
import dev.cim.persistence.readmodel.ProjectionRunner;
import dev.cim.persistence.readmodel.ReadModelDefinition;
import dev.cim.persistence.readmodel.ReadModelKeys;
import io.nats.client.Connection;
import io.nats.client.ConsumerContext;
import io.nats.client.FetchConsumeOptions;
import io.nats.client.FetchConsumer;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.Message;
import io.nats.client.StreamContext;
import io.nats.client.api.AckPolicy;
import io.nats.client.api.ConsumerConfiguration;
import io.nats.client.api.DeliverPolicy;
import org.jspecify.annotations.Nullable;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import dev.cim.persistence.repository.AggregateRef;
import dev.cim.persistence.repository.support.EventHead;
import dev.cim.persistence.repository.support.EventStore;
import dev.cim.persistence.repository.support.NewEvent;

/**
 * A projection catching up on {@value #EVENTS} events of {@value #LEDGERS} ledgers from
 * an empty read model (events applied per second), against a raw durable pull consumer
 * that fetches and acknowledges the same events. Both run on their own connection, so
 * their messages can be counted, against their own event stream, so that nothing else is
 * in it; everything is reset between operations, untimed.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
public class ProjectionBenchmarks {

	/** How many events the projection applies per operation. */
	static final int EVENTS = 5000;

	/** How many ledgers the events belong to. */
	static final int LEDGERS = 50;

	private static final NatsRepositoryConfig CONFIG = NatsRepositoryConfig.builder()
		.eventStreamName("PROJECTION_EVENTS")
		.aggregateStreamName("PROJECTION_AGGREGATES")
		.readModelBucket("projection-readmodels")
		.snapshotBucket("projection-snapshots")
		.subjectPrefix("proj")
		.build();

	private static final ProjectionOptions OPTIONS = ProjectionOptions.defaults();

	private static final String TYPE = "LedgerTotal";

	private static final String RAW_CONSUMER = "raw-ledger-totals";

	private final ReadModelDefinition<LedgerTotal> definition = ReadModelDefinition.of(LedgerTotal.class);

	private Connection projectionConnection;

	private Connection rawConnection;

	private JetStreamManagement management;

	private StreamContext rawStream;

	private long lastSequence;

	private @Nullable ProjectionRunner runner;

	/**
	 * Provision the projection's stream and bucket and append the events.
	 * @param server the server
	 * @throws Exception when the server cannot be reached
	 */
	@Setup(Level.Trial)
	public void prepare(BenchmarkNatsServer server) throws Exception {
		Connection connection = server.connection();
		new JetStreamProvisioner(connection, CONFIG).provision();
		this.management = connection.jetStreamManagement();
		EventStore events = new EventStore(connection, CONFIG);
		ObjectMapper json = StoreObjectMappers.forEvents();
		for (int i = 0; i < LEDGERS; i++) {
			String id = server.newId("projected");
			List<NewEvent> batch = Ledger.openAndCredit(id, EVENTS / LEDGERS)
				.stream()
				.map((event) -> NewEvent.of((event instanceof Ledger.Opened) ? "LedgerOpened" : "LedgerCredited",
						json.valueToTree(event)))
				.toList();
			this.lastSequence = events.append(AggregateRef.of("bench", "Ledger", id), EventHead.NONE, batch)
				.head()
				.sequence();
		}
		this.projectionConnection = server.connect();
		this.rawConnection = server.connect();
		this.rawStream = this.rawConnection.getStreamContext(CONFIG.eventStreamName());
	}

	/**
	 * Stop the projection of the last operation, delete both consumers and empty the
	 * read-model and status buckets.
	 * @throws Exception when the server cannot be reached
	 */
	@Setup(Level.Invocation)
	public void reset() throws Exception {
		stopRunner();
		deleteConsumer(ReadModelKeys.consumer(OPTIONS.consumerPrefix(), TYPE, "v1"));
		deleteConsumer(RAW_CONSUMER);
		purge("KV_" + CONFIG.readModelBucket());
		purge("KV_" + OPTIONS.statusBucket());
	}

	/**
	 * Stop the last projection.
	 */
	@TearDown(Level.Trial)
	public void stopRunner() {
		if (this.runner != null) {
			this.runner.stop();
			this.runner = null;
		}
	}

	/**
	 * Start the projection and wait until it has applied every event.
	 * @param sent counts the messages the projection sends
	 */
	@Benchmark
	@OperationsPerInvocation(EVENTS)
	public void projection(MessagesSent sent) {
		long mark = sent.begin(this.projectionConnection);
		ProjectionRunner started = new ProjectionRunner(this.projectionConnection, CONFIG, List.of(this.definition),
				OPTIONS, ProjectionObserver.NONE);
		this.runner = started;
		started.start();
		started.awaitSequence(TYPE, this.lastSequence, Duration.ofMinutes(2));
		sent.end(this.projectionConnection, mark, EVENTS);
	}

	/**
	 * Create a durable pull consumer with the projection's filters, fetch every event in
	 * pulls of the projection's batch size and acknowledge each.
	 * @param sent counts the messages sent
	 * @param blackhole receives the bodies
	 * @throws Exception when the server cannot be read
	 */
	@Benchmark
	@OperationsPerInvocation(EVENTS)
	public void projectionRaw(MessagesSent sent, Blackhole blackhole) throws Exception {
		long mark = sent.begin(this.rawConnection);
		List<String> filters = new ArrayList<>();
		for (String eventType : List.of("LedgerCredited", "LedgerOpened")) {
			filters.add(CONFIG.subjectPrefix() + ".events.*.*.*." + eventType + ".*");
		}
		ConsumerContext consumer = this.rawStream.createOrUpdateConsumer(ConsumerConfiguration.builder()
			.durable(RAW_CONSUMER)
			.filterSubjects(filters)
			.deliverPolicy(DeliverPolicy.All)
			.ackPolicy(AckPolicy.Explicit)
			.ackWait(OPTIONS.ackWait())
			.maxAckPending(OPTIONS.maxAckPending())
			.build());
		FetchConsumeOptions fetch = FetchConsumeOptions.builder()
			.maxMessages(OPTIONS.batchSize())
			.expiresIn(OPTIONS.fetchTimeout().toMillis())
			.build();
		int read = 0;
		while (read < EVENTS) {
			FetchConsumer batch = consumer.fetch(fetch);
			try {
				Message message = batch.nextMessage();
				while (message != null) {
					blackhole.consume(message.getData());
					message.ack();
					if (++read == EVENTS) {
						break;
					}
					message = batch.nextMessage();
				}
			}
			finally {
				batch.stop();
			}
		}
		this.rawConnection.flush(Duration.ofSeconds(5));
		sent.end(this.rawConnection, mark, EVENTS);
	}

	private void deleteConsumer(String name) throws IOException {
		try {
			this.management.deleteConsumer(CONFIG.eventStreamName(), name);
		}
		catch (JetStreamApiException ex) {
			// Not there yet.
		}
	}

	private void purge(String stream) throws IOException {
		try {
			this.management.purgeStream(stream);
		}
		catch (JetStreamApiException ex) {
			// Not created yet.
		}
	}

}
