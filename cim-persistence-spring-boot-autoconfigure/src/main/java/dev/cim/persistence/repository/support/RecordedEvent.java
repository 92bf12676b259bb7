package dev.cim.persistence.repository.support;

import java.time.Instant;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cim.persistence.event.EventMeta;
import dev.cim.persistence.ipld.Cid;
import org.jspecify.annotations.Nullable;
import dev.cim.persistence.repository.AggregateRef;

/**
 * An event as the engine reads it from the event stream: decoded, its payload still a
 * tree. {@link EventConversion} turns it into the
 * {@link dev.cim.persistence.repository.StoredEvent} an application sees.
 *
 * @param aggregate the aggregate it belongs to
 * @param version the aggregate version it created
 * @param type the event type
 * @param schema the payload's schema version
 * @param data the payload
 * @param cid the CID of its body; {@code null} when content addressing is off
 * @param prev the CID of the previous event; {@code null} for version 1 or without IPLD
 * @param meta its metadata
 * @param sequence its stream sequence
 * @param storedAt when the server stored it
 * @param subject its subject
 * @param body the stored bytes
 */
public record RecordedEvent(AggregateRef aggregate, long version, String type, int schema, JsonNode data,
		@Nullable Cid cid, @Nullable Cid prev, EventMeta meta, long sequence, Instant storedAt, String subject,
		byte[] body) {

	/**
	 * The head an append after this event expects.
	 * @return this event as a head
	 */
	public EventHead asHead() {
		return new EventHead(this.version, this.sequence, this.cid);
	}

}
