package dev.cim.persistence.eventroute;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

import dev.cim.persistence.nats.NatsExceptionTranslator;
import dev.cim.persistence.nats.NatsRepositoryConfig;
import dev.cim.persistence.readmodel.PinnedConsumers;
import dev.cim.persistence.readmodel.PinnedPuller;
import dev.cim.persistence.readmodel.WorkerThreads;
import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.Message;
import io.nats.client.api.ConsumerConfiguration;
import org.jspecify.annotations.Nullable;

/**
 * One group of routed handlers: a thread that pulls the group's events from its durable
 * pinned consumer, dispatches each to the matching handlers, parks it when they keep
 * failing, and acknowledges it only then. With several instances, one holds the pin and
 * the others wait; an instance taking over with events of an earlier holder
 * unacknowledged rewinds the consumer to them, so nothing is skipped (at least once).
 */
final class RouteGroup implements Runnable {

	private static final System.Logger logger = System.getLogger(RouteGroup.class.getName());

	private final GroupRoutes routes;

	private final Connection connection;

	private final NatsRepositoryConfig config;

	private final EventRouteOptions options;

	private final HandlerDispatcher dispatcher;

	private final ParkedEventStore parked;

	private final EventRouteObserver observer;

	private final Clock clock = Clock.systemUTC();

	private volatile boolean running;

	private @Nullable Thread thread;

	RouteGroup(GroupRoutes routes, Connection connection, NatsRepositoryConfig config, EventRouteOptions options,
			HandlerDispatcher dispatcher, ParkedEventStore parked, EventRouteObserver observer) {
		this.routes = routes;
		this.connection = connection;
		this.config = config;
		this.options = options;
		this.dispatcher = dispatcher;
		this.parked = parked;
		this.observer = observer;
	}

	String name() {
		return this.routes.group();
	}

	String consumerName() {
		return this.options.consumerPrefix() + "-" + name();
	}

	synchronized void start() {
		try {
			ensureConsumer();
		}
		catch (IOException | JetStreamApiException ex) {
			throw NatsExceptionTranslator.translate("creating the consumer of handler group " + name(), ex);
		}
		this.running = true;
		Thread worker = new Thread(this, "cim-route-" + name());
		worker.setDaemon(true);
		this.thread = worker;
		worker.start();
	}

	synchronized boolean stop() {
		this.running = false;
		return WorkerThreads.awaitEnd(this.thread, this.options.stopTimeout());
	}

	boolean isRunning() {
		Thread worker = this.thread;
		return this.running && worker != null && worker.isAlive();
	}

	@Override
	public void run() {
		PinnedPuller puller = new PinnedPuller(this.connection, this.config.eventStreamName(), consumerName());
		try {
			boolean recover = false;
			while (this.running) {
				try {
					if (recover) {
						// Events in hand may be unacknowledged: give up the pin, so that
						// whoever gets it next checks for them before handling anything.
						puller.reset();
						this.connection.flush(Duration.ofSeconds(5));
						ensureConsumer();
						recover = false;
					}
					pullOnce(puller);
				}
				catch (InterruptedException ex) {
					throw ex;
				}
				catch (Exception ex) {
					if (connectionClosed()) {
						return;
					}
					logger.log(System.Logger.Level.WARNING, "handler group " + name() + " will retry: " + ex, ex);
					recover = true;
					Thread.sleep(this.options.fetchTimeout().toMillis());
				}
			}
			if (!connectionClosed()) {
				this.connection.flush(Duration.ofSeconds(5));
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (Exception ex) {
			logger.log(System.Logger.Level.WARNING, "handler group " + name() + " ended: " + ex, ex);
		}
		finally {
			if (!connectionClosed()) {
				// Let another instance take over at once.
				puller.close();
			}
		}
	}

	private void pullOnce(PinnedPuller puller) throws Exception {
		PinnedPuller.Batch batch = puller.pull(this.options.batchSize(), this.options.fetchTimeout());
		List<Message> messages = batch.messages();
		if (messages.isEmpty()) {
			return;
		}
		if (batch.newPin() && PinnedConsumers.rewindIfHeldElsewhere(this.connection, this.config.eventStreamName(),
				configuration(), messages.size())) {
			logger.log(System.Logger.Level.INFO, "handler group " + name()
					+ " took over with events of an earlier holder unacknowledged; handling again from them");
			puller.reset();
			return;
		}
		// Every event fetched is handled and acknowledged, even when a stop is requested
		// meanwhile: that is the graceful drain. Each is acknowledged only after its
		// handlers succeeded or it was parked.
		for (int i = 0; i < messages.size(); i++) {
			List<Message> rest = messages.subList(i, messages.size());
			Message message = messages.get(i);
			long sequence = message.metaData().streamSequence();
			HandlerDispatcher.Outcome outcome = this.dispatcher.dispatch(this.routes, message.getSubject(), sequence,
					message.getData(), List.of(), this.options.attempts(), () -> rest.forEach(Message::inProgress));
			if (!outcome.handled()) {
				this.parked.put(new ParkedEvent(name(), sequence, message.getSubject(), outcome.error(),
						outcome.attempts(), outcome.failed(), this.clock.instant()));
				this.observer.parked(name());
				logger.log(System.Logger.Level.WARNING, "handler group " + name() + " parked event " + sequence + " ("
						+ message.getSubject() + ") after " + outcome.attempts() + " attempts: " + outcome.error());
			}
			message.ack();
		}
	}

	private void ensureConsumer() throws IOException, JetStreamApiException {
		PinnedConsumers.ensure(this.connection, this.config.eventStreamName(), configuration());
	}

	private ConsumerConfiguration.Builder configuration() {
		String prefix = this.config.subjectPrefix();
		return PinnedConsumers.pinned(ConsumerConfiguration.builder()
			.durable(consumerName())
			.description("CIM event route group " + name())
			.filterSubjects(this.routes.filterSubjects(prefix + ".events.>"))
			.ackWait(this.options.ackWait())
			.maxAckPending(Math.max(1000, this.options.batchSize())), this.options.pinnedTtl());
	}

	private boolean connectionClosed() {
		return this.connection.getStatus() == Connection.Status.CLOSED;
	}

}
