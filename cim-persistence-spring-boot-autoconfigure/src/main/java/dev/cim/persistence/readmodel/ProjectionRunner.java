package dev.cim.persistence.readmodel;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.cim.persistence.nats.NatsExceptionTranslator;
import dev.cim.persistence.nats.NatsRepositoryConfig;
import io.micrometer.observation.ObservationRegistry;
import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import org.jspecify.annotations.Nullable;

/**
 * Runs one projection per read model: a durable pull consumer on the event stream,
 * filtered to the event types the read model handles, feeding one slot of the read-model
 * bucket on its own thread.
 *
 * <p>
 * On {@link #start()} each projection finds its slot from the {@code {type}.active}
 * record (see {@link ReadModelKeys}): the first version of a read model becomes active at
 * once; a version higher than the active one is built into its own slot from the first
 * event ({@link ProjectionState#REBUILDING}) while reads stay on the active slot, and
 * becomes active when it has caught up, after which the old slot's consumer is deleted
 * and its entries purged. {@link #rebuild(String)} does the same for the current version.
 *
 * <p>
 * Events are applied exactly once per entry: each entry keeps the sequence of the last
 * event applied and skips any event at or below it, and writes are compare-and-set on the
 * entry's revision. Several processes may run the same projections (instances of one
 * application): each consumer's pinned-client priority group lets one of them consume at
 * a time, and another takes over when that one stops asking for events for the pinned TTL
 * (see the consumers' priority groups in {@code ProjectionConsumers}).
 *
 * <p>
 * Each projection also keeps the secondary indexes of its slot in step ({@link Indexed}
 * fields and those made with {@link ReadModelIndexes#createIndex}): the new index entries
 * are written before the entries, the stale ones deleted after them, and a rebuild fills
 * the new slot's indexes as it fills the slot.
 *
 * <p>
 * Thread-safe.
 */
public class ProjectionRunner implements AutoCloseable {

	private static final Duration AWAIT_POLL = Duration.ofMillis(20);

	private final Connection connection;

	private final NatsRepositoryConfig config;

	private final ProjectionOptions options;

	private final ProjectionObserver observer;

	private final ReadModelStore store;

	private final Map<String, ReadModelDefinition<?>> definitions = new LinkedHashMap<>();

	private final Map<String, Projection<?>> projections = new LinkedHashMap<>();

	private @Nullable ProjectionStatusStore statusStore;

	/**
	 * Create a runner with default options and no observer.
	 * @param connection the connection
	 * @param config the layout
	 * @param readModels the read models to project
	 * @throws IllegalArgumentException when two read models share a type
	 */
	public ProjectionRunner(Connection connection, NatsRepositoryConfig config,
			Collection<? extends ReadModelDefinition<?>> readModels) {
		this(connection, config, readModels, ProjectionOptions.defaults(), ProjectionObserver.NONE);
	}

	/**
	 * Create a runner. The event stream and the read-model bucket must exist (see
	 * {@link dev.cim.persistence.nats.JetStreamProvisioner}); the status bucket is
	 * created on start when it is missing.
	 * @param connection the connection
	 * @param config the layout
	 * @param readModels the read models to project
	 * @param options how to consume and apply events
	 * @param observer receives what the projections do
	 * @throws IllegalArgumentException when two read models share a type
	 */
	public ProjectionRunner(Connection connection, NatsRepositoryConfig config,
			Collection<? extends ReadModelDefinition<?>> readModels, ProjectionOptions options,
			ProjectionObserver observer) {
		this(connection, config, readModels, options, observer, ObservationRegistry.NOOP);
	}

