package dev.cim.persistence.nats;

import org.springframework.dao.NonTransientDataAccessResourceException;

/**
 * The NATS server connected to is older than the store supports (atomic batch publish
 * needs nats-server 2.12).
 */
public class UnsupportedNatsServerVersionException extends NonTransientDataAccessResourceException {

	private static final long serialVersionUID = 1L;

	private final String server;

	private final String version;

	private final String minimumVersion;

	/**
	 * Create an exception.
	 * @param server the URL of the server, without credentials
	 * @param version the version the server reported
	 * @param minimumVersion the oldest version supported
	 */
	public UnsupportedNatsServerVersionException(String server, String version, String minimumVersion) {
		super("The NATS server at " + server + " is version " + version + ", but at least " + minimumVersion
				+ " is required");
		this.server = server;
		this.version = version;
		this.minimumVersion = minimumVersion;
	}

	/**
	 * The server connected to.
	 * @return its URL, without credentials
	 */
	public String getServer() {
		return this.server;
	}

	/**
	 * The version the server reported.
	 * @return the version
	 */
	public String getVersion() {
		return this.version;
	}

	/**
	 * The oldest version supported.
	 * @return the version
	 */
	public String getMinimumVersion() {
		return this.minimumVersion;
	}

}
