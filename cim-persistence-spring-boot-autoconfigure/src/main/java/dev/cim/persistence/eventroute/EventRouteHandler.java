package dev.cim.persistence.eventroute;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import dev.cim.persistence.event.DomainEvent;
import dev.cim.persistence.event.EventType;
import dev.cim.persistence.event.EventTypeRegistry;
import dev.cim.persistence.routing.SubjectPattern;
import dev.cim.persistence.routing.SubjectTokens;

/**
 * One routed event handler: a method with its group, subject pattern, priority and the
 * event class it takes. Immutable.
 */
public final class EventRouteHandler {

	private final String name;

	private final String group;

	private final SubjectPattern pattern;

	private final int priority;

	private final EventType eventType;

	private final Invocation invocation;

	/**
	 * Create a handler.
	 * @param name the handler's name, unique within its group (for a method,
	 * {@code bean#method})
	 * @param group the group, a subject token
	 * @param pattern the subject pattern
	 * @param priority the order among handlers of the group matching one event, higher
	 * first
	 * @param eventClass the {@link DomainEvent @DomainEvent} class the handler takes
	 * @param invocation calls the handler
	 * @throws IllegalArgumentException when the group or the pattern is not valid, or the
	 * event class is not an event class
	 */
	public EventRouteHandler(String name, String group, String pattern, int priority, Class<?> eventClass,
			Invocation invocation) {
		this.name = Objects.requireNonNull(name, "name");
		this.group = SubjectTokens.require(group, "group of event route handler " + name);
		this.pattern = SubjectPattern.of(pattern);
		this.priority = priority;
		if (!eventClass.isAnnotationPresent(DomainEvent.class)) {
			throw new IllegalArgumentException("event route handler " + name + " takes " + eventClass.getName()
					+ ", which is not a @DomainEvent class");
		}
		this.eventType = EventTypeRegistry.describe(eventClass);
		this.invocation = Objects.requireNonNull(invocation, "invocation");
	}

	/**
	 * The handlers of an object's {@link EventRoute @EventRoute} methods, declared on its
	 * class or inherited.
	 * @param beanName the object's name, the first part of each handler's name
	 * @param target the object
	 * @return its handlers
	 * @throws IllegalArgumentException naming the bean and method when a method's
	 * signature or annotation is not valid
	 */
	public static List<EventRouteHandler> of(String beanName, Object target) {
		List<EventRouteHandler> handlers = new ArrayList<>();
		for (Class<?> type = target.getClass(); type != null && type != Object.class; type = type.getSuperclass()) {
			for (Method method : type.getDeclaredMethods()) {
				EventRoute route = method.getAnnotation(EventRoute.class);
				if (route != null && !method.isBridge()) {
					handlers.add(of(beanName, target, method, route));
				}
			}
		}
		return handlers;
	}

	/**
	 * The handler of one {@link EventRoute @EventRoute} method: it takes an event of a
	 * {@link DomainEvent @DomainEvent} class and, optionally, a {@link RoutedEvent}.
	 * @param beanName the object's name, the first part of the handler's name
	 * @param target the object whose method is called
	 * @param method the method (of the object's class or one it can be called on)
	 * @param route the method's annotation
	 * @return the handler
	 * @throws IllegalArgumentException naming the bean and method when the signature or
	 * the annotation is not valid
	 */
	public static EventRouteHandler of(String beanName, Object target, Method method, EventRoute route) {
		String name = beanName + "#" + method.getName();
		String where = "@EventRoute method " + method.getName() + " of bean '" + beanName + "' ("
				+ method.getDeclaringClass().getName() + ")";
		Class<?>[] parameters = method.getParameterTypes();
		if (Modifier.isStatic(method.getModifiers())) {
			throw new IllegalArgumentException(where + " must not be static");
		}
		if (parameters.length < 1 || parameters.length > 2
				|| (parameters.length == 2 && parameters[1] != RoutedEvent.class)) {
			throw new IllegalArgumentException(where + " must take the event (a @DomainEvent class) and optionally a "
					+ RoutedEvent.class.getSimpleName() + ", but takes " + List.of(parameters));
		}
		if (!parameters[0].isAnnotationPresent(DomainEvent.class)) {
			throw new IllegalArgumentException(
					where + " must take a @DomainEvent class first, but takes " + parameters[0].getName());
		}
		method.setAccessible(true);
		boolean withContext = parameters.length == 2;
		Invocation invocation = (event, context) -> {
			try {
				if (withContext) {
					method.invoke(target, event, context);
				}
				else {
					method.invoke(target, event);
				}
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
		};
		try {
			return new EventRouteHandler(name, route.group(), route.value(), route.priority(), parameters[0],
					invocation);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException(where + ": " + ex.getMessage(), ex);
		}
	}

	/**
	 * The handler's name.
	 * @return the name, unique within its group
	 */
	public String name() {
		return this.name;
	}

	/**
	 * The handler's group.
	 * @return the group name
	 */
	public String group() {
		return this.group;
	}

	/**
	 * The subject pattern.
	 * @return the pattern
	 */
	public String pattern() {
		return this.pattern.pattern();
	}

	/**
	 * The subject pattern, parsed.
	 * @return the pattern
	 */
	public SubjectPattern subjectPattern() {
		return this.pattern;
	}

	/**
	 * The order among handlers of the group that match one event, higher first.
	 * @return the priority
	 */
	public int priority() {
		return this.priority;
	}

	/**
	 * The event type the handler takes.
	 * @return the event type
	 */
	public EventType eventType() {
		return this.eventType;
	}

	/**
	 * Call the handler.
	 * @param event the event, of the handler's event class
	 * @param context where it comes from
	 * @throws Exception what the handler throws
	 */
	public void handle(Object event, RoutedEvent context) throws Exception {
		this.invocation.invoke(event, context);
	}

	@Override
	public String toString() {
		return this.name + " [" + this.group + ", " + this.pattern + ", priority " + this.priority + "]";
	}

	/**
	 * Calls a handler.
	 */
	@FunctionalInterface
	public interface Invocation {

		/**
		 * Call the handler.
		 * @param event the event
		 * @param context where it comes from
		 * @throws Exception what the handler throws
		 */
		void invoke(Object event, RoutedEvent context) throws Exception;

	}

}