	/**
	 * Create a runner whose batches and store reads are observed (see
	 * {@link ReadModelObservationDocumentation}). The event stream and the read-model
	 * bucket must exist (see {@link dev.cim.persistence.nats.JetStreamProvisioner}); the
	 * status bucket is created on start when it is missing.
	 * @param connection the connection
	 * @param config the layout
	 * @param readModels the read models to project
	 * @param options how to consume and apply events
	 * @param observer receives what the projections do
	 * @param observationRegistry the registry of the observations
	 * @throws IllegalArgumentException when two read models share a type
	 */
	public ProjectionRunner(Connection connection, NatsRepositoryConfig config,
			Collection<? extends ReadModelDefinition<?>> readModels, ProjectionOptions options,
			ProjectionObserver observer, ObservationRegistry observationRegistry) {
		this.connection = connection;
		this.config = config;
		this.options = options;
		this.observer = observer;
		this.store = new ReadModelStore(connection, config, observationRegistry);
		for (ReadModelDefinition<?> definition : readModels) {
			ReadModelDefinition<?> previous = this.definitions.putIfAbsent(definition.type(), definition);
			if (previous != null) {
				throw new IllegalArgumentException("read model type '" + definition.type() + "' is declared by both "
						+ previous.modelClass().getName() + " and " + definition.modelClass().getName());
			}
		}
	}

	/**
	 * Start every projection. Does nothing when already started.
	 * @throws org.springframework.dao.DataAccessException when a consumer or bucket
	 * cannot be created
	 */
	public synchronized void start() {
		if (!this.projections.isEmpty()) {
			return;
		}
		for (ReadModelDefinition<?> definition : this.definitions.values()) {
			start(definition,
					SlotPlan.plan(this.store, definition, (abandoned) -> retire(definition.type(), abandoned)));
		}
	}

	private void start(ReadModelDefinition<?> definition, SlotPlan plan) {
		Projection<?> projection = new Projection<>(definition, this.connection, this.config, this.store, statusStore(),
				this.options, this.observer, plan.slot(), plan.rebuilding(), plan.activeSlot());
		projection.start();
		this.projections.put(definition.type(), projection);
	}

	/**
	 * Stop every projection after it has applied and acknowledged the events in hand,
	 * waiting for each at most the configured stop timeout.
	 * @return whether every projection stopped within its timeout
	 */
	public synchronized boolean stop() {
		boolean stopped = true;
		for (Projection<?> projection : this.projections.values()) {
			stopped &= projection.stop();
		}
		this.projections.clear();
		return stopped;
	}

	/**
	 * Ask every projection to stop after the events in hand, without waiting.
	 */
	synchronized void requestStop() {
		this.projections.values().forEach(Projection::requestStop);
	}

	/**
	 * Stop every projection (see {@link #stop()}).
	 */
	@Override
	public void close() {
		stop();
	}

	/**
	 * Whether the projections are started.
	 * @return {@code true} between {@link #start()} and {@link #stop()}
	 */
	public synchronized boolean isRunning() {
		return !this.projections.isEmpty();
	}

	/**
	 * Rebuild a read model from the first event into a new slot, while the active slot
	 * keeps serving reads; the new slot becomes active when it has caught up. A rebuild
	 * already in progress is abandoned.
	 * @param type the read-model type
	 * @throws IllegalArgumentException when this runner does not project that type
	 * @throws IllegalStateException when a newer version of the read model is active
	 * @throws org.springframework.dao.DataAccessException when the store cannot be
	 * reached
	 */
	public synchronized void rebuild(String type) {
		ReadModelDefinition<?> definition = definition(type);
		Projection<?> running = this.projections.remove(type);
		if (running != null) {
			running.stop();
		}
		SlotPlan plan = SlotPlan.rebuild(this.store, definition, (abandoned) -> retire(type, abandoned));
		if (running != null || !this.projections.isEmpty()) {
			start(definition, plan);
		}
	}

	private void retire(String type, String slot) {
		try {
			ProjectionConsumers.retire(this.connection, this.config, this.options, type, slot);
		}
		catch (IOException | JetStreamApiException | IllegalStateException ex) {
			throw NatsExceptionTranslator.translate("deleting slot " + slot + " of " + type, ex);
		}
	}

