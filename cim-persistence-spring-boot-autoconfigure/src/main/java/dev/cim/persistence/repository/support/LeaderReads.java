package dev.cim.persistence.repository.support;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;

import dev.cim.persistence.nats.JetStreamErrors;
import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.Message;
import io.nats.client.api.MessageGetRequest;
import io.nats.client.api.MessageInfo;

/**
 * Reads the newest message of a subject from the stream leader
 * ({@code $JS.API.STREAM.MSG.GET}), never from another replica. A direct get
 * ({@code allow_direct}) may be answered by any replica, and one that has not applied the
 * newest messages yet answers with an older one: fine for a load (a save from it is
 * refused as a conflict), wrong for deciding whether an append was stored.
 */
final class LeaderReads {

	private static final String MESSAGE_GET = "$JS.API.STREAM.MSG.GET.";

	private final Connection connection;

	private final String stream;

	private final Duration timeout;

	LeaderReads(Connection connection, String stream, Duration timeout) {
		this.connection = connection;
		this.stream = stream;
		this.timeout = timeout;
	}

	/**
	 * The newest message stored under a subject (wildcards allowed).
	 * @param subject the subject
	 * @return the message, or empty when none is stored under it
	 * @throws IOException when the leader did not answer in time
	 * @throws JetStreamApiException when the leader refused the request
	 * @throws InterruptedException when interrupted while waiting
	 */
	Optional<MessageInfo> last(String subject) throws IOException, JetStreamApiException, InterruptedException {
		Message reply = this.connection.request(MESSAGE_GET + this.stream,
				MessageGetRequest.lastForSubject(subject).serialize(), this.timeout);
		if (reply == null) {
			throw new IOException("the leader of stream " + this.stream + " did not answer within "
					+ this.timeout.toMillis() + " ms");
		}
		if (reply.isStatusMessage()) {
			throw new IOException("reading from the leader of stream " + this.stream + " was answered with status "
					+ reply.getStatus().getCode() + " " + reply.getStatus().getMessage());
		}
		MessageInfo info = new MessageInfo(reply, this.stream, false);
		if (info.hasError()) {
			if (info.getApiErrorCode() == JetStreamErrors.NO_MESSAGE_FOUND) {
				return Optional.empty();
			}
			info.throwOnHasError();
		}
		return Optional.of(info);
	}

}
