package dev.cim.persistence.readmodel;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import dev.cim.persistence.event.EventBlockCodec;
import dev.cim.persistence.nats.NatsExceptionTranslator;
import dev.cim.persistence.nats.NatsRepositoryConfig;
import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.Message;
import io.nats.client.api.ConsumerInfo;
import org.jspecify.annotations.Nullable;

/**
 * One projection: a thread that pulls the events of one read model from its durable
 * consumer, applies them to one slot, acknowledges them, and keeps the projection's
 * status. When it fills a slot that is not yet active (a rebuild), it makes the slot
 * active once it has caught up, then deletes the old slot's consumer and entries.
 *
 * @param <T> the read model's class
 */
final class Projection<T> implements Runnable {

	private static final System.Logger logger = System.getLogger(Projection.class.getName());

	private final ReadModelDefinition<T> definition;

	private final Connection connection;

	private final NatsRepositoryConfig config;

	private final ReadModelStore store;

	private final ProjectionStatusStore statusStore;

	private final ProjectionOptions options;

	private final ProjectionObserver observer;

	private final Clock clock = Clock.systemUTC();

	private final String slot;

	private final EventApplier<T> applier;

	private final BatchApplier<T> batchApplier;

	private final RecentFailures failures;

	private volatile boolean rebuilding;

	private volatile boolean running;

	private volatile ProjectionState state;

	private volatile @Nullable String activeSlot;

	private volatile long lastSequence;

	private volatile long lag = -1;

	private boolean indexesBuilt;

	private @Nullable Thread thread;

	Projection(ReadModelDefinition<T> definition, Connection connection, NatsRepositoryConfig config,
			ReadModelStore store, ProjectionStatusStore statusStore, ProjectionOptions options,
			ProjectionObserver observer, String slot, boolean rebuilding, @Nullable String activeSlot) {
		this.definition = definition;
		this.connection = connection;
		this.config = config;
		this.store = store;
		this.statusStore = statusStore;
		this.options = options;
		this.observer = observer;
		this.failures = new RecentFailures(options.maxRecordedFailures());
		this.slot = slot;
		this.rebuilding = rebuilding;
		this.activeSlot = activeSlot;
		this.state = rebuilding ? ProjectionState.REBUILDING : ProjectionState.CATCHING_UP;
		this.applier = new EventApplier<>(definition, store, new EventBlockCodec(config.enableIpld()), options,
				this.clock, slot);
		this.batchApplier = new BatchApplier<>(this.applier, store, options, connection);
	}

	String name() {
		return this.definition.type();
	}

	String slot() {
		return this.slot;
	}

	ProjectionState state() {
		return this.state;
	}

	String consumerName() {
		return ReadModelKeys.consumer(this.options.consumerPrefix(), name(), this.slot);
	}

	synchronized void start() {
		ensureConsumer();
		// Keep the failures recorded by an earlier run of the same slot.
		this.statusStore.find(name()).filter((previous) -> this.slot.equals(previous.slot())).ifPresent((previous) -> {
			this.failures.addAll(previous.failures());
			this.lastSequence = previous.lastSequence();
		});
		this.running = true;
		writeStatus();
		Thread worker = new Thread(this, "cim-projection-" + name() + "-" + this.slot);
		worker.setDaemon(true);
		this.thread = worker;
		worker.start();
	}

	void requestStop() {
		this.running = false;
	}

	/**
	 * Stop after the events in hand are applied and acknowledged.
	 * @return whether the thread ended within the stop timeout
	 */
	synchronized boolean stop() {
		this.running = false;
		return WorkerThreads.awaitEnd(this.thread, this.options.stopTimeout());
	}

