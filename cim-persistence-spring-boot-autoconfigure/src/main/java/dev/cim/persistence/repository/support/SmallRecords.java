package dev.cim.persistence.repository.support;

import java.util.Map;
import java.util.Optional;

import dev.cim.persistence.event.EventBlockCodec;

/**
 * Reads the small records the store keeps in place of a document (the marker of a state
 * too large to write, the pointer to a snapshot in the object bucket): a record is a map
 * in the codec its bytes name, and never larger than a few kilobytes, so a larger body is
 * a document and is not decoded here.
 */
final class SmallRecords {

	/** A record is small; a larger body is never decoded as one. */
	static final int MAX_ENCODED_SIZE = 2048;

	private SmallRecords() {
	}

	/**
	 * The map a body holds, when it is small and decodes as one.
	 * @param bytes the body
	 * @return the map, or empty when the body is something else
	 */
	static Optional<Map<?, ?>> decode(byte[] bytes) {
		if (bytes.length > MAX_ENCODED_SIZE) {
			return Optional.empty();
		}
		try {
			return (EventBlockCodec.codecOf(bytes).decode(bytes) instanceof Map<?, ?> map) ? Optional.of(map)
					: Optional.empty();
		}
		catch (IllegalArgumentException ex) {
			return Optional.empty();
		}
	}

}
