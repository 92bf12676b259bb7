package dev.cim.persistence.readmodel;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import dev.cim.persistence.event.EventType;
import dev.cim.persistence.event.EventTypeRegistry;
import dev.cim.persistence.routing.SubjectTokens;
import org.jspecify.annotations.Nullable;

/**
 * What a {@link ReadModel} class declares, read by reflection: its type, version,
 * {@link Apply} methods by event class and {@link Indexed} fields. Immutable and
 * thread-safe.
 *
 * @param <T> the read model's class
 */
public final class ReadModelDefinition<T> {

	private static final int TYPE_MAX_LENGTH = 64;

	private final Class<T> modelClass;

	private final String type;

	private final int version;

	private final EventTypeRegistry eventTypes;

	private final Map<Class<?>, Method> creators;

	private final Map<Class<?>, Method> evolvers;

	private final Set<String> indexedFields;

	private ReadModelDefinition(Class<T> modelClass, String type, int version, Map<Class<?>, Method> creators,
			Map<Class<?>, Method> evolvers, Set<String> indexedFields) {
		this.modelClass = modelClass;
		this.type = type;
		this.version = version;
		this.indexedFields = Collections.unmodifiableSet(new LinkedHashSet<>(indexedFields));
		this.creators = Map.copyOf(creators);
		this.evolvers = Map.copyOf(evolvers);
		List<Class<?>> handled = new ArrayList<>(creators.keySet());
		evolvers.keySet().stream().filter((eventClass) -> !creators.containsKey(eventClass)).forEach(handled::add);
		try {
			this.eventTypes = EventTypeRegistry.of(handled);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidReadModelException("read model " + modelClass.getName() + ": " + ex.getMessage());
		}
	}

	/**
	 * Read the definition of a read-model class.
	 * @param <T> the class
	 * @param modelClass a class annotated with {@link ReadModel}
	 * @return its definition
	 * @throws InvalidReadModelException when the class is not annotated, its type or
	 * version is invalid, it has no {@link Apply} method, one has a signature that cannot
	 * be called (see {@link Apply}), or an {@link Indexed} field cannot be indexed
	 */
	public static <T> ReadModelDefinition<T> of(Class<T> modelClass) {
		ReadModel annotation = modelClass.getAnnotation(ReadModel.class);
		if (annotation == null) {
			throw new InvalidReadModelException(modelClass.getName() + " is not annotated with @ReadModel");
		}
		String type = annotation.type().isEmpty() ? modelClass.getSimpleName() : annotation.type();
		if (!SubjectTokens.isValid(type, TYPE_MAX_LENGTH)) {
			throw new InvalidReadModelException("read model type '" + type + "' of " + modelClass.getName()
					+ " must be 1 to " + TYPE_MAX_LENGTH + " characters of [A-Za-z0-9_-]");
		}
		if (annotation.version() < 1) {
			throw new InvalidReadModelException("version of read model " + modelClass.getName()
					+ " must be at least 1, was " + annotation.version());
		}
		Map<Class<?>, Method> creators = new LinkedHashMap<>();
		Map<Class<?>, Method> evolvers = new LinkedHashMap<>();
		for (Method method : modelClass.getDeclaredMethods()) {
			if (method.isAnnotationPresent(Apply.class)) {
				Class<?> eventClass = checkSignature(modelClass, method);
				boolean creates = Modifier.isStatic(method.getModifiers());
				Method previous = (creates ? creators : evolvers).putIfAbsent(eventClass, method);
				if (previous != null) {
					throw new InvalidReadModelException("read model " + modelClass.getName() + " has two "
							+ (creates ? "static" : "instance") + " @Apply methods for " + eventClass.getName() + ": "
							+ describe(previous) + " and " + describe(method));
				}
				method.setAccessible(true);
			}
		}
		if (creators.isEmpty() && evolvers.isEmpty()) {
			throw new InvalidReadModelException("read model " + modelClass.getName() + " has no @Apply method");
		}
		Set<String> indexed = IndexedFields.of(modelClass, type);
		return new ReadModelDefinition<>(modelClass, type, annotation.version(), creators, evolvers, indexed);
	}

	private static Class<?> checkSignature(Class<?> modelClass, Method method) {
		String where = "@Apply method " + describe(method) + " of read model " + modelClass.getName();
		Class<?>[] parameters = method.getParameterTypes();
		if (parameters.length < 1 || parameters.length > 2) {
			throw new InvalidReadModelException(
					where + " must take the event and optionally an EventContext, but takes " + parameters.length
							+ " parameters");
		}
		if (parameters.length == 2 && parameters[1] != EventContext.class) {
			throw new InvalidReadModelException(
					where + " must take an EventContext as its second parameter, not " + parameters[1].getName());
		}
		Class<?> eventClass = parameters[0];
		if (eventClass.isInterface() || Modifier.isAbstract(eventClass.getModifiers()) || eventClass.isPrimitive()
				|| eventClass.isArray() || eventClass == EventContext.class) {
			throw new InvalidReadModelException(
					where + " must take a concrete event class as its first parameter, not " + eventClass.getName());
		}
		if (!modelClass.isAssignableFrom(method.getReturnType())) {
			throw new InvalidReadModelException(where + " must return " + modelClass.getSimpleName() + " (or null to"
					+ " delete the entry), not " + method.getReturnType().getName());
		}
		try {
			EventTypeRegistry.describe(eventClass);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidReadModelException(where + ": " + ex.getMessage());
		}
		return eventClass;
	}

