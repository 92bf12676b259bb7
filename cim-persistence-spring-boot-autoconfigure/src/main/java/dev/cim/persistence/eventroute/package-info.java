/**
 * Routed event handlers: methods annotated with
 * {@link dev.cim.persistence.eventroute.EventRoute @EventRoute} receive stored events
 * through one durable consumer per group, in order, at least once, with retries and a
 * dead-letter bucket of parked events.
 */
@NullMarked
package dev.cim.persistence.eventroute;

import org.jspecify.annotations.NullMarked;
