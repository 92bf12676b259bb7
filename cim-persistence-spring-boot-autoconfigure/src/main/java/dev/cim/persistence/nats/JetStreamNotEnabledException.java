package dev.cim.persistence.nats;

import org.springframework.dao.NonTransientDataAccessResourceException;

/**
 * The NATS server connected to does not offer JetStream, which the store needs.
 */
public class JetStreamNotEnabledException extends NonTransientDataAccessResourceException {

	private static final long serialVersionUID = 1L;

	private final String server;

	/**
	 * Create an exception.
	 * @param server the URL of the server, without credentials
	 */
	public JetStreamNotEnabledException(String server) {
		super("The NATS server at " + server + " has JetStream disabled");
		this.server = server;
	}

	/**
	 * The server connected to.
	 * @return its URL, without credentials
	 */
	public String getServer() {
		return this.server;
	}

}
