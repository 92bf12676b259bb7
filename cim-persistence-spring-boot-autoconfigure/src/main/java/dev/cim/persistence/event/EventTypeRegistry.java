package dev.cim.persistence.event;

import java.lang.reflect.Modifier;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import dev.cim.persistence.routing.SubjectTokens;

/**
 * Maps event classes to their names and schema versions in the store, and back. Filled
 * from {@link DomainEvent} annotations (the simple class name when the annotation has no
 * type, schema 1 when the class has no annotation), from explicit classes or from a
 * sealed event hierarchy. Immutable once built; thread-safe.
 */
public final class EventTypeRegistry {

	private final Map<String, EventType> byName;

	private final Map<Class<?>, EventType> byClass;

	private EventTypeRegistry(Map<String, EventType> byName) {
		this.byName = Map.copyOf(byName);
		this.byClass = new ConcurrentHashMap<>();
		for (EventType type : byName.values()) {
			this.byClass.put(type.javaType(), type);
		}
	}

	/**
	 * A registry of the given event classes.
	 * @param eventClasses concrete event classes
	 * @return the registry
	 * @throws IllegalArgumentException when two classes share a type name, or a name is
	 * not a valid subject token
	 */
	public static EventTypeRegistry of(Collection<? extends Class<?>> eventClasses) {
		Map<String, EventType> byName = new LinkedHashMap<>();
		for (Class<?> eventClass : eventClasses) {
			EventType type = describe(eventClass);
			EventType previous = byName.putIfAbsent(type.name(), type);
			if (previous != null && previous.javaType() != eventClass) {
				throw new IllegalArgumentException("event type name '" + type.name() + "' is used by both "
						+ previous.javaType().getName() + " and " + eventClass.getName());
			}
		}
		return new EventTypeRegistry(byName);
	}

	/**
	 * A registry of the concrete classes of an event hierarchy: the base type itself when
	 * it is concrete, and, for a sealed base, its permitted subclasses recursively.
	 * @param baseType the aggregate's event type
	 * @return the registry
	 * @throws IllegalArgumentException when two classes share a type name
	 */
	public static EventTypeRegistry forHierarchy(Class<?> baseType) {
		List<Class<?>> found = new java.util.ArrayList<>();
		Deque<Class<?>> pending = new ArrayDeque<>();
		pending.add(baseType);
		while (!pending.isEmpty()) {
			Class<?> type = pending.poll();
			if (isConcrete(type)) {
				found.add(type);
			}
			if (type.isSealed()) {
				pending.addAll(List.of(type.getPermittedSubclasses()));
			}
		}
		return of(found);
	}

	/**
	 * The name and schema of an event class, from its annotation.
	 * @param eventClass the class
	 * @return its event type
	 * @throws IllegalArgumentException when the name is not a valid subject token or the
	 * schema is below 1
	 */
	public static EventType describe(Class<?> eventClass) {
		DomainEvent annotation = eventClass.getAnnotation(DomainEvent.class);
		String name = (annotation != null && !annotation.type().isEmpty()) ? annotation.type()
				: eventClass.getSimpleName();
		int schema = (annotation != null) ? annotation.schema() : 1;
		if (!SubjectTokens.isValid(name)) {
			throw new IllegalArgumentException("event type name '" + name + "' of " + eventClass.getName()
					+ " is not a valid subject token (1 to 128 characters of [A-Za-z0-9_-])");
		}
		if (schema < 1) {
			throw new IllegalArgumentException(
					"schema of event " + eventClass.getName() + " must be at least 1, was " + schema);
		}
		return new EventType(name, schema, eventClass);
	}

	/**
	 * The type of an event class.
	 * @param eventClass the class
	 * @return its type, or empty when it is not registered
	 */
	public Optional<EventType> forClass(Class<?> eventClass) {
		return Optional.ofNullable(this.byClass.get(eventClass));
	}

	/**
	 * The type registered under a name.
	 * @param name the event type name
	 * @return the type, or empty when no class has that name
	 */
	public Optional<EventType> forName(String name) {
		return Optional.ofNullable(this.byName.get(name));
	}

	/**
	 * Every registered type.
	 * @return the types
	 */
	public Collection<EventType> types() {
		return this.byName.values();
	}

	private static boolean isConcrete(Class<?> type) {
		return !type.isInterface() && !Modifier.isAbstract(type.getModifiers());
	}

}
