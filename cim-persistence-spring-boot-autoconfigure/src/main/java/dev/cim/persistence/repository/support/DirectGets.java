package dev.cim.persistence.repository.support;

import dev.cim.persistence.nats.NatsExceptionTranslator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.api.MessageInfo;

/**
 * Direct gets of the last message on a subject, sent without waiting, so that a load can
 * ask for the head, the state and the snapshot at once and pay one round trip for the
 * three. The streams must allow direct gets (the store provisions them so; key-value
 * buckets do by default).
 */
final class DirectGets {

	private static final int NO_MESSAGE = 404;

	private final Connection connection;

	private final Duration timeout;

	DirectGets(Connection connection, Duration timeout) {
		this.connection = connection;
		this.timeout = timeout;
	}

	/**
	 * Ask for the last message on a subject of a stream.
	 */
	CompletableFuture<Optional<MessageInfo>> last(String stream, String subject) {
		byte[] request = ("{\"last_by_subj\":\"" + subject + "\"}").getBytes(StandardCharsets.UTF_8);
		CompletableFuture<Message> reply;
		try {
			reply = this.connection.request("$JS.API.DIRECT.GET." + stream, request);
		}
		catch (IllegalStateException ex) {
			// Not connected: await translates it.
			return CompletableFuture.failedFuture(ex);
		}
		return reply.thenApply((message) -> toMessageInfo(stream, subject, message));
	}

	/**
	 * Wait for an answer.
	 */
	<T> T await(CompletableFuture<T> answer, String action) {
		try {
			return answer.get(this.timeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			throw NatsExceptionTranslator.translate(action, ex);
		}
		catch (ExecutionException ex) {
			Throwable cause = (ex.getCause() != null) ? ex.getCause() : ex;
			throw NatsExceptionTranslator.translate(action,
					(cause instanceof Exception exception) ? exception : new IOException(cause));
		}
		catch (TimeoutException ex) {
			throw NatsExceptionTranslator.translate(action,
					new IOException("no answer within " + this.timeout.toMillis() + " ms", ex));
		}
	}

	private static Optional<MessageInfo> toMessageInfo(String stream, String subject, Message reply) {
		if (reply.isStatusMessage()) {
			if (reply.getStatus().getCode() == NO_MESSAGE) {
				return Optional.empty();
			}
			throw new CompletionException(new IOException("direct get of " + subject + " in " + stream + " answered "
					+ reply.getStatus().getCode() + " " + reply.getStatus().getMessage()));
		}
		return Optional.of(new MessageInfo(reply, stream, true));
	}

}
