package dev.cim.persistence.event;

import java.util.Objects;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cim.persistence.ipld.Cid;
import org.jspecify.annotations.Nullable;

/**
 * The content of one stored event: the map that is encoded as its message body.
 *
 * @param type the event type name
 * @param schema the schema version of the payload, from 1
 * @param context the aggregate's bounded context
 * @param aggregateType the aggregate type
 * @param aggregateId the aggregate id
 * @param version the aggregate version this event creates, from 1
 * @param data the payload
 * @param prev the CID of the previous event of the same aggregate; {@code null} for
 * version 1 and when content addressing is off
 * @param meta the metadata
 */
public record EventBlock(String type, int schema, String context, String aggregateType, String aggregateId,
		long version, JsonNode data, @Nullable Cid prev, EventMeta meta) {

	/**
	 * Check the values.
	 */
	public EventBlock {
		Objects.requireNonNull(type, "type");
		Objects.requireNonNull(context, "context");
		Objects.requireNonNull(aggregateType, "aggregateType");
		Objects.requireNonNull(aggregateId, "aggregateId");
		Objects.requireNonNull(data, "data");
		Objects.requireNonNull(meta, "meta");
		if (schema < 1) {
			throw new IllegalArgumentException("schema of event " + type + " must be at least 1, was " + schema);
		}
		if (version < 1) {
			throw new IllegalArgumentException("version of event " + type + " must be at least 1, was " + version);
		}
	}

}
