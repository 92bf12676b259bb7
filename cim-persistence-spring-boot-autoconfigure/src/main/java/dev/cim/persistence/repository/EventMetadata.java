package dev.cim.persistence.repository;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * What is stored with an event besides its payload.
 *
 * @param eventId the event's id (a UUIDv7)
 * @param timestamp when the event was created
 * @param correlationId the id of the conversation it belongs to, if any
 * @param causationId the id of the message that caused it, if any
 * @param user application metadata
 */
public record EventMetadata(String eventId, Instant timestamp, @Nullable String correlationId,
		@Nullable String causationId, Map<String, String> user) {

	/**
	 * Check and copy the values.
	 */
	public EventMetadata {
		Objects.requireNonNull(eventId, "eventId");
		Objects.requireNonNull(timestamp, "timestamp");
		user = Map.copyOf(Objects.requireNonNull(user, "user"));
	}

}
