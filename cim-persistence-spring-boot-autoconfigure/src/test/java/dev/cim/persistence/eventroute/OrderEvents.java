package dev.cim.persistence.eventroute;

import dev.cim.persistence.event.DomainEvent;

/**
 * The events of the routed handler tests.
 */
final class OrderEvents {

	private OrderEvents() {
	}

	@DomainEvent(type = "OrderPlaced")
	record Placed(String customer) {
	}

	@DomainEvent(type = "OrderShipped")
	record Shipped(String carrier) {
	}

	/** An event no handler of the tests takes. */
	@DomainEvent(type = "OrderAudited")
	record Audited(String by) {
	}

}
