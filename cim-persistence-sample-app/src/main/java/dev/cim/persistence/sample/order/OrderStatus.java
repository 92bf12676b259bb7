package dev.cim.persistence.sample.order;

/**
 * Where an order is in its life: {@code OPEN} until it is placed or cancelled, and a
 * placed order may still be cancelled.
 */
public enum OrderStatus {

	/**
	 * Items may be added and removed.
	 */
	OPEN,

	/**
	 * The customer committed to the order; its items are fixed.
	 */
	PLACED,

	/**
	 * The order was cancelled; nothing more happens to it.
	 */
	CANCELLED

}
