package dev.cim.persistence.embedded;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.Properties;

/**
 * Who runs the embedded server of a store directory, as written to {@value #FILE_NAME}
 * beside the data: the process that launched it, the server's own process (with its start
 * time, so that a reused pid is not mistaken for it) and the URL clients connect to.
 *
 * @param ownerPid the pid of the JVM that launched the server
 * @param serverPid the pid of the nats-server process
 * @param serverStartMillis when the nats-server process started (epoch milliseconds), or
 * -1 when the platform does not say
 * @param url the URL clients connect to
 */
record StoreDirectoryState(long ownerPid, long serverPid, long serverStartMillis, String url) {

	static final String FILE_NAME = "cim-embedded.state";

	/**
	 * Read the state file of a store directory.
	 * @return the state, empty when there is none or it cannot be read
	 */
	static Optional<StoreDirectoryState> readFrom(Path storeDirectory) {
		Properties properties = new Properties();
		try (Reader reader = Files.newBufferedReader(storeDirectory.resolve(FILE_NAME), StandardCharsets.UTF_8)) {
			properties.load(reader);
			return Optional.of(new StoreDirectoryState(Long.parseLong(properties.getProperty("owner.pid", "-1")),
					Long.parseLong(properties.getProperty("server.pid", "-1")),
					Long.parseLong(properties.getProperty("server.start", "-1")), properties.getProperty("url", "")));
		}
		catch (NoSuchFileException ex) {
			return Optional.empty();
		}
		catch (IOException | IllegalArgumentException ex) {
			// A torn or foreign file: nothing in it can be trusted.
			return Optional.empty();
		}
	}

	/**
	 * Write this state to the store directory, replacing the file in one step.
	 */
	void writeTo(Path storeDirectory) {
		Properties properties = new Properties();
		properties.setProperty("owner.pid", Long.toString(this.ownerPid));
		properties.setProperty("server.pid", Long.toString(this.serverPid));
		properties.setProperty("server.start", Long.toString(this.serverStartMillis));
		properties.setProperty("url", this.url);
		Path file = storeDirectory.resolve(FILE_NAME);
		Path temporary = storeDirectory.resolve(FILE_NAME + ".tmp");
		try {
			try (Writer writer = Files.newBufferedWriter(temporary, StandardCharsets.UTF_8)) {
				properties.store(writer, "embedded nats-server of this directory");
			}
			Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not write " + file, ex);
		}
	}

	/**
	 * Delete the state file of a store directory, if there is one.
	 */
	static void deleteFrom(Path storeDirectory) {
		try {
			Files.deleteIfExists(storeDirectory.resolve(FILE_NAME));
		}
		catch (IOException ex) {
			// Harmless: the next owner finds a server pid that is no longer alive.
		}
	}

	/**
	 * The start time of a live process, as recorded in the state file.
	 */
	static long startMillis(ProcessHandle process) {
		return process.info().startInstant().map((instant) -> instant.toEpochMilli()).orElse(-1L);
	}

}
