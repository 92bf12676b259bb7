package dev.cim.persistence.testsupport;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.UnaryOperator;

import dev.cim.persistence.nats.JetStreamProvisioner;
import dev.cim.persistence.nats.NatsRepositoryConfig;
import dev.cim.persistence.repository.EventSourced;
import dev.cim.persistence.repository.RepositoryObserver;
import dev.cim.persistence.repository.support.EventStore;
import dev.cim.persistence.repository.support.NatsRepository;
import dev.cim.persistence.repository.support.NatsRepositoryFactory;
import io.nats.client.Connection;
import io.nats.client.JetStreamManagement;

/**
 * A store provisioned on the test's nats-server under a prefix no other store uses: its
 * streams, buckets and subjects are named after the prefix, so tests never share state by
 * accident. Tests receive one as a parameter (see {@link ProvisionedStoreExtension} and
 * {@link StoreSettings}); it is closed, with its connection and the factories it made,
 * after the test method, or after the class when a {@code @BeforeAll} method received it.
 */
public final class ProvisionedStore implements AutoCloseable {

	private final NatsTestServer server;

	private final Connection connection;

	private final NatsRepositoryConfig config;

	private final NatsRepositoryFactory factory;

	private final EventStore eventStore;

	private final List<Runnable> owned = new ArrayList<>();

	private ProvisionedStore(NatsTestServer server, Connection connection, NatsRepositoryConfig config) {
		this.server = server;
		this.connection = connection;
		this.config = config;
		this.factory = NatsRepositoryFactory.builder(connection, config).observer(RepositoryObserver.NONE).build();
		this.eventStore = this.factory.getEventStore();
	}

	/**
	 * Provision a store with a fresh prefix on the given server.
	 * @param server the server
	 * @param settings adjusts the configuration after the names are set (the names may be
	 * overridden too, at the risk of sharing them)
	 * @return the provisioned store, which the caller closes
	 */
	public static ProvisionedStore provision(NatsTestServer server,
			UnaryOperator<NatsRepositoryConfig.Builder> settings) {
		return provision(server, NatsRepositoryConfig.builder(), settings);
	}

	private static ProvisionedStore provision(NatsTestServer server, NatsRepositoryConfig.Builder base,
			UnaryOperator<NatsRepositoryConfig.Builder> settings) {
		String prefix = newPrefix();
		NatsRepositoryConfig config = settings.apply(named(base, prefix)).build();
		try {
			Connection connection = server.connect();
			new JetStreamProvisioner(connection, config).provision();
			return new ProvisionedStore(server, connection, config);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while connecting to " + server, ex);
		}
		catch (java.io.IOException ex) {
			throw new java.io.UncheckedIOException("Could not connect to " + server, ex);
		}
	}

	private static String newPrefix() {
		return "t" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
	}

	private static NatsRepositoryConfig.Builder named(NatsRepositoryConfig.Builder builder, String prefix) {
		return builder.eventStreamName(prefix + "_EVENTS")
			.aggregateStreamName(prefix + "_AGGREGATES")
			.snapshotBucket(prefix + "_snapshots")
			.snapshotObjectBucket(prefix + "_snapshot_objects")
			.readModelBucket(prefix + "_readmodels")
			.indexBucket(prefix + "_indexes")
			.subjectPrefix(prefix);
	}

	/**
	 * The connection the store was provisioned and is used through.
	 * @return the connection, closed with the store
	 */
	public Connection connection() {
		return this.connection;
	}

	/**
	 * JetStream management on the store's connection.
	 * @return the management context
	 */
	public JetStreamManagement jetStreamManagement() {
		try {
			return this.connection.jetStreamManagement();
		}
		catch (java.io.IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

	/**
	 * The store's configuration, with its own stream, bucket and subject names.
	 * @return the configuration
	 */
	public NatsRepositoryConfig config() {
		return this.config;
	}

	/**
	 * The subject prefix, also the start of every stream and bucket name of the store.
	 * @return the prefix
	 */
	public String prefix() {
		return this.config.subjectPrefix();
	}

	/**
	 * The factory of the store's repositories, without an observer.
	 * @return the factory, closed with the store
	 */
	public NatsRepositoryFactory factory() {
		return this.factory;
	}

	/**
	 * A factory of repositories that report to an observer, closed with the store.
	 * @param observer the observer
	 * @return a new factory on the store's connection and configuration
	 */
	public NatsRepositoryFactory factory(RepositoryObserver observer) {
		NatsRepositoryFactory observed = NatsRepositoryFactory.builder(this.connection, this.config)
			.observer(observer)
			.build();
		synchronized (this.owned) {
			this.owned.add(observed::close);
		}
		return observed;
	}

	/**
	 * The event store on the same parts as the repositories of {@link #factory()}.
	 * @return the event store
	 */
	public EventStore eventStore() {
		return this.eventStore;
	}

	/**
	 * A new repository of {@link #factory()}.
	 * @param <T> the aggregate type
	 * @param type an {@code @Aggregate} class
	 * @return the repository
	 */
	public <T extends EventSourced<?>> NatsRepository<T> repository(Class<T> type) {
		return this.factory.getRepository(type);
	}

	/**
	 * A new repository that reports to an observer, from a factory of its own.
	 * @param <T> the aggregate type
	 * @param type an {@code @Aggregate} class
	 * @param observer the observer
	 * @return the repository
	 */
	public <T extends EventSourced<?>> NatsRepository<T> repository(Class<T> type, RepositoryObserver observer) {
		return factory(observer).getRepository(type);
	}

	/**
	 * Provision a second store, with a fresh prefix and this store's settings adjusted;
	 * it is closed with this one.
	 * @param settings adjusts the configuration, for example
	 * {@code (config) -> config.ipldCodec("dag-cbor")}
	 * @return the other store
	 */
	public ProvisionedStore config(UnaryOperator<NatsRepositoryConfig.Builder> settings) {
		ProvisionedStore other = provision(this.server, this.config.toBuilder(), settings);
		synchronized (this.owned) {
			this.owned.add(other::close);
		}
		return other;
	}

	/**
	 * Close the factories and stores made from this one, then this store's factory and
	 * connection. The streams and buckets are left for the server to drop.
	 */
	@Override
	public void close() {
		List<Runnable> closing;
		synchronized (this.owned) {
			closing = new ArrayList<>(this.owned);
			this.owned.clear();
		}
		closing.forEach(Runnable::run);
		this.factory.close();
		try {
			this.connection.close();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public String toString() {
		return "ProvisionedStore[" + prefix() + " on " + this.server.url() + "]";
	}

}
