package dev.cim.persistence.event;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a class as a domain event and names it in the store.
 *
 * <pre class="code">
 * &#64;DomainEvent(type = "OrderPlaced", schema = 1)
 * record OrderPlaced(String orderId) implements OrderEvent {
 * }
 * </pre>
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface DomainEvent {

	/**
	 * The event type name, a subject token; the class's simple name when empty.
	 * @return the type name
	 */
	String type() default "";

	/**
	 * The schema version of the event's payload, from 1.
	 * @return the schema version
	 */
	int schema() default 1;

}
