package dev.cim.persistence.event;

import java.util.Objects;

/**
 * A registered event class with its name and schema version in the store.
 *
 * @param name the event type name, a subject token
 * @param schema the payload's schema version
 * @param javaType the class
 */
public record EventType(String name, int schema, Class<?> javaType) {

	/**
	 * Check the values.
	 */
	public EventType {
		Objects.requireNonNull(name, "name");
		Objects.requireNonNull(javaType, "javaType");
	}

}
