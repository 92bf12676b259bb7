package dev.cim.persistence.routing;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A named subject pattern with a priority and free-form metadata, registered with a
 * {@link SubjectRouter}.
 *
 * @param name the route's name, unique within a router; not blank
 * @param pattern the subjects the route receives
 * @param priority the order under {@link RoutingStrategy#PRIORITY_BASED}: higher first
 * @param metadata anything the route's owner wants to keep with it (a handler group, a
 * description); copied, without {@code null} keys or values
 */
public record Route(String name, SubjectPattern pattern, int priority, Map<String, String> metadata) {

	/**
	 * Check and copy the components.
	 * @throws IllegalArgumentException when the name is blank
	 * @throws NullPointerException when a component, a metadata key or a metadata value
	 * is {@code null}
	 */
	public Route {
		Objects.requireNonNull(name, "name");
		Objects.requireNonNull(pattern, "pattern");
		Objects.requireNonNull(metadata, "metadata");
		if (name.isBlank()) {
			throw new IllegalArgumentException("route name '" + name + "' is blank");
		}
		metadata = Map.copyOf(metadata);
	}

	/**
	 * A route of priority 0 without metadata.
	 * @param name the route's name
	 * @param pattern the pattern, see {@link SubjectPattern#of(String)}
	 * @return the route
	 * @throws IllegalArgumentException when the name is blank or the pattern invalid
	 */
	public static Route of(String name, String pattern) {
		return new Route(name, SubjectPattern.of(pattern), 0, Map.of());
	}

	/**
	 * A route without metadata.
	 * @param name the route's name
	 * @param pattern the pattern, see {@link SubjectPattern#of(String)}
	 * @param priority the priority, higher first
	 * @return the route
	 * @throws IllegalArgumentException when the name is blank or the pattern invalid
	 */
	public static Route of(String name, String pattern, int priority) {
		return new Route(name, SubjectPattern.of(pattern), priority, Map.of());
	}

	/**
	 * This route with another priority.
	 * @param priority the priority
	 * @return a new route
	 */
	public Route withPriority(int priority) {
		return new Route(this.name, this.pattern, priority, this.metadata);
	}

	/**
	 * This route with one more metadata entry (or one replaced).
	 * @param key the key
	 * @param value the value
	 * @return a new route
	 */
	public Route withMetadata(String key, String value) {
		Map<String, String> metadata = new HashMap<>(this.metadata);
		metadata.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
		return new Route(this.name, this.pattern, this.priority, metadata);
	}

}
