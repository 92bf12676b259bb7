package dev.cim.persistence.event;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;

/**
 * The {@code meta} part of an event block.
 *
 * @param eventId the event's id, a UUIDv7
 * @param timestamp when the event was created, UTC
 * @param correlationId the id of the conversation the event belongs to, if any
 * @param causationId the id of the message that caused the event, if any
 * @param user metadata given by the application
 */
public record EventMeta(String eventId, Instant timestamp, @Nullable String correlationId, @Nullable String causationId,
		Map<String, String> user) {

	/**
	 * Check and copy the values.
	 */
	public EventMeta {
		Objects.requireNonNull(eventId, "eventId");
		Objects.requireNonNull(timestamp, "timestamp");
		user = Map.copyOf(new TreeMap<>(Objects.requireNonNull(user, "user")));
	}

}
