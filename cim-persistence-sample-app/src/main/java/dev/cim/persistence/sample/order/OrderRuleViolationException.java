package dev.cim.persistence.sample.order;

/**
 * A command that the order's current state does not allow, such as placing an empty order
 * or adding to a placed one. Nothing was decided or stored.
 */
public class OrderRuleViolationException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	/**
	 * Create the exception.
	 * @param message which rule was broken
	 */
	public OrderRuleViolationException(String message) {
		super(message);
	}

}
