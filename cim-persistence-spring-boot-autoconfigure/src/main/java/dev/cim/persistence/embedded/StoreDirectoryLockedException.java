package dev.cim.persistence.embedded;

import java.nio.file.Path;

import org.jspecify.annotations.Nullable;

/**
 * The store directory of an embedded server is in use by another embedded server (of this
 * or another process), or by a nats-server this library did not start. Two servers on one
 * store directory would corrupt each other's data, so the second one is not started.
 */
public class StoreDirectoryLockedException extends EmbeddedNatsServerException {

	private static final long serialVersionUID = 1L;

	private final Path storeDirectory;

	private final long ownerPid;

	private final @Nullable String ownerUrl;

	/**
	 * Create an exception.
	 * @param message what holds the directory
	 * @param storeDirectory the directory
	 * @param ownerPid the pid of the process holding it, or -1 if unknown
	 * @param ownerUrl the URL of the server running on it, if known
	 */
	public StoreDirectoryLockedException(String message, Path storeDirectory, long ownerPid,
			@Nullable String ownerUrl) {
		super(message);
		this.storeDirectory = storeDirectory;
		this.ownerPid = ownerPid;
		this.ownerUrl = ownerUrl;
	}

	/**
	 * The store directory that is in use.
	 * @return the directory
	 */
	public Path getStoreDirectory() {
		return this.storeDirectory;
	}

	/**
	 * The process that holds the directory.
	 * @return its pid, or -1 if unknown
	 */
	public long getOwnerPid() {
		return this.ownerPid;
	}

	/**
	 * The URL of the server already running on the directory.
	 * @return the URL, or {@code null} if unknown
	 */
	public @Nullable String getOwnerUrl() {
		return this.ownerUrl;
	}

}
