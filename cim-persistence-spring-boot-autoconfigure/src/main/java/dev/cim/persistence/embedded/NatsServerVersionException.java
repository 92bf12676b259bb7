package dev.cim.persistence.embedded;

import java.nio.file.Path;

/**
 * The nats-server found is older than {@link NatsServerVersion#MINIMUM}. The message says
 * how to get a newer one.
 */
public class NatsServerVersionException extends EmbeddedNatsServerException {

	private static final long serialVersionUID = 1L;

	private final transient Path path;

	private final NatsServerVersion version;

	/**
	 * Create an exception.
	 * @param path the binary that is too old
	 * @param version its version
	 */
	public NatsServerVersionException(Path path, NatsServerVersion version) {
		super("nats-server " + path + " is version " + version + ", older than the " + NatsServerVersion.MINIMUM
				+ " this library needs (atomic batch publish and per-subject expected sequences).\n"
				+ NatsServerInstallHint.TEXT);
		this.path = path;
		this.version = version;
	}

	/**
	 * The binary that is too old.
	 * @return its path
	 */
	public Path getPath() {
		return this.path;
	}

	/**
	 * The version the binary reported.
	 * @return the version found
	 */
	public NatsServerVersion getVersion() {
		return this.version;
	}

}
