package dev.cim.persistence.benchmarks;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import dev.cim.persistence.embedded.EmbeddedNatsServer;
import dev.cim.persistence.nats.JetStreamProvisioner;
import dev.cim.persistence.nats.NatsRepositoryConfig;
import dev.cim.persistence.nats.StoreSubjects;
import io.nats.client.Connection;
import io.nats.client.JetStream;
import io.nats.client.JetStreamManagement;
import io.nats.client.Nats;
import io.nats.client.Options;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import dev.cim.persistence.repository.AggregateRef;
import dev.cim.persistence.repository.LoadedAggregate;
import dev.cim.persistence.repository.support.EventStore;
import dev.cim.persistence.repository.support.NatsRepository;
import dev.cim.persistence.repository.support.NatsRepositoryFactory;

/**
 * One embedded nats-server per benchmark run (with one fork, it lives in the fork), with
 * the store's streams and buckets provisioned, shared by a benchmark and its raw
 * baseline. Inject it into a benchmark's {@code @Setup} method.
 */
@State(Scope.Benchmark)
public class BenchmarkNatsServer {

	/** The store's layout: the defaults, as an application gets them. */
	public static final NatsRepositoryConfig CONFIG = NatsRepositoryConfig.defaults();

	private static final String RUN = UUID.randomUUID().toString().substring(0, 8);

	private final AtomicLong ids = new AtomicLong();

	private final List<Connection> connections = new ArrayList<>();

	private EmbeddedNatsServer server;

	private Connection connection;

	private NatsRepositoryFactory factory;

	private EventStore eventStore;

	private NatsRepository<Ledger> repository;

	/**
	 * Start the server, connect and provision the store.
	 * @throws Exception when the server does not start
	 */
	@Setup(Level.Trial)
	public void start() throws Exception {
		this.server = EmbeddedNatsServer.builder().startupTimeout(Duration.ofSeconds(30)).start();
		this.connection = connect();
		new JetStreamProvisioner(this.connection, CONFIG).provision();
		this.factory = NatsRepositoryFactory.builder(this.connection, CONFIG).build();
		this.eventStore = this.factory.getEventStore();
		this.repository = this.factory.getRepository(Ledger.class);
	}

	/**
	 * Close the connections and stop the server.
	 * @throws InterruptedException when interrupted while closing
	 */
	@TearDown(Level.Trial)
	public void stop() throws InterruptedException {
		this.factory.close();
		synchronized (this.connections) {
			for (Connection opened : this.connections) {
				opened.close();
			}
			this.connections.clear();
		}
		this.server.close();
	}

	/**
	 * Open another connection to the server, closed with it.
	 * @return the connection
	 * @throws IOException when the server cannot be reached
	 * @throws InterruptedException when interrupted while connecting
	 */
	public Connection connect() throws IOException, InterruptedException {
		Connection opened = Nats.connect(Options.builder().server(this.server.url()).build());
		synchronized (this.connections) {
			this.connections.add(opened);
		}
		return opened;
	}

	/**
	 * A new aggregate id, unique in the run.
	 * @param prefix what the id starts with
	 * @return the id
	 */
	public String newId(String prefix) {
		return prefix + "-" + RUN + "-" + this.ids.incrementAndGet();
	}

	/**
	 * The connection the store uses.
	 * @return the connection
	 */
	public Connection connection() {
		return this.connection;
	}

	/**
	 * JetStream on the store's connection.
	 * @return JetStream
	 * @throws IOException when JetStream is not available
	 */
	public JetStream jetStream() throws IOException {
		return this.connection.jetStream();
	}

	/**
	 * JetStream management on the store's connection.
	 * @return the management API
	 * @throws IOException when JetStream is not available
	 */
	public JetStreamManagement management() throws IOException {
		return this.connection.jetStreamManagement();
	}

	/**
	 * The event store on the store's connection.
	 * @return the event store
	 */
	public EventStore eventStore() {
		return this.eventStore;
	}

	/**
	 * The ledger repository on the store's connection.
	 * @return the repository
	 */
	public NatsRepository<Ledger> repository() {
		return this.repository;
	}

	/**
	 * Store a ledger of some events with the repository, in saves of at most 1000 events,
	 * so that its state, its snapshot (every 100 versions) and the cache are written as
	 * an application's would be.
	 * @param id the ledger's id
	 * @param events how many events, at least 1
	 * @return the ledger as saved
	 */
	public Ledger saveLedger(String id, int events) {
		Ledger ledger = new Ledger();
		int count = Math.min(1000, events);
		LoadedAggregate<Ledger> current = this.repository.save(ledger, Ledger.openAndCredit(id, count));
		int saved = count;
		while (saved < events) {
			count = Math.min(1000, events - saved);
			current = this.repository.save(current, Ledger.credits(count));
			saved += count;
		}
		// The state and snapshot are written without blocking the saves: wait for them.
		this.repository.flush(java.time.Duration.ofSeconds(30));
		return ledger;
	}

	/**
	 * The reference of a ledger.
	 * @param id the ledger's id
	 * @return the reference
	 */
	public AggregateRef ledger(String id) {
		return this.repository.getDescriptor().ref(id);
	}

	/**
	 * The store's subjects.
	 * @return the subjects
	 */
	public StoreSubjects subjects() {
		return StoreSubjects.of(CONFIG);
	}

}