	/**
	 * Wait until a projection has processed every event it handles up to a stream
	 * sequence (an event it does not handle needs nothing), for read-your-writes: after a
	 * save whose last event has sequence {@code n}, {@code awaitSequence(type, n, …)}
	 * makes the next read see it.
	 * @param type the read-model type
	 * @param sequence the stream sequence
	 * @param timeout how long to wait
	 * @throws ProjectionTimeoutException when the sequence is not reached in time
	 * @throws ProjectionFailedException when the projection has stopped on a failure
	 * @throws IllegalArgumentException when this runner does not project that type
	 * @throws org.springframework.dao.DataAccessException when the server cannot be
	 * reached
	 */
	public void awaitSequence(String type, long sequence, Duration timeout) {
		definition(type);
		long deadline = System.nanoTime() + timeout.toNanos();
		long reached = 0;
		while (true) {
			Projection<?> projection = projection(type);
			if (projection.state() == ProjectionState.FAILED) {
				throw new ProjectionFailedException(type, "projection " + type + " is failed and will not reach stream"
						+ " sequence " + sequence + " until it is started again");
			}
			try {
				reached = projection.reachedSequence();
			}
			catch (IOException | JetStreamApiException | IllegalStateException ex) {
				// No answer, or no consumer for a moment, while a replicated stream
				// elects a
				// leader (the projection recreates a missing consumer), or the connection
				// is
				// reconnecting: ask again until the deadline.
				if (deadline - System.nanoTime() <= 0) {
					throw NatsExceptionTranslator.translate("reading the position of projection " + type, ex);
				}
			}
			if (reached >= sequence) {
				return;
			}
			long remaining = deadline - System.nanoTime();
			if (remaining <= 0) {
				throw new ProjectionTimeoutException(type, sequence, reached, timeout);
			}
			try {
				Thread.sleep(Math.max(1, Math.min(AWAIT_POLL.toMillis(), remaining / 1_000_000)));
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new ProjectionTimeoutException(type, sequence, reached, timeout);
			}
		}
	}

	/**
	 * Wait until the projection of a read-model class has reached a stream sequence (see
	 * {@link #awaitSequence(String, long, Duration)}).
	 * @param modelClass the read model's class
	 * @param sequence the stream sequence
	 * @param timeout how long to wait
	 * @throws ProjectionTimeoutException when the sequence is not reached in time
	 * @throws ProjectionFailedException when the projection has stopped on a failure
	 */
	public void awaitSequence(Class<?> modelClass, long sequence, Duration timeout) {
		awaitSequence(ReadModelStore.definition(modelClass).type(), sequence, timeout);
	}

	/**
	 * The status of a projection as this runner knows it now.
	 * @param type the read-model type
	 * @return the status, or empty when this runner is not running that projection
	 */
	public synchronized Optional<ProjectionStatus> status(String type) {
		Projection<?> projection = this.projections.get(type);
		return (projection != null) ? Optional.of(projection.status()) : Optional.empty();
	}

	/**
	 * The status of every projection this runner is running.
	 * @return the statuses
	 */
	public synchronized List<ProjectionStatus> statuses() {
		List<ProjectionStatus> statuses = new ArrayList<>();
		this.projections.values().forEach((projection) -> statuses.add(projection.status()));
		return statuses;
	}

	/**
	 * The store this runner writes to, for reading the read models.
	 * @return the store
	 */
	public ReadModelStore store() {
		return this.store;
	}

	/**
	 * The status bucket, for reading the status every process recorded.
	 * @return the status store
	 */
	public synchronized ProjectionStatusStore statusStore() {
		if (this.statusStore == null) {
			this.statusStore = new ProjectionStatusStore(this.connection, this.config, this.options);
		}
		return this.statusStore;
	}

	private ReadModelDefinition<?> definition(String type) {
		ReadModelDefinition<?> definition = this.definitions.get(type);
		if (definition == null) {
			throw new IllegalArgumentException("no read model of type '" + type + "' is projected here");
		}
		return definition;
	}

	private synchronized Projection<?> projection(String type) {
		Projection<?> projection = this.projections.get(type);
		if (projection == null) {
			throw new IllegalStateException("projection " + type + " is not running");
		}
		return projection;
	}

}
