package dev.cim.persistence.readmodel;

import java.util.Objects;

/**
 * A read-model entry with its metadata.
 *
 * @param <T> the read model's class
 * @param id the entry id
 * @param value the value
 * @param metadata the metadata stored with it
 */
public record ReadModelEntry<T>(String id, T value, ReadModelMetadata metadata) {

	/**
	 * Check the values.
	 */
	public ReadModelEntry {
		Objects.requireNonNull(id, "id");
		Objects.requireNonNull(value, "value");
		Objects.requireNonNull(metadata, "metadata");
	}

}
