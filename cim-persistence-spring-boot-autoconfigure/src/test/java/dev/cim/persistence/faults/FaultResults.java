package dev.cim.persistence.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * Writes the numbers of a fault test to standard output and to
 * {@code target/fault-results.txt}, for docs/reliability.md.
 */
final class FaultResults {

	private static final Path FILE = Path.of("target", "fault-results.txt");

	private FaultResults() {
	}

	static void record(String scenario, SaveLedger ledger, SaveLedger.Comparison stored,
			@Nullable Long recoveryMillis) {
		String line = "%s | %s | long=%s | acknowledged=%d lost=%d conflicts=%d ambiguous=%d (stored after all: %d) stored=%d duplicates=%d recovery_ms=%s"
			.formatted(Instant.now(), scenario, ClusterFaultIntegrationTests.LONG, ledger.acknowledgedCount(),
					ledger.lost(stored), ledger.conflictCount(), ledger.ambiguousCount(),
					ledger.ambiguousStored(stored), stored.stored(), stored.duplicates().size(),
					(recoveryMillis != null) ? recoveryMillis : "n/a");
		System.out.println("FAULT-RESULT " + line);
		try {
			Files.createDirectories(FILE.getParent());
			Files.writeString(FILE, line + System.lineSeparator(), StandardCharsets.UTF_8, StandardOpenOption.CREATE,
					StandardOpenOption.APPEND);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
