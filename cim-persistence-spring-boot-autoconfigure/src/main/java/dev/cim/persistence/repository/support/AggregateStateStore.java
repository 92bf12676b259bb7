package dev.cim.persistence.repository.support;

import dev.cim.persistence.nats.NatsExceptionTranslator;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import dev.cim.persistence.event.EventBlockCodec;
import dev.cim.persistence.nats.JetStreamErrors;
import dev.cim.persistence.nats.NatsRepositoryConfig;
import dev.cim.persistence.nats.StoreSubjects;
import io.nats.client.Connection;
import io.nats.client.FetchConsumeOptions;
import io.nats.client.FetchConsumer;
import io.nats.client.JetStream;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.JetStreamStatusCheckedException;
import io.nats.client.Message;
import io.nats.client.OrderedConsumerContext;
import io.nats.client.api.DeliverPolicy;
import io.nats.client.api.MessageInfo;
import io.nats.client.api.OrderedConsumerConfiguration;
import io.nats.client.impl.Headers;
import io.nats.client.impl.NatsMessage;
import dev.cim.persistence.repository.AggregateRef;

/**
 * The aggregate state stream: the newest state of each aggregate, one subject per
 * aggregate. Writes are compare-and-set on the subject's last sequence, so an older state
 * never overwrites a newer one.
 */
final class AggregateStateStore {

	private static final System.Logger logger = System.getLogger(AggregateStateStore.class.getName());

	private static final int WRITE_ATTEMPTS = 3;

	private final NatsRepositoryConfig config;

	private final StoreSubjects subjects;

	private final JetStream jetStream;

	private final JetStreamManagement management;

	private final Connection connection;

	AggregateStateStore(Connection connection, JetStream jetStream, JetStreamManagement management,
			NatsRepositoryConfig config) {
		this.connection = connection;
		this.jetStream = jetStream;
		this.management = management;
		this.config = config;
		this.subjects = StoreSubjects.of(config);
	}

	/**
	 * The stored state of an aggregate and its sequence in the state stream.
	 */
	Optional<StoredState> read(AggregateRef ref) {
		String subject = subject(ref);
		try {
			MessageInfo info = this.management.getLastMessage(this.config.aggregateStreamName(), subject);
			return Optional.of(new StoredState(info.getData(), info.getSeq()));
		}
		catch (JetStreamApiException ex) {
			if (JetStreamErrors.is(ex, JetStreamErrors.NO_MESSAGE_FOUND)) {
				return Optional.empty();
			}
			throw NatsExceptionTranslator.translate("reading the state of " + ref, ex);
		}
		catch (IOException | IllegalStateException ex) {
			throw NatsExceptionTranslator.translate("reading the state of " + ref, ex);
		}
	}

	/**
	 * Write a state unless a newer one is stored.
	 * @param lastSequence the state subject's last sequence as known, 0 for none, -1 when
	 * unknown
	 * @return the state's sequence in the state stream, or -1 when a newer state was
	 * found and this one was not written
	 */
	long write(AggregateRef ref, StateDocument document, long lastSequence) {
		return write(ref, document, document.encode(), lastSequence);
	}

	private long write(AggregateRef ref, StateDocument document, byte[] body, long lastSequence) {
		String subject = subject(ref);
		long expected = lastSequence;
		for (int attempt = 1; attempt <= WRITE_ATTEMPTS; attempt++) {
			if (expected < 0) {
				Optional<StoredState> current = read(ref);
				if (current.isPresent() && current.get().version() >= document.version()) {
					return -1;
				}
				expected = current.map(StoredState::sequence).orElse(0L);
			}
			Headers headers = new Headers();
			headers.put("Nats-Expected-Last-Subject-Sequence", Long.toString(expected));
			headers.put("Cim-Version", Long.toString(document.version()));
			headers.put("Content-Type", EventBlockCodec.codecOf(body).contentType());
			try {
				return this.jetStream
					.publish(NatsMessage.builder().subject(subject).headers(headers).data(body).build())
					.getSeqno();
			}
			catch (JetStreamApiException ex) {
				if (!JetStreamErrors.is(ex, JetStreamErrors.WRONG_LAST_SEQUENCE)) {
					throw NatsExceptionTranslator.translate("writing the state of " + ref, ex);
				}
				expected = -1;
			}
			catch (IOException | IllegalStateException ex) {
				throw NatsExceptionTranslator.translate("writing the state of " + ref, ex);
			}
		}
		logger.log(Level.DEBUG, "state of {0} not written after {1} attempts: concurrent writers", ref, WRITE_ATTEMPTS);
		return -1;
	}

