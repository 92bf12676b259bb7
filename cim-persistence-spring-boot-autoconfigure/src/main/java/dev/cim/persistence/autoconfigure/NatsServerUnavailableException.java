package dev.cim.persistence.autoconfigure;

import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.dao.DataAccessResourceFailureException;

/**
 * No NATS server could be reached at start-up at any of the configured URLs.
 */
public class NatsServerUnavailableException extends DataAccessResourceFailureException {

	private static final long serialVersionUID = 1L;

	private final List<String> servers;

	private final String reason;

	/**
	 * Create an exception.
	 * @param servers the URLs tried, without credentials
	 * @param reason what the client reported, without credentials
	 * @param cause the underlying failure, if any
	 */
	public NatsServerUnavailableException(List<String> servers, String reason, @Nullable Throwable cause) {
		super("Could not connect to a NATS server at " + servers + ": " + reason, cause);
		this.servers = List.copyOf(servers);
		this.reason = reason;
	}

	/**
	 * What the client reported.
	 * @return the reason, without credentials
	 */
	public String getReason() {
		return this.reason;
	}

	/**
	 * The URLs tried.
	 * @return the URLs, without credentials
	 */
	public List<String> getServers() {
		return this.servers;
	}

}