	@Override
	public void run() {
		PinnedPuller puller = new PinnedPuller(this.connection, this.config.eventStreamName(), consumerName());
		try {
			boolean recover = false;
			while (this.running && this.state != ProjectionState.FAILED) {
				try {
					if (recover) {
						// Events in hand may be unacknowledged: give up the pin, so that
						// whoever gets it next (this instance or another) checks for them
						// before applying anything.
						puller.reset();
						this.connection.flush(Duration.ofSeconds(5));
						ensureConsumerExists();
						recover = false;
					}
					if (!this.indexesBuilt) {
						// Before anything is applied: the slot's indexes that are not
						// complete yet are built from the entries already in it.
						this.applier.indexWriter().buildMissing(this.activeSlot);
						this.indexesBuilt = true;
					}
					pullOnce(puller);
					afterBatch();
				}
				catch (Exception ex) {
					if (connectionClosed() || ex instanceof InterruptedException) {
						return;
					}
					logger.log(System.Logger.Level.WARNING, "projection " + name() + " will retry: " + ex, ex);
					this.applier.forget();
					recover = true;
					Thread.sleep(this.options.fetchTimeout().toMillis());
				}
			}
			if (this.state != ProjectionState.FAILED && !connectionClosed()) {
				setState(ProjectionState.STOPPED);
			}
			if (!connectionClosed()) {
				this.connection.flush(Duration.ofSeconds(5));
				writeStatus();
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (Exception ex) {
			if (!connectionClosed()) {
				logger.log(System.Logger.Level.ERROR, "projection " + name() + " ended: " + ex, ex);
				setState(ProjectionState.FAILED);
				writeStatus();
			}
		}
		finally {
			if (!connectionClosed()) {
				// Let another instance take over at once.
				puller.close();
			}
		}
	}

	private void pullOnce(PinnedPuller puller) throws Exception {
		// Every event fetched is applied and acknowledged, even when a stop is requested
		// meanwhile: that is the graceful drain.
		PinnedPuller.Batch batch = puller.pull(this.options.batchSize(), this.options.fetchTimeout());
		List<Message> messages = batch.messages();
		if (messages.isEmpty()) {
			return;
		}
		if (batch.newPin()) {
			// Another instance may have written entries since this one last held the pin.
			this.applier.forget();
			if (ProjectionConsumers.rewindIfHeldElsewhere(this.connection, this.config, this.options, this.definition,
					this.slot, messages.size())) {
				logger.log(System.Logger.Level.INFO, "projection " + name()
						+ " took over with events of an earlier holder unacknowledged; replaying from them");
				puller.reset();
				return;
			}
		}
		// Applied as one batch, each entry read and written once. Every write is
		// confirmed before the first acknowledgement, so a crash in between only leads
		// to a redelivery, which the entries' sequences make harmless. The consumer's
		// ack policy is explicit, so each event is acknowledged on its own.
		List<EventApplier.@Nullable Result> results = ReadModelObservations
			.projectionBatch(this.store.observationRegistry(), name(), () -> this.batchApplier.apply(messages));
		for (int i = 0; i < messages.size(); i++) {
			Message message = messages.get(i);
			EventApplier.Result result = results.get(i);
			if (this.state == ProjectionState.FAILED || result == null) {
				message.nak();
			}
			else {
				handle(message, result);
			}
		}
	}

	private void handle(Message message, EventApplier.Result result) {
		long sequence = message.metaData().streamSequence();
		switch (result.kind()) {
			case APPLIED -> {
				message.ack();
				String subject = message.getSubject();
				String[] tokens = subject.split("\\.");
				this.observer.applied(name(), (tokens.length > 1) ? tokens[tokens.length - 2] : subject, sequence);
			}
			case SKIPPED -> {
				message.ack();
				this.observer.skipped(name(), sequence);
			}
			case IGNORED -> message.ack();
			case FAILED -> giveUp(message, sequence, result);
		}
	}

	private void giveUp(Message message, long sequence, EventApplier.Result result) {
		Exception error = result.error();
		String text = (error != null) ? error.getClass().getName() + ": " + error.getMessage() : "unknown";
		ProjectionFailure failure = new ProjectionFailure(sequence, message.getSubject(), text, result.attempts(),
				this.clock.instant());
		this.failures.add(failure);
		this.observer.failed(name(), failure);
		if (this.options.failurePolicy() == FailurePolicy.CONTINUE) {
			message.term();
		}
		else {
			message.nak();
			setState(ProjectionState.FAILED);
			writeStatus();
		}
	}

	private void afterBatch() throws Exception {
		this.connection.flush(Duration.ofSeconds(5));
		long streamLast = streamLastSequence();
		long reached = reachedSequence(
				this.connection.jetStreamManagement().getConsumerInfo(this.config.eventStreamName(), consumerName()),
				streamLast);
		this.lastSequence = Math.max(this.lastSequence, reached);
		this.observer.lag(name(), this.lag);
		if (this.lag == 0 && this.state != ProjectionState.FAILED) {
			if (this.rebuilding) {
				switchOver();
			}
			else if (this.state != ProjectionState.LIVE) {
				setState(ProjectionState.LIVE);
			}
		}
		writeStatus();
	}

	/**
	 * The stream sequence up to which every event this projection handles has been
	 * processed, from fresh consumer and stream information.
	 */
	long reachedSequence() throws IOException, JetStreamApiException {
		long streamLast = streamLastSequence();
		ConsumerInfo info = this.connection.jetStreamManagement()
			.getConsumerInfo(this.config.eventStreamName(), consumerName());
		return reachedSequence(info, streamLast);
	}

	private long reachedSequence(ConsumerInfo info, long streamLastBefore) {
		this.lag = info.getNumPending();
		long floor = info.getAckFloor().getStreamSequence();
		// The stream's last sequence was read before the consumer: nothing pending and
		// nothing unacknowledged then means every matching event up to it is processed.
		return (info.getNumPending() == 0 && info.getNumAckPending() == 0) ? Math.max(floor, streamLastBefore) : floor;
	}

	private long streamLastSequence() throws IOException, JetStreamApiException {
		return this.connection.jetStreamManagement()
			.getStreamInfo(this.config.eventStreamName())
			.getStreamState()
			.getLastSequence();
	}

	private void switchOver() throws IOException, JetStreamApiException {
		Optional<ReadModelStore.Versioned<ActiveVersion>> active = this.store.readActive(name());
		if (active.isEmpty() || !this.slot.equals(active.get().value().building())) {
			// Someone else switched, or a newer rebuild replaced this one.
			this.rebuilding = active.isPresent() && !this.slot.equals(active.get().value().slot());
			return;
		}
		String old = active.get().value().slot();
		if (!this.store.writeActive(name(), new ActiveVersion(this.slot, null), active.get().revision())) {
			return;
		}
		this.rebuilding = false;
		this.activeSlot = this.slot;
		setState(ProjectionState.LIVE);
		ProjectionConsumers.retire(this.connection, this.config, this.options, name(), old);
	}

	private void ensureConsumer() {
		try {
			ensureConsumerExists();
		}
		catch (IOException | JetStreamApiException ex) {
			throw NatsExceptionTranslator.translate("creating the consumer of projection " + name(), ex);
		}
	}

	private void ensureConsumerExists() throws IOException, JetStreamApiException {
		ProjectionConsumers.ensure(this.connection, this.config, this.options, this.definition, this.slot);
	}

	private void setState(ProjectionState state) {
		if (this.state != state) {
			this.state = state;
			this.observer.stateChanged(name(), state);
		}
	}

	ProjectionStatus status() {
		return new ProjectionStatus(name(), this.state, this.definition.version(), this.slot, this.activeSlot,
				this.lastSequence, Math.max(this.lag, 0), this.failures.list(), this.clock.instant());
	}

	private void writeStatus() {
		try {
			this.statusStore.write(status());
		}
		catch (RuntimeException ex) {
			logger.log(System.Logger.Level.WARNING, "status of projection " + name() + " not written: " + ex);
		}
	}

	private boolean connectionClosed() {
		return this.connection.getStatus() == Connection.Status.CLOSED;
	}

}