	/**
	 * Write a state without waiting: compare-and-set on the known last sequence of the
	 * state subject. When that sequence is unknown the write is made synchronously (it
	 * must read the state first).
	 * @param lastSequence the subject's last sequence as known, 0 for none, -1 when
	 * unknown
	 * @param body the encoded document
	 * @return the state's sequence once acknowledged, or -1 when it was refused (another
	 * writer got there first: the next write reads the state again, the next load repairs
	 * it if it is behind); completes exceptionally when the write failed otherwise
	 * @throws RuntimeException when the client refused to send the message (for example
	 * one larger than the server's max payload)
	 */
	CompletableFuture<Long> writeAsync(AggregateRef ref, StateDocument document, byte[] body, long lastSequence) {
		if (lastSequence < 0) {
			try {
				return CompletableFuture.completedFuture(write(ref, document, body, lastSequence));
			}
			catch (RuntimeException ex) {
				return CompletableFuture.failedFuture(ex);
			}
		}
		Headers headers = new Headers();
		headers.put("Nats-Expected-Last-Subject-Sequence", Long.toString(lastSequence));
		headers.put("Cim-Version", Long.toString(document.version()));
		headers.put("Content-Type", EventBlockCodec.codecOf(body).contentType());
		try {
			return this.jetStream
				.publishAsync(NatsMessage.builder().subject(subject(ref)).headers(headers).data(body).build())
				.thenApply((ack) -> ack.getSeqno())
				.exceptionally((ex) -> {
					for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
						if (cause instanceof JetStreamApiException api
								&& JetStreamErrors.is(api, JetStreamErrors.WRONG_LAST_SEQUENCE)) {
							return -1L;
						}
					}
					throw (ex instanceof CompletionException completion) ? completion : new CompletionException(ex);
				});
		}
		catch (IllegalStateException ex) {
			// Not connected: the state is a cache, the next load repairs it.
			return CompletableFuture.failedFuture(NatsExceptionTranslator.translate("writing the state of " + ref, ex));
		}
	}

	/**
	 * The newest state of every aggregate whose id matches a subject token pattern.
	 */
	List<StoredState> readAll(String context, String type, String idToken) {
		String filter = this.subjects.aggregateStreamSubject()
			.replace(">", context + "." + type + "." + idToken + ".state");
		List<StoredState> states = new ArrayList<>();
		String action = "querying " + context + "." + type + " aggregates";
		try {
			OrderedConsumerContext consumer = this.jetStream.getStreamContext(this.config.aggregateStreamName())
				.createOrderedConsumer(new OrderedConsumerConfiguration().filterSubject(filter)
					.deliverPolicy(DeliverPolicy.LastPerSubject));
			try {
				boolean more = true;
				while (more) {
					more = false;
					FetchConsumer fetch = consumer.fetch(FetchConsumeOptions.builder()
						.maxMessages(1000)
						.noWaitExpiresIn(this.config.publishTimeout().toMillis())
						.build());
					try {
						Message message = fetch.nextMessage();
						while (message != null) {
							states.add(new StoredState(message.getData(), message.metaData().streamSequence()));
							more = message.metaData().pendingCount() > 0;
							message = fetch.nextMessage();
						}
					}
					finally {
						OrderedReads.closeQuietly(fetch);
					}
				}
				return states;
			}
			finally {
				OrderedReads.release(this.connection, this.config.aggregateStreamName(), consumer);
			}
		}
		catch (IOException | JetStreamApiException | InterruptedException | JetStreamStatusCheckedException
				| IllegalStateException ex) {
			throw NatsExceptionTranslator.translate(action, ex);
		}
	}

	private String subject(AggregateRef ref) {
		return this.subjects.aggregateState(ref.context(), ref.type(), ref.id());
	}

	/**
	 * A state message: its body and its sequence in the state stream.
	 */
	record StoredState(byte[] body, long sequence) {

		long version() {
			try {
				return StateDocument.decode(this.body).version();
			}
			catch (IllegalArgumentException ex) {
				return OversizedState.decode(this.body).map(OversizedState::version).orElse(0L);
			}
		}

	}

}
