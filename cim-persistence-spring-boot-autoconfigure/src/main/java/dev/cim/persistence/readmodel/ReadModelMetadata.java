package dev.cim.persistence.readmodel;

import java.time.Instant;
import java.util.Objects;

/**
 * What is stored with every read-model entry.
 *
 * @param schemaVersion the read model's schema version that wrote the entry
 * @param lastSequence the stream sequence of the last event applied to it; events at or
 * below it are skipped, so a redelivered event is never applied twice
 * @param updatedAt when the entry was written
 */
public record ReadModelMetadata(int schemaVersion, long lastSequence, Instant updatedAt) {

	/**
	 * Check the values.
	 */
	public ReadModelMetadata {
		Objects.requireNonNull(updatedAt, "updatedAt");
	}

}
