package dev.cim.persistence.readmodel;

import java.time.format.DateTimeParseException;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cim.persistence.event.StoreObjectMappers;
import org.jspecify.annotations.Nullable;

import org.springframework.dao.DataRetrievalFailureException;

/**
 * The stored form of read-model entries, for code that reads the read-model bucket itself
 * instead of through {@link ReadModelStore} (the query optimizer's batched and indexed
 * reads): an entry's bytes decoded as the store writes them, and a field compared with a
 * value as {@link ReadModelStore#query} compares it.
 */
public final class StoredReadModels {

	private static final ReadModelEntryCodec CODEC = new ReadModelEntryCodec(StoreObjectMappers.forEvents());

	private StoredReadModels() {
	}

	/**
	 * Decode the stored bytes of an entry.
	 * @param key the entry's key, {@code {type}.{slot}.{id}}
	 * @param data the stored bytes
	 * @return the entry with its value as a tree, or empty for a deleted entry (a
	 * tombstone) or empty bytes
	 * @throws DataRetrievalFailureException when the bytes are not an entry
	 */
	public static Optional<ReadModelEntry<JsonNode>> decode(String key, byte @Nullable [] data) {
		if (data == null || data.length == 0) {
			return Optional.empty();
		}
		StoredEntry stored;
		try {
			stored = CODEC.decode(key, data, 0);
		}
		catch (DateTimeParseException ex) {
			throw new DataRetrievalFailureException("entry " + key + " has no valid updatedAt", ex);
		}
		JsonNode value = stored.value();
		return (value != null) ? Optional.of(new ReadModelEntry<>(ReadModelKeys.idOf(key), value, stored.metadata()))
				: Optional.empty();
	}

	/**
	 * Read a stored value as the read model's class, as the read-model store does.
	 * @param <T> the class
	 * @param modelClass the read model's class
	 * @param value the stored value
	 * @return the value
	 * @throws DataRetrievalFailureException when the value does not fit the class
	 */
	public static <T> T toValue(Class<T> modelClass, JsonNode value) {
		return CODEC.toValue(modelClass, value);
	}

	/**
	 * Whether a top-level field of a stored value equals a value: numbers by numeric
	 * value, other scalars by their text, a JSON {@code null} matching a missing field
	 * too, objects and arrays by structure.
	 * @param value the stored value's tree
	 * @param field the field's name
	 * @param expected the value as a tree
	 * ({@link com.fasterxml.jackson.databind.node.NullNode} for {@code null})
	 * @return whether they are equal
	 */
	public static boolean fieldEquals(@Nullable JsonNode value, String field, JsonNode expected) {
		return FieldFilter.matches(value, field, expected);
	}

}
