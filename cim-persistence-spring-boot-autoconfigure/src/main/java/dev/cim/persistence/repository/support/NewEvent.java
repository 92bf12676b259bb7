package dev.cim.persistence.repository.support;

import java.util.Objects;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cim.persistence.routing.SubjectTokens;

/**
 * An event to append: its type, the schema version of its payload and the payload.
 *
 * @param type the event type, a subject token
 * @param schema the payload's schema version, from 1
 * @param data the payload
 */
public record NewEvent(String type, int schema, JsonNode data) {

	/**
	 * Check the values.
	 * @throws IllegalArgumentException when the type is not a valid subject token or the
	 * schema is below 1
	 */
	public NewEvent {
		SubjectTokens.require(type, "event type");
		Objects.requireNonNull(data, "data");
		if (schema < 1) {
			throw new IllegalArgumentException("schema of event " + type + " must be at least 1, was " + schema);
		}
	}

	/**
	 * An event of schema 1.
	 * @param type the event type
	 * @param data the payload
	 * @return the event
	 */
	public static NewEvent of(String type, JsonNode data) {
		return new NewEvent(type, 1, data);
	}

}
