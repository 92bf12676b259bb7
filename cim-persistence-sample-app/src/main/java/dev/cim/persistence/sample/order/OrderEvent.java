package dev.cim.persistence.sample.order;

import java.math.BigDecimal;

import dev.cim.persistence.event.DomainEvent;
import org.jspecify.annotations.Nullable;

/**
 * What can happen to an {@link Order}. The permitted records are the order's events as
 * stored; their type names are those of {@link DomainEvent @DomainEvent}.
 */
public sealed interface OrderEvent {

	/**
	 * The order was opened for a customer.
	 *
	 * @param orderId the order's id
	 * @param customerId the customer's id
	 */
	@DomainEvent(type = "OrderCreated")
	record OrderCreated(String orderId, String customerId) implements OrderEvent {
	}

	/**
	 * Units of a product were added to the order.
	 *
	 * @param sku the product
	 * @param quantity how many units, 1 to 1000
	 * @param unitPrice the price of one unit (stored as an exact decimal string)
	 */
	@DomainEvent(type = "ItemAdded")
	record ItemAdded(String sku, int quantity, BigDecimal unitPrice) implements OrderEvent {
	}

	/**
	 * A product was removed from the order, with all its units.
	 *
	 * @param sku the product
	 */
	@DomainEvent(type = "ItemRemoved")
	record ItemRemoved(String sku) implements OrderEvent {
	}

	/**
	 * The customer placed the order.
	 */
	@DomainEvent(type = "OrderPlaced")
	record OrderPlaced() implements OrderEvent {
	}

	/**
	 * The order was cancelled.
	 *
	 * @param reason why, if given
	 */
	@DomainEvent(type = "OrderCancelled")
	record OrderCancelled(@Nullable String reason) implements OrderEvent {
	}

}