	private static String describe(Method method) {
		StringBuilder text = new StringBuilder(method.getName()).append('(');
		Class<?>[] parameters = method.getParameterTypes();
		for (int i = 0; i < parameters.length; i++) {
			text.append((i > 0) ? ", " : "").append(parameters[i].getSimpleName());
		}
		return text.append(')').toString();
	}

	/**
	 * The read model's class.
	 * @return the class
	 */
	public Class<T> modelClass() {
		return this.modelClass;
	}

	/**
	 * The read-model type, used in keys and as the projection's name.
	 * @return the type
	 */
	public String type() {
		return this.type;
	}

	/**
	 * The read model's schema version.
	 * @return the version, from 1
	 */
	public int version() {
		return this.version;
	}

	/**
	 * The names of the fields annotated with {@link Indexed}, as they appear in the
	 * stored JSON and in index keys.
	 * @return the names, in declaration order
	 */
	public Set<String> indexedFields() {
		return this.indexedFields;
	}

	/**
	 * The event types the read model handles, named as in the store.
	 * @return the types
	 */
	public Collection<EventType> eventTypes() {
		return this.eventTypes.types();
	}

	/**
	 * The event class registered under a type name.
	 * @param eventType the event type name
	 * @return the class, or empty when the read model does not handle that type
	 */
	public Optional<Class<?>> eventClass(String eventType) {
		return this.eventTypes.forName(eventType).map(EventType::javaType);
	}

	/**
	 * Apply an event to an entry.
	 * @param current the entry's current value, {@code null} when it does not exist
	 * @param event the event, an instance of a handled event class
	 * @param context where the event comes from
	 * @return what to do with the entry
	 * @throws IllegalArgumentException when the event's class is not handled
	 * @throws Exception whatever the {@link Apply} method throws
	 */
	public Outcome<T> apply(@Nullable T current, Object event, EventContext context) throws Exception {
		Class<?> eventClass = event.getClass();
		Method creator = this.creators.get(eventClass);
		Method evolver = this.evolvers.get(eventClass);
		if (creator == null && evolver == null) {
			throw new IllegalArgumentException(
					"read model " + this.type + " does not handle events of " + eventClass.getName());
		}
		Object result;
		if (current != null && evolver != null) {
			result = invoke(evolver, current, event, context);
		}
		else if (creator != null) {
			result = invoke(creator, null, event, context);
		}
		else {
			return Outcome.unchanged();
		}
		return (result != null) ? Outcome.updated(this.modelClass.cast(result)) : Outcome.deleted();
	}

	private static @Nullable Object invoke(Method method, @Nullable Object target, Object event, EventContext context)
			throws Exception {
		try {
			return (method.getParameterCount() == 2) ? method.invoke(target, event, context)
					: method.invoke(target, event);
		}
		catch (InvocationTargetException ex) {
			Throwable cause = ex.getCause();
			if (cause instanceof Exception exception) {
				throw exception;
			}
			if (cause instanceof Error error) {
				throw error;
			}
			throw ex;
		}
	}

	@Override
	public String toString() {
		return "ReadModelDefinition[" + this.type + " v" + this.version + ", " + this.modelClass.getName() + "]";
	}

	/**
	 * What applying an event does to an entry.
	 *
	 * @param <T> the read model's class
	 * @param kind whether the entry is unchanged, updated or deleted
	 * @param value the new value when updated
	 */
	public record Outcome<T>(Kind kind, @Nullable T value) {

		/**
		 * The entry is left as it is (an instance method's event for a missing entry).
		 * @param <T> the read model's class
		 * @return the outcome
		 */
		public static <T> Outcome<T> unchanged() {
			return new Outcome<>(Kind.UNCHANGED, null);
		}

		/**
		 * The entry takes a new value.
		 * @param <T> the read model's class
		 * @param value the value
		 * @return the outcome
		 */
		public static <T> Outcome<T> updated(T value) {
			return new Outcome<>(Kind.UPDATED, value);
		}

		/**
		 * The entry is deleted (a method returned {@code null}).
		 * @param <T> the read model's class
		 * @return the outcome
		 */
		public static <T> Outcome<T> deleted() {
			return new Outcome<>(Kind.DELETED, null);
		}

		/**
		 * The kinds of outcome.
		 */
		public enum Kind {

			/** The entry is left as it is. */
			UNCHANGED,

			/** The entry takes a new value. */
			UPDATED,

			/** The entry is deleted. */
			DELETED

		}

	}

}
