package dev.cim.persistence.readmodel;

import java.io.IOException;
import java.time.Instant;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.jspecify.annotations.Nullable;

import org.springframework.dao.DataRetrievalFailureException;

/**
 * The JSON form of what the read-model bucket holds: an entry (its value, or a tombstone,
 * with its metadata) and the record of the active version.
 */
final class ReadModelEntryCodec {

	private final ObjectMapper mapper;

	ReadModelEntryCodec(ObjectMapper mapper) {
		this.mapper = mapper;
	}

	/**
	 * The stored bytes of an entry, or of its tombstone when the value is {@code null}.
	 */
	byte[] encode(@Nullable JsonNode value, ReadModelMetadata metadata) {
		ObjectNode tree = this.mapper.createObjectNode();
		tree.put("version", metadata.schemaVersion());
		tree.put("sequence", metadata.lastSequence());
		tree.put("updatedAt", metadata.updatedAt().toString());
		if (value != null) {
			tree.set("value", value);
		}
		else {
			tree.put("deleted", true);
		}
		return bytes(tree);
	}

	/**
	 * Decode an entry's stored bytes.
	 * @param key the entry's key, for the error message
	 * @param data the stored bytes
	 * @param revision the KV revision they were read at
	 * @return the entry
	 * @throws DataRetrievalFailureException when the bytes are not JSON
	 */
	StoredEntry decode(String key, byte[] data, long revision) {
		JsonNode tree = tree(key, data);
		ReadModelMetadata metadata = new ReadModelMetadata(tree.path("version").asInt(), tree.path("sequence").asLong(),
				Instant.parse(tree.path("updatedAt").asText()));
		JsonNode value = tree.path("deleted").asBoolean() ? null : tree.get("value");
		return new StoredEntry(value, metadata, revision);
	}

	/**
	 * The stored bytes of the record of a read model's active version.
	 */
	byte[] encodeActive(ActiveVersion active) {
		ObjectNode tree = this.mapper.createObjectNode();
		tree.put("slot", active.slot());
		tree.put("building", active.building());
		return bytes(tree);
	}

	/**
	 * Decode the record of a read model's active version.
	 * @throws DataRetrievalFailureException when the bytes are not JSON
	 */
	ActiveVersion decodeActive(String key, byte[] data) {
		JsonNode tree = tree(key, data);
		JsonNode building = tree.get("building");
		return new ActiveVersion(tree.get("slot").asText(),
				(building != null && !building.isNull()) ? building.asText() : null);
	}

	/**
	 * Convert a stored value to the read model's class.
	 * @throws DataRetrievalFailureException when the value does not fit the class
	 */
	<T> T toValue(Class<T> modelClass, JsonNode value) {
		try {
			return this.mapper.treeToValue(value, modelClass);
		}
		catch (JsonProcessingException ex) {
			throw new DataRetrievalFailureException(
					"a " + modelClass.getSimpleName() + " entry cannot be read: " + ex.getOriginalMessage(), ex);
		}
	}

	private byte[] bytes(JsonNode tree) {
		try {
			return this.mapper.writeValueAsBytes(tree);
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException("a JSON tree could not be written", ex);
		}
	}

	private JsonNode tree(String key, byte[] data) {
		try {
			return this.mapper.readTree(data);
		}
		catch (IOException ex) {
			throw new DataRetrievalFailureException("entry " + key + " is not JSON", ex);
		}
	}

}
