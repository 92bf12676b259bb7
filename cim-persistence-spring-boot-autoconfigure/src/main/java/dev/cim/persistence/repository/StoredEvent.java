package dev.cim.persistence.repository;

import java.time.Instant;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cim.persistence.event.EventMeta;
import dev.cim.persistence.ipld.Cid;
import org.jspecify.annotations.Nullable;

/**
 * An event as it is stored in the event stream.
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
 */
public record StoredEvent(AggregateRef aggregate, long version, String type, int schema, JsonNode data,
		@Nullable Cid cid, @Nullable Cid prev, EventMeta meta, long sequence, Instant storedAt, String subject) {

	/**
	 * The head an append after this event expects.
	 * @return this event as a head
	 */
	public EventHead asHead() {
		return new EventHead(this.version, this.sequence, this.cid);
	}

}
