package dev.cim.persistence.readmodel;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method of a {@link ReadModel} class that applies one event type. The first
 * parameter is the event (a concrete {@link dev.cim.persistence.event.DomainEvent}
 * class); an optional second parameter receives the {@link EventContext}; the method
 * returns the read model's class.
 *
 * <ul>
 * <li>A {@code static} method creates an entry: it is called when the entry does not
 * exist (or was deleted), and, when the class has no instance method for the event, also
 * when it exists, replacing it.</li>
 * <li>An instance method evolves an entry: it is called on the current value and returns
 * the new one. An event with only an instance method is ignored for an entry that does
 * not exist.</li>
 * <li>Returning {@code null} deletes the entry.</li>
 * </ul>
 *
 * <p>
 * Methods must be deterministic and free of side effects: a rebuild calls them again for
 * every event, and a method that throws is called again up to the configured number of
 * attempts.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface Apply {

}
