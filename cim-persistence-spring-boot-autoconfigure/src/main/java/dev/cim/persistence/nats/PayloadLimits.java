package dev.cim.persistence.nats;

import io.nats.client.Connection;
import io.nats.client.api.ServerInfo;

/**
 * The sizes the store keeps its messages under. A server refuses a message (headers and
 * body together) larger than its {@code max_payload}, and the client refuses to send one;
 * so events, state documents and snapshot chunks are kept below the max payload the
 * server reports, with room left for their headers. Read from the connection's server
 * information each time, so a reconnect to a server with another limit is followed.
 */
public final class PayloadLimits {

	/** Bytes kept free for the headers of a message. */
	public static final int HEADER_ROOM = 2048;

	/** The server's max payload assumed when the connection has not reported one. */
	public static final int DEFAULT_SERVER_MAX_PAYLOAD = 1024 * 1024;

	/** The largest chunk written to an object store bucket. */
	public static final int MAX_OBJECT_CHUNK = 128 * 1024;

	private final Connection connection;

	private final NatsRepositoryConfig config;

	/**
	 * Create the limits of a store.
	 * @param connection the connection whose server's max payload caps every message
	 * @param config the configured limits
	 */
	public PayloadLimits(Connection connection, NatsRepositoryConfig config) {
		this.connection = connection;
		this.config = config;
	}

	/**
	 * The server's max payload, as it reported it.
	 * @return the max payload in bytes
	 */
	public long serverMaxPayload() {
		ServerInfo info = this.connection.getServerInfo();
		long max = (info != null) ? info.getMaxPayload() : 0;
		return (max > 0) ? max : DEFAULT_SERVER_MAX_PAYLOAD;
	}

	/**
	 * The largest body a message may have: the server's max payload less
	 * {@value #HEADER_ROOM} bytes for headers (at least half the max payload).
	 * @return the limit in bytes
	 */
	public int maxBodyBytes() {
		long max = serverMaxPayload();
		return (int) Math.min(Integer.MAX_VALUE, Math.max(max - HEADER_ROOM, max / 2));
	}

	/**
	 * The largest encoded event accepted: the configured {@code max-event-bytes}, or less
	 * when the server's max payload leaves less room.
	 * @return the limit in bytes
	 */
	public int maxEventBytes() {
		return Math.min(this.config.maxEventBytes(), maxBodyBytes());
	}

	/**
	 * What sets {@link #maxEventBytes()}, for error messages.
	 * @return the property, or the server's max payload
	 */
	public String maxEventBytesSource() {
		return (this.config.maxEventBytes() <= maxBodyBytes()) ? "cim.persistence.max-event-bytes"
				: "the server's max payload of " + serverMaxPayload() + " bytes less " + HEADER_ROOM + " for headers";
	}

	/**
	 * The largest encoded state document written as one message: the configured
	 * {@code state.max-bytes} when set and smaller, otherwise {@link #maxBodyBytes()}.
	 * @return the limit in bytes
	 */
	public int maxStateBytes() {
		int room = maxBodyBytes();
		int configured = this.config.stateMaxBytes();
		return (configured > 0) ? Math.min(configured, room) : room;
	}

	/**
	 * The chunk size of objects written to an object store bucket: at most
	 * {@value #MAX_OBJECT_CHUNK} bytes, and less when the server's max payload is
	 * smaller.
	 * @return the chunk size in bytes
	 */
	public int objectChunkBytes() {
		return Math.min(MAX_OBJECT_CHUNK, maxBodyBytes());
	}

}
