package dev.cim.persistence.readmodel;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import dev.cim.persistence.nats.StoreUnavailableException;
import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.Message;
import io.nats.client.PullRequestOptions;
import io.nats.client.Subscription;
import io.nats.client.impl.Headers;
import io.nats.client.support.Status;
import org.jspecify.annotations.Nullable;

import org.springframework.dao.DataAccessResourceFailureException;

/**
 * Pulls batches from one durable consumer as a member of its pinned-client priority
 * group: the server delivers to one member at a time, the one whose requests carry the
 * current pin id, and hands the pin to another member when that one has not asked for
 * more within the consumer's pinned TTL. The pull requests are sent on a plain
 * subscription of this puller's own, without idle heartbeats, so nothing is left running
 * between two pulls.
 *
 * <p>
 * Each batch says whether it came with a pin this puller did not hold before: the events
 * delivered under an earlier pin, to another instance or to this one, may still be
 * unacknowledged, and the caller must check that before applying anything (see
 * {@link PinnedConsumers#rewindIfHeldElsewhere}). Used by one thread only.
 */
public final class PinnedPuller implements AutoCloseable {

	/** The priority group every projection consumer has. */
	public static final String GROUP = "cim";

	static final String PIN_HEADER = "Nats-Pin-Id";

	/** How long past a pull's expiry the server's answer is waited for. */
	private static final Duration GRACE = Duration.ofSeconds(5);

	private static final int NO_MESSAGES = 404;

	private static final int REQUEST_TIMEOUT = 408;

	private static final int CONFLICT = 409;

	private static final int PIN_MISMATCH = 423;

	private static final int NO_RESPONDERS = 503;

	private final Connection connection;

	private final String stream;

	private final String consumer;

	private final String requestSubject;

	private @Nullable Subscription subscription;

	private @Nullable String inbox;

	private long pulls;

	private @Nullable String pinId;

	/**
	 * Create a puller of one consumer.
	 * @param connection the connection
	 * @param stream the stream
	 * @param consumer the durable consumer, with the {@link #GROUP} priority group
	 */
	public PinnedPuller(Connection connection, String stream, String consumer) {
		this.connection = connection;
		this.stream = stream;
		this.consumer = consumer;
		this.requestSubject = "$JS.API.CONSUMER.MSG.NEXT." + stream + "." + consumer;
	}

	/**
	 * Ask for up to {@code max} events and wait for them: return what is there at once,
	 * wait up to {@code expires} for the first when there is none.
	 * @param max the most events to return
	 * @param expires how long the server keeps the request when there is nothing
	 * @return the events delivered, in stream order
	 * @throws DataAccessResourceFailureException when the server did not end the request
	 * or the consumer is gone; events delivered may then be in flight, so the caller must
	 * {@link #reset()} before pulling again
	 * @throws InterruptedException when interrupted while waiting
	 */
	public Batch pull(int max, Duration expires) throws InterruptedException {
		Subscription sub = subscription();
		String reply = this.inbox + "." + (++this.pulls);
		PullRequestOptions request = new PinnedRequest(PullRequestOptions.noWait(max).expiresIn(expires).group(GROUP),
				this.pinId);
		this.connection.publish(this.requestSubject, reply, request.toJson().getBytes());
		List<Message> messages = new ArrayList<>();
		boolean pinned = false;
		long deadline = System.nanoTime() + expires.plus(GRACE).toNanos();
		while (messages.size() < max) {
			long left = deadline - System.nanoTime();
			Message message = (left > 0) ? sub.nextMessage(Duration.ofNanos(left)) : null;
			if (message == null) {
				throw new StoreUnavailableException(
						"pulling from consumer " + this.consumer + " got no answer in " + expires.plus(GRACE), null);
			}
			if (message.isStatusMessage()) {
				if (!reply.equals(message.getSubject()) || message.getStatus().isHeartbeat()) {
					// An answer to an earlier request, which has ended.
					continue;
				}
				ended(message.getStatus());
				break;
			}
			if (!message.isJetStream()) {
				continue;
			}
			String pin = pinOf(message);
			if (pin != null && !pin.equals(this.pinId)) {
				this.pinId = pin;
				pinned = true;
			}
			messages.add(message);
		}
		messages.sort(Comparator.comparingLong((message) -> message.metaData().streamSequence()));
		return new Batch(messages, pinned);
	}

	private void ended(Status status) {
		int code = status.getCode();
		if (code == PIN_MISMATCH) {
			// The pin moved to another instance: ask without one, and wait for a new pin.
			this.pinId = null;
		}
		else if (code == NO_RESPONDERS || (code == CONFLICT && status.getMessage().contains("Deleted"))) {
			throw new DataAccessResourceFailureException("consumer " + this.consumer + " of stream " + this.stream
					+ " is gone: " + status.getMessageWithCode());
		}
		else if (code != NO_MESSAGES && code != REQUEST_TIMEOUT && code != CONFLICT) {
			// A request the server refuses, such as one to a consumer without the group.
			throw new DataAccessResourceFailureException(
					"pulling from consumer " + this.consumer + " failed: " + status.getMessageWithCode());
		}
		// No messages, request expired, or batch completed: the request has ended.
	}

	private static @Nullable String pinOf(Message message) {
		Headers headers = message.getHeaders();
		return (headers != null) ? headers.getFirst(PIN_HEADER) : null;
	}

	/**
	 * Whether the server delivers to this puller now, as far as it knows.
	 * @return whether it holds a pin
	 */
	public boolean pinned() {
		return this.pinId != null;
	}

	/**
	 * Give up the pin and the subscription: what is delivered to them from now on is
	 * dropped (and delivered again after the ack wait), and the next event delivered
	 * comes with a new pin, to this instance or another.
	 */
	public void reset() {
		if (this.pinId != null) {
			this.pinId = null;
			unpin();
		}
		closeSubscription();
	}

	/**
	 * Let the server hand the pin to another instance now rather than after the pinned
	 * TTL. Best effort: the TTL hands it over anyway.
	 */
	public void unpin() {
		try {
			this.connection.jetStreamManagement().unpinConsumer(this.stream, this.consumer, GROUP);
		}
		catch (IOException | JetStreamApiException | RuntimeException ex) {
			// Not pinned any more, consumer gone, or not connected.
		}
	}

	private Subscription subscription() {
		Subscription sub = this.subscription;
		if (sub == null || !sub.isActive()) {
			String base = this.connection.createInbox();
			sub = this.connection.subscribe(base + ".*");
			this.inbox = base;
			this.subscription = sub;
		}
		return sub;
	}

	private void closeSubscription() {
		Subscription sub = this.subscription;
		this.subscription = null;
		if (sub != null && sub.isActive()) {
			try {
				sub.unsubscribe();
			}
			catch (IllegalStateException ex) {
				// The connection is closed.
			}
		}
	}

	/**
	 * Stop pulling: gives up the pin, so another instance takes over at once.
	 */
	@Override
	public void close() {
		reset();
	}

	/**
	 * A pulled batch.
	 *
	 * @param messages the events, in stream order
	 * @param newPin whether they came with a pin this puller did not hold before
	 */
	public record Batch(List<Message> messages, boolean newPin) {

	}

	/**
	 * A pull request that carries a pin id; the client sets one only on its own
	 * consumers' requests.
	 */
	private static final class PinnedRequest extends PullRequestOptions {

		private final @Nullable String pinId;

		PinnedRequest(PullRequestOptions.Builder builder, @Nullable String pinId) {
			super(builder);
			this.pinId = pinId;
		}

		@Override
		protected @Nullable String getPinId() {
			return this.pinId;
		}

	}

}
