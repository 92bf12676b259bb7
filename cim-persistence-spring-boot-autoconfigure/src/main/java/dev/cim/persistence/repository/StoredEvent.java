package dev.cim.persistence.repository;

import java.time.Instant;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * An event as it is stored in the event stream, with its payload read as the aggregate's
 * event class.
 *
 * @param aggregate the aggregate it belongs to
 * @param version the aggregate version it created
 * @param type the event type
 * @param schema the payload's schema version
 * @param event the payload, an instance of the event class registered for {@code type}
 * @param body the stored bytes (the IPLD block); do not modify
 * @param cid the CID of the body as base32 text; {@code null} when content addressing is
 * off
 * @param prev the CID of the previous event; {@code null} for version 1 or without IPLD
 * @param metadata its metadata
 * @param sequence its stream sequence
 * @param storedAt when the server stored it
 * @param subject its subject
 */
public record StoredEvent(AggregateRef aggregate, long version, String type, int schema, Object event, byte[] body,
		@Nullable String cid, @Nullable String prev, EventMetadata metadata, long sequence, Instant storedAt,
		String subject) {

	/**
	 * Check the values.
	 */
	public StoredEvent {
		Objects.requireNonNull(aggregate, "aggregate");
		Objects.requireNonNull(event, "event");
		Objects.requireNonNull(body, "body");
	}

	/**
	 * The payload as a given class.
	 * @param <E> the class
	 * @param type the class
	 * @return the payload
	 * @throws ClassCastException when the payload is not of that class
	 */
	public <E> E event(Class<E> type) {
		return type.cast(this.event);
	}

}
