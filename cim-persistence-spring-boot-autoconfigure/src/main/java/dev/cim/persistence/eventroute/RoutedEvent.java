package dev.cim.persistence.eventroute;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * Where an event handed to an {@link EventRoute @EventRoute} method comes from.
 *
 * @param group the handler group
 * @param subject the event's subject
 * @param sequence the event's stream sequence
 * @param context the aggregate's bounded context
 * @param aggregateType the aggregate type
 * @param aggregateId the aggregate id
 * @param version the aggregate version the event created
 * @param eventType the event type name
 * @param eventId the event's id (a UUIDv7)
 * @param cid the event's CID as text, {@code null} when content addressing is off
 * @param timestamp when the event was created
 * @param correlationId the correlation id, if any
 * @param causationId the causation id, if any
 * @param metadata the application metadata of the event
 */
public record RoutedEvent(String group, String subject, long sequence, String context, String aggregateType,
		String aggregateId, long version, String eventType, String eventId, @Nullable String cid, Instant timestamp,
		@Nullable String correlationId, @Nullable String causationId, Map<String, String> metadata) {

	/**
	 * Check and copy the values.
	 */
	public RoutedEvent {
		Objects.requireNonNull(group, "group");
		Objects.requireNonNull(subject, "subject");
		Objects.requireNonNull(eventId, "eventId");
		Objects.requireNonNull(timestamp, "timestamp");
		metadata = Map.copyOf(Objects.requireNonNull(metadata, "metadata"));
	}

	/**
	 * The key a handler uses to recognize an event it has handled before: delivery is at
	 * least once, so a handler with effects outside the store records this key with them.
	 * The event's CID, or its event id when content addressing is off.
	 * @return the idempotency key
	 */
	public String idempotencyKey() {
		return (this.cid != null) ? this.cid : this.eventId;
	}

}
