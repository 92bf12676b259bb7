package dev.cim.persistence.eventroute;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method that handles stored events whose subject matches a pattern, such as
 * {@code @EventRoute("cim.events.sales.Order.*.OrderPlaced.>")}.
 *
 * <p>
 * The method takes the event, an instance of a
 * {@link dev.cim.persistence.event.DomainEvent @DomainEvent} class, and optionally a
 * {@link RoutedEvent} carrying the event's subject, sequence, aggregate, version and CID
 * (its idempotency key). It is called only for events of that class whose subject matches
 * the pattern. The handlers of one group share one durable consumer: each event is
 * handled once per group across all instances of the application, in stream order, at
 * least once. A handler that throws is retried with back-off and the event is then
 * parked.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface EventRoute {

	/**
	 * The subject pattern: tokens separated by {@code .}, {@code *} for one token,
	 * {@code >} for the rest (last token only).
	 * @return the pattern
	 */
	String value();

	/**
	 * The group: the handlers of one group share a durable consumer and see the events in
	 * one order. A subject token.
	 * @return the group name
	 */
	String group() default "default";

	/**
	 * The order among the handlers of a group that match the same event: higher first.
	 * @return the priority
	 */
	int priority() default 0;

}
