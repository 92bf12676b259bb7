package dev.cim.persistence.readmodel;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a class (typically a record) as a read model: a view kept in the read-model
 * bucket and fed from the event stream by a projection through its {@link Apply} methods.
 *
 * <pre class="code">
 * &#64;ReadModel(type = "OrderSummary", version = 1)
 * record OrderSummary(String id, String status, long items) {
 *
 *     &#64;Apply
 *     static OrderSummary on(OrderPlaced e, EventContext ctx) {
 *         return new OrderSummary(ctx.aggregateId(), "PLACED", 0);
 *     }
 *
 *     &#64;Apply
 *     OrderSummary on(ItemAdded e) {
 *         return new OrderSummary(id, status, items + 1);
 *     }
 *
 * }
 * </pre>
 *
 * <p>
 * Raising {@link #version()} makes the projection rebuild the read model from the first
 * event into the new version's keys while the old version keeps serving reads; reads
 * switch to the new version once it has caught up.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface ReadModel {

	/**
	 * The read-model type, used in keys and as the projection's name: 1 to 64 characters
	 * of {@code [A-Za-z0-9_-]}. The class's simple name when empty.
	 * @return the type
	 */
	String type() default "";

	/**
	 * The schema version of the read model, from 1. Raising it rebuilds the read model.
	 * @return the version
	 */
	int version() default 1;

}
