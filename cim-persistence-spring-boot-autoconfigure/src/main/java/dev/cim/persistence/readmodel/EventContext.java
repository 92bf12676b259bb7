package dev.cim.persistence.readmodel;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * Where an event applied by a projection comes from.
 *
 * @param context the aggregate's bounded context
 * @param aggregateType the aggregate type
 * @param aggregateId the aggregate id, also the read-model entry's id
 * @param version the aggregate version the event created
 * @param eventType the event type name
 * @param sequence the event's stream sequence
 * @param timestamp when the event was created
 * @param cid the event's CID as text, CIDv1 in base32 lower case ({@code bafy…} for
 * DAG-CBOR, {@code baguqee…} for DAG-JSON); {@code null} when content addressing is off
 * @param correlationId the correlation id, if any
 * @param causationId the causation id, if any
 * @param metadata the application metadata of the event
 */
public record EventContext(String context, String aggregateType, String aggregateId, long version, String eventType,
		long sequence, Instant timestamp, @Nullable String cid, @Nullable String correlationId,
		@Nullable String causationId, Map<String, String> metadata) {

	/**
	 * Check and copy the values.
	 */
	public EventContext {
		Objects.requireNonNull(context, "context");
		Objects.requireNonNull(aggregateType, "aggregateType");
		Objects.requireNonNull(aggregateId, "aggregateId");
		Objects.requireNonNull(eventType, "eventType");
		Objects.requireNonNull(timestamp, "timestamp");
		metadata = Map.copyOf(Objects.requireNonNull(metadata, "metadata"));
	}

}
