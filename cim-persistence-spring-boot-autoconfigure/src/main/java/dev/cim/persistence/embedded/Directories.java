package dev.cim.persistence.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Creates the directories a server needs and deletes the trees it leaves behind.
 */
final class Directories {

	private Directories() {
	}

	static void deleteRecursively(Path directory) {
		if (!Files.exists(directory)) {
			return;
		}
		try (Stream<Path> paths = Files.walk(directory)) {
			for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
				Files.deleteIfExists(path);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not delete " + directory, ex);
		}
	}

	static void deleteQuietly(Path directory) {
		try {
			deleteRecursively(directory);
		}
		catch (UncheckedIOException ex) {
			// Best effort: a leftover temporary directory is harmless.
		}
	}

	/**
	 * Create a directory and its parents if they do not exist.
	 */
	static void create(Path directory) {
		try {
			Files.createDirectories(directory);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not create " + directory, ex);
		}
	}

	/**
	 * Create a temporary directory that is deleted when the JVM exits, unless
	 * {@link #deleteTemporary(Path)} deleted it before.
	 */
	static Path createTemporary(String prefix) {
		try {
			Path directory = Files.createTempDirectory(prefix).toAbsolutePath();
			ShutdownSafetyNet.trackDirectory(directory);
			return directory;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not create a temporary directory for nats-server", ex);
		}
	}

	static void deleteTemporary(Path directory) {
		deleteQuietly(directory);
		ShutdownSafetyNet.forgetDirectory(directory);
	}

}
