package dev.cim.persistence.repository.support;

import java.time.Clock;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.cim.persistence.nats.NatsRepositoryConfig;
import io.micrometer.observation.ObservationRegistry;
import io.nats.client.Connection;
import org.jspecify.annotations.Nullable;
import dev.cim.persistence.repository.EventSourced;
import dev.cim.persistence.repository.RepositoryObserver;

/**
 * Builds the repositories of one store: wires the engine's shared parts (event reader and
 * appender, state and snapshot stores) once on a connection, and creates a
 * {@link NatsRepository} per aggregate class on them. Closing the factory shuts down the
 * executor it owns (the one that runs the blocking parts of asynchronous saves), unless
 * the executor was given to it.
 *
 * <pre>{@code
 * NatsRepositoryFactory factory = NatsRepositoryFactory.builder(connection, config).build();
 * NatsRepository<Order> orders = factory.getRepository(Order.class);
 * }</pre>
 */
public final class NatsRepositoryFactory implements AutoCloseable {

	private final StoreParts parts;

	private final RepositoryObserver observer;

	private final ObservationRegistry observations;

	private final @Nullable ExecutorService ownedExecutor;

	private NatsRepositoryFactory(Builder builder) {
		ExecutorService owned = null;
		java.util.concurrent.Executor executor = builder.executor;
		if (executor == null) {
			owned = newExecutor();
			executor = owned;
		}
		this.ownedExecutor = owned;
		this.parts = StoreParts.wire(EventParts.wire(builder.connection, builder.config, builder.clock, executor));
		this.observer = builder.observer;
		this.observations = builder.observations;
	}

	/**
	 * Start building a factory. The streams and buckets must exist (see
	 * {@link dev.cim.persistence.nats.JetStreamProvisioner}).
	 * @param connection the connection
	 * @param config the layout
	 * @return a builder
	 */
	public static Builder builder(Connection connection, NatsRepositoryConfig config) {
		return new Builder(connection, config);
	}

	/**
	 * Create a repository for an aggregate class.
	 * @param <T> the aggregate type
	 * @param aggregateClass an
	 * {@link dev.cim.persistence.repository.Aggregate @Aggregate} class
	 * @return a new repository
	 * @throws IllegalArgumentException when the class is not a valid aggregate
	 */
	public <T extends EventSourced<?>> NatsRepository<T> getRepository(Class<T> aggregateClass) {
		return getRepository(AggregateDescriptor.of(aggregateClass));
	}

	/**
	 * Create a repository for a described aggregate type.
	 * @param <T> the aggregate type
	 * @param descriptor the aggregate type
	 * @return a new repository
	 */
	public <T extends EventSourced<?>> NatsRepository<T> getRepository(AggregateDescriptor<T> descriptor) {
		return new NatsRepository<>(descriptor, this.parts,
				new RepositoryInstrumentation(this.observations, this.observer, descriptor.toString()));
	}

	/**
	 * An event store on the same parts as the repositories.
	 * @return the event store
	 */
	public EventStore getEventStore() {
		return new EventStore(this.parts.events());
	}

	/**
	 * Shut down the executor the factory made, waiting briefly for asynchronous saves in
	 * flight.
	 */
	@Override
	public void close() {
		ExecutorService executor = this.ownedExecutor;
		if (executor != null) {
			executor.shutdown();
			try {
				if (!executor.awaitTermination(5, TimeUnit.SECONDS)) {
					executor.shutdownNow();
				}
			}
			catch (InterruptedException ex) {
				executor.shutdownNow();
				Thread.currentThread().interrupt();
			}
		}
	}

	private static ExecutorService newExecutor() {
		AtomicInteger count = new AtomicInteger();
		return Executors.newCachedThreadPool((task) -> {
			Thread thread = new Thread(task, "cim-append-" + count.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		});
	}

	/**
	 * Builds a {@link NatsRepositoryFactory}.
	 */
	public static final class Builder {

		private final Connection connection;

		private final NatsRepositoryConfig config;

		private RepositoryObserver observer = RepositoryObserver.NONE;

		private ObservationRegistry observations = ObservationRegistry.NOOP;

		private java.util.concurrent.@Nullable Executor executor;

		private Clock clock = Clock.systemUTC();

		private Builder(Connection connection, NatsRepositoryConfig config) {
			this.connection = Objects.requireNonNull(connection, "connection");
			this.config = Objects.requireNonNull(config, "config");
		}

		/**
		 * Receive what the repositories do, for counters.
		 * @param observer the observer
		 * @return this builder
		 */
		public Builder observer(RepositoryObserver observer) {
			this.observer = Objects.requireNonNull(observer, "observer");
			return this;
		}

		/**
		 * Observe saves and loads with Micrometer's Observation API.
		 * @param registry the registry
		 * @return this builder
		 */
		public Builder observationRegistry(ObservationRegistry registry) {
			this.observations = Objects.requireNonNull(registry, "registry");
			return this;
		}

		/**
		 * Run the blocking parts of asynchronous saves on this executor; the factory does
		 * not shut it down. Without one, the factory makes its own and shuts it down on
		 * {@link NatsRepositoryFactory#close()}.
		 * @param executor the executor
		 * @return this builder
		 */
		public Builder executor(java.util.concurrent.Executor executor) {
			this.executor = Objects.requireNonNull(executor, "executor");
			return this;
		}

		/**
		 * Take event timestamps from this clock.
		 * @param clock the clock
		 * @return this builder
		 */
		public Builder clock(Clock clock) {
			this.clock = Objects.requireNonNull(clock, "clock");
			return this;
		}

		/**
		 * Build the factory.
		 * @return the factory
		 * @throws org.springframework.dao.DataAccessException when JetStream cannot be
		 * opened on the connection
		 */
		public NatsRepositoryFactory build() {
			return new NatsRepositoryFactory(this);
		}

	}

}
