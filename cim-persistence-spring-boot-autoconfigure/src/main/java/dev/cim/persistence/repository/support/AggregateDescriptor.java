package dev.cim.persistence.repository.support;

import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

import dev.cim.persistence.event.EventTypeRegistry;
import dev.cim.persistence.routing.SubjectTokens;
import org.jspecify.annotations.Nullable;
import dev.cim.persistence.repository.Aggregate;
import dev.cim.persistence.repository.AggregateRef;
import dev.cim.persistence.repository.EventSourced;

/**
 * What the repository knows of an aggregate class: its context and type name, its event
 * types, how to create an empty instance and the fingerprint of its shape.
 *
 * @param <T> the aggregate type
 */
public final class AggregateDescriptor<T extends EventSourced<?>> {

	private final Class<T> aggregateClass;

	private final String context;

	private final String type;

	private final Class<?> eventType;

	private final EventTypeRegistry events;

	private final Constructor<T> constructor;

	private final String fingerprint;

	private AggregateDescriptor(Class<T> aggregateClass, String context, String type, Class<?> eventType,
			EventTypeRegistry events) {
		this.aggregateClass = aggregateClass;
		this.context = SubjectTokens.require(context, "context of " + aggregateClass.getName());
		this.type = SubjectTokens.require(type, "aggregate type of " + aggregateClass.getName());
		this.eventType = eventType;
		this.events = events;
		this.constructor = noArgumentConstructor(aggregateClass);
		this.fingerprint = fingerprint(aggregateClass);
	}

	/**
	 * Describe an {@link Aggregate @Aggregate} class. Its event classes are the concrete
	 * classes of its event type's sealed hierarchy.
	 * @param <T> the aggregate type
	 * @param aggregateClass the class
	 * @return the descriptor
	 * @throws IllegalArgumentException when the class has no {@code @Aggregate}, no
	 * no-argument constructor, or invalid names
	 */
	public static <T extends EventSourced<?>> AggregateDescriptor<T> of(Class<T> aggregateClass) {
		Class<?> eventType = eventTypeOf(aggregateClass);
		return of(aggregateClass, EventTypeRegistry.forHierarchy(eventType));
	}

	/**
	 * Describe an {@link Aggregate @Aggregate} class with explicit event classes.
	 * @param <T> the aggregate type
	 * @param aggregateClass the class
	 * @param events its event types
	 * @return the descriptor
	 * @throws IllegalArgumentException when the class has no {@code @Aggregate}, no
	 * no-argument constructor, or invalid names
	 */
	public static <T extends EventSourced<?>> AggregateDescriptor<T> of(Class<T> aggregateClass,
			EventTypeRegistry events) {
		Aggregate annotation = aggregateClass.getAnnotation(Aggregate.class);
		if (annotation == null) {
			throw new IllegalArgumentException(aggregateClass.getName() + " is not annotated with @Aggregate");
		}
		String type = annotation.type().isEmpty() ? aggregateClass.getSimpleName() : annotation.type();
		return new AggregateDescriptor<>(aggregateClass, annotation.context(), type, eventTypeOf(aggregateClass),
				events);
	}

	/**
	 * The aggregate class.
	 * @return the class
	 */
	public Class<T> aggregateClass() {
		return this.aggregateClass;
	}

	/**
	 * The bounded context.
	 * @return the context
	 */
	public String context() {
		return this.context;
	}

	/**
	 * The aggregate type name.
	 * @return the type name
	 */
	public String type() {
		return this.type;
	}

	/**
	 * The base type of the aggregate's events.
	 * @return the event base type
	 */
	public Class<?> eventType() {
		return this.eventType;
	}

	/**
	 * The aggregate's event types.
	 * @return the registry
	 */
	public EventTypeRegistry events() {
		return this.events;
	}

	/**
	 * The fingerprint of the class's shape: a hash over its fields' names and types,
	 * including inherited ones. A snapshot written for another shape is not trusted.
	 * @return the fingerprint
	 */
	public String fingerprint() {
		return this.fingerprint;
	}

	/**
	 * A reference to one aggregate of this type.
	 * @param id the id
	 * @return the reference
	 * @throws IllegalArgumentException when the id is not a valid subject token
	 */
	public AggregateRef ref(String id) {
		return new AggregateRef(this.context, this.type, id);
	}

	/**
	 * A new, empty instance: the state before the first event.
	 * @return the instance
	 */
	public T newInstance() {
		try {
			return this.constructor.newInstance();
		}
		catch (ReflectiveOperationException ex) {
			throw new IllegalStateException("could not create an instance of " + this.aggregateClass.getName(), ex);
		}
	}

	@Override
	public String toString() {
		return this.context + "." + this.type;
	}

	private static Class<?> eventTypeOf(Class<?> aggregateClass) {
		for (Class<?> type = aggregateClass; type != null && type != Object.class; type = type.getSuperclass()) {
			for (Type implemented : type.getGenericInterfaces()) {
				if (implemented instanceof ParameterizedType parameterized
						&& parameterized.getRawType() == EventSourced.class) {
					Type argument = parameterized.getActualTypeArguments()[0];
					if (argument instanceof Class<?> eventClass) {
						return eventClass;
					}
					if (argument instanceof ParameterizedType parameterizedEvent) {
						return (Class<?>) parameterizedEvent.getRawType();
					}
				}
			}
		}
		throw new IllegalArgumentException(
				aggregateClass.getName() + " must implement EventSourced<E> with a concrete event type E");
	}

	private static <T> Constructor<T> noArgumentConstructor(Class<T> aggregateClass) {
		try {
			Constructor<T> constructor = aggregateClass.getDeclaredConstructor();
			constructor.setAccessible(true);
			return constructor;
		}
		catch (NoSuchMethodException ex) {
			throw new IllegalArgumentException(aggregateClass.getName()
					+ " needs a no-argument constructor (it may be private): it gives the state before the first event",
					ex);
		}
	}

	private static String fingerprint(Class<?> aggregateClass) {
		List<String> fields = new ArrayList<>();
		for (Class<?> type = aggregateClass; type != null && type != Object.class; type = type.getSuperclass()) {
			for (Field field : type.getDeclaredFields()) {
				int modifiers = field.getModifiers();
				if (!Modifier.isStatic(modifiers) && !Modifier.isTransient(modifiers) && !field.isSynthetic()) {
					fields.add(type.getName() + "#" + field.getName() + ":" + field.getGenericType().getTypeName());
				}
			}
		}
		fields.sort(null);
		String shape = aggregateClass.getName() + "{" + String.join(";", fields) + "}";
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(shape.getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(digest, 0, 16);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is not available", ex);
		}
	}

	static @Nullable String idOf(EventSourced<?> aggregate) {
		return Objects.requireNonNull(aggregate, "aggregate").id();
	}

}
