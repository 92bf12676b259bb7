package dev.cim.persistence.readmodel;

import com.fasterxml.jackson.databind.JsonNode;
import org.jspecify.annotations.Nullable;

/**
 * An entry as stored in the bucket, with its KV revision for compare-and-set writes.
 *
 * @param value the value's tree, {@code null} for a deleted entry (a tombstone that keeps
 * the sequence of the event that deleted it, so that event is not undone by a redelivered
 * earlier one)
 * @param metadata the metadata
 * @param revision the KV revision, the expectation of the next write
 */
record StoredEntry(@Nullable JsonNode value, ReadModelMetadata metadata, long revision) {

	boolean deleted() {
		return this.value == null;
	}

}
