package dev.cim.persistence.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Deletes directory trees the servers leave behind.
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

}
