package dev.cim.persistence.repository;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an {@link EventSourced} class as an aggregate stored by a {@link NatsRepository},
 * and names its place in the store's subjects.
 *
 * <pre class="code">
 * &#64;Aggregate(context = "sales", type = "Order")
 * class Order implements EventSourced&lt;OrderEvent&gt; { ... }
 * </pre>
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface Aggregate {

	/**
	 * The bounded context, a subject token.
	 * @return the context
	 */
	String context();

	/**
	 * The aggregate type, a subject token; the class's simple name when empty.
	 * @return the type
	 */
	String type() default "";

}
