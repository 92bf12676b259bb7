package dev.cim.persistence.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * An exclusive lock on a store directory, held by this JVM for as long as an embedded
 * server runs on it: an operating-system lock on {@value #FILE_NAME}, which the system
 * releases when the JVM exits, however it exits. A second embedded server, in this JVM or
 * another, cannot take it.
 */
final class StoreDirectoryLock implements AutoCloseable {

	static final String FILE_NAME = "cim-embedded.lock";

	private final Path storeDirectory;

	private final FileChannel channel;

	private final FileLock lock;

	private StoreDirectoryLock(Path storeDirectory, FileChannel channel, FileLock lock) {
		this.storeDirectory = storeDirectory;
		this.channel = channel;
		this.lock = lock;
	}

	/**
	 * Take the lock of a store directory.
	 * @throws StoreDirectoryLockedException if another embedded server holds it
	 */
	static StoreDirectoryLock acquire(Path storeDirectory) {
		Path file = storeDirectory.resolve(FILE_NAME);
		FileChannel channel;
		try {
			channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not open the lock file " + file, ex);
		}
		FileLock lock = null;
		try {
			lock = channel.tryLock();
		}
		catch (OverlappingFileLockException ex) {
			// Held by another embedded server of this JVM.
		}
		catch (IOException ex) {
			closeQuietly(channel);
			throw new UncheckedIOException("Could not lock " + file, ex);
		}
		if (lock == null) {
			closeQuietly(channel);
			throw locked(storeDirectory);
		}
		return new StoreDirectoryLock(storeDirectory, channel, lock);
	}

	private static StoreDirectoryLockedException locked(Path storeDirectory) {
		Optional<StoreDirectoryState> state = StoreDirectoryState.readFrom(storeDirectory);
		long owner = state.map(StoreDirectoryState::ownerPid).orElse(-1L);
		String url = state.map(StoreDirectoryState::url).filter((value) -> !value.isEmpty()).orElse(null);
		String holder = (owner > 0)
				? "process " + owner + ((owner == ProcessHandle.current().pid()) ? " (this one)" : "")
				: "another process";
		String running = (url != null) ? ", whose nats-server listens on " + url : "";
		return new StoreDirectoryLockedException(
				"The store directory " + storeDirectory + " is in use by the embedded nats-server of " + holder
						+ running + ". Two servers on one store directory would corrupt its data",
				storeDirectory, owner, url);
	}

	Path storeDirectory() {
		return this.storeDirectory;
	}

	/**
	 * Release the lock. The lock file stays, so that every process locks the same file.
	 */
	@Override
	public void close() {
		try {
			this.lock.release();
		}
		catch (IOException ex) {
			// Closing the channel releases it as well.
		}
		closeQuietly(this.channel);
	}

	private static void closeQuietly(FileChannel channel) {
		try {
			channel.close();
		}
		catch (IOException ex) {
			// Nothing more to release.
		}
	}

}
