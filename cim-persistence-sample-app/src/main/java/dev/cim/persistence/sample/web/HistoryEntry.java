package dev.cim.persistence.sample.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cim.persistence.ipld.Cid;
import org.jspecify.annotations.Nullable;
import dev.cim.persistence.repository.StoredEvent;

/**
 * One event of an order's history.
 *
 * @param version the order version the event created
 * @param type the event type
 * @param cid the CID of the event, if content addressing is on
 * @param prev the CID of the previous event; {@code null} for the first
 * @param sequence the event's stream sequence
 * @param timestamp when the event was created, ISO-8601
 * @param data the event's payload
 */
public record HistoryEntry(long version, String type, @Nullable String cid, @Nullable String prev, long sequence,
		String timestamp, Object data) {

	// The store hands out Jackson 2 trees; the web layer writes JSON with Jackson 3, so
	// the
	// payload crosses over as plain maps, lists and scalars.
	private static final ObjectMapper plainValues = new ObjectMapper();

	static HistoryEntry of(StoredEvent event) {
		return new HistoryEntry(event.version(), event.type(), text(event.cid()), text(event.prev()), event.sequence(),
				event.meta().timestamp().toString(), plainValues.convertValue(event.data(), Object.class));
	}

	private static @Nullable String text(@Nullable Cid cid) {
		return (cid != null) ? cid.toString() : null;
	}

}
