package dev.cim.persistence.sample.order;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.cim.persistence.sample.order.OrderEvent.ItemAdded;
import dev.cim.persistence.sample.order.OrderEvent.ItemRemoved;
import dev.cim.persistence.sample.order.OrderEvent.OrderCancelled;
import dev.cim.persistence.sample.order.OrderEvent.OrderCreated;
import dev.cim.persistence.sample.order.OrderEvent.OrderPlaced;
import org.jspecify.annotations.Nullable;
import dev.cim.persistence.repository.Aggregate;
import dev.cim.persistence.repository.EventSourced;

/**
 * A customer's order: an event-sourced aggregate stored through the repository the
 * starter registers for it, injected as {@code AggregateRepository<Order>}.
 *
 * <p>
 * The decision methods ({@link #create}, {@link #addItem}, {@link #removeItem},
 * {@link #place}, {@link #cancel}) check the rules against the current state and return
 * the events that record the decision, without changing the state; they throw an
 * {@link OrderRuleViolationException} when a rule forbids the command. {@link #apply}
 * only evolves the state, which the repository does when it saves or loads. The version
 * is not part of the state: it comes with the aggregate's metadata.
 */
@Aggregate(context = "sales", type = "Order")
public final class Order implements EventSourced<OrderEvent> {

	/**
	 * The most units of a product one command may add.
	 */
	public static final int MAX_QUANTITY = 1000;

	private static final BigDecimal MAX_UNIT_PRICE = new BigDecimal("999999999.99");

	// Generous for 999999999.99 written with trailing zeros, small enough to be cheap.
	private static final int MAX_PRICE_DIGITS = 30;

	private @Nullable String id;

	private @Nullable String customerId;

	private @Nullable OrderStatus status;

	private Map<String, OrderLine> items = new LinkedHashMap<>();

	private Order() {
	}

	/**
	 * An order before its first event, to {@link #create} and then save.
	 * @return a new, empty order
	 */
	public static Order blank() {
		return new Order();
	}

	/**
	 * Decide to open this order.
	 * @param id the order's id
	 * @param customerId the customer's id
	 * @return the {@link OrderCreated} event
	 * @throws IllegalArgumentException when an id is malformed
	 * @throws OrderRuleViolationException when the order was already created
	 */
	public List<OrderEvent> create(String id, String customerId) {
		Identifiers.require("id", id);
		Identifiers.require("customerId", customerId);
		if (this.id != null) {
			throw new OrderRuleViolationException("order '" + this.id + "' already exists");
		}
		return List.of(new OrderCreated(id, customerId));
	}

	/**
	 * Decide to add units of a product. Units of a product already on the order add up;
	 * the newest unit price applies to the line.
	 * @param sku the product
	 * @param quantity how many units, 1 to 1000
	 * @param unitPrice the price of one unit: at least 0, at most two decimals
	 * @return the {@link ItemAdded} event
	 * @throws IllegalArgumentException when the sku or the price is malformed
	 * @throws OrderRuleViolationException when the order is not open or the quantity is
	 * out of range
	 */
	public List<OrderEvent> addItem(String sku, int quantity, BigDecimal unitPrice) {
		Identifiers.require("sku", sku);
		BigDecimal price = money(unitPrice);
		requireOpen("add items to");
		if (quantity < 1 || quantity > MAX_QUANTITY) {
			throw new OrderRuleViolationException(
					"quantity must be between 1 and " + MAX_QUANTITY + ", was " + quantity);
		}
		return List.of(new ItemAdded(sku, quantity, price));
	}

	/**
	 * Decide to remove a product with all its units.
	 * @param sku the product
	 * @return the {@link ItemRemoved} event
	 * @throws IllegalArgumentException when the sku is malformed
	 * @throws OrderRuleViolationException when the order is not open or does not hold the
	 * product
	 */
	public List<OrderEvent> removeItem(String sku) {
		Identifiers.require("sku", sku);
		requireOpen("remove items from");
		if (!this.items.containsKey(sku)) {
			throw new OrderRuleViolationException("order '" + this.id + "' has no item '" + sku + "'");
		}
		return List.of(new ItemRemoved(sku));
	}

	/**
	 * Decide to place the order.
	 * @return the {@link OrderPlaced} event
	 * @throws OrderRuleViolationException when the order is not open or has no items
	 */
	public List<OrderEvent> place() {
		requireOpen("place");
		if (this.items.isEmpty()) {
			throw new OrderRuleViolationException("order '" + this.id + "' has no items and cannot be placed");
		}
		return List.of(new OrderPlaced());
	}

	/**
	 * Decide to cancel the order.
	 * @param reason why, if given
	 * @return the {@link OrderCancelled} event
	 * @throws OrderRuleViolationException when the order is already cancelled
	 */
	public List<OrderEvent> cancel(@Nullable String reason) {
		if (this.status == OrderStatus.CANCELLED) {
			throw new OrderRuleViolationException("order '" + this.id + "' is already cancelled");
		}
		return List.of(new OrderCancelled(reason));
	}

	@Override
	public void apply(OrderEvent event) {
		if (event instanceof OrderCreated created) {
			this.id = created.orderId();
			this.customerId = created.customerId();
			this.status = OrderStatus.OPEN;
		}
		else if (event instanceof ItemAdded added) {
			OrderLine line = this.items.get(added.sku());
			int quantity = (line != null) ? line.quantity() + added.quantity() : added.quantity();
			this.items.put(added.sku(), new OrderLine(added.sku(), quantity, added.unitPrice()));
		}
		else if (event instanceof ItemRemoved removed) {
			this.items.remove(removed.sku());
		}
		else if (event instanceof OrderPlaced) {
			this.status = OrderStatus.PLACED;
		}
		else if (event instanceof OrderCancelled) {
			this.status = OrderStatus.CANCELLED;
		}
	}

	@Override
	public @Nullable String id() {
		return this.id;
	}

	/**
	 * The customer's id.
	 * @return the customer's id, {@code null} before the order was created
	 */
	public @Nullable String customerId() {
		return this.customerId;
	}

	/**
	 * The order's status.
	 * @return the status, {@code null} before the order was created
	 */
	public @Nullable OrderStatus status() {
		return this.status;
	}

	/**
	 * The order's lines, in the order their products were first added.
	 * @return the lines
	 */
	public List<OrderLine> items() {
		return List.copyOf(this.items.values());
	}

	/**
	 * The price of the whole order.
	 * @return the sum of quantity times unit price over the lines, with two decimals
	 */
	public BigDecimal total() {
		BigDecimal total = BigDecimal.ZERO.setScale(2);
		for (OrderLine line : this.items.values()) {
			total = total.add(line.total());
		}
		return total;
	}

	private void requireOpen(String action) {
		if (this.status != OrderStatus.OPEN) {
			throw new OrderRuleViolationException(
					"cannot " + action + " order '" + this.id + "': it is " + this.status + ", not OPEN");
		}
	}

	private static BigDecimal money(@Nullable BigDecimal amount) {
		if (amount == null) {
			throw new IllegalArgumentException("unitPrice is required");
		}
		// Checked before any arithmetic: rescaling a value such as 1e-10000000 would take
		// minutes, so its digits and exponent are bounded first (both are plain fields).
		if (amount.precision() > MAX_PRICE_DIGITS || amount.scale() > MAX_PRICE_DIGITS
				|| amount.scale() < -MAX_PRICE_DIGITS) {
			throw new IllegalArgumentException("unitPrice is out of range: at most 9 digits before the decimal "
					+ "point and 2 after, between 0 and " + MAX_UNIT_PRICE);
		}
		if (amount.signum() < 0 || amount.compareTo(MAX_UNIT_PRICE) > 0) {
			throw new IllegalArgumentException("unitPrice must be between 0 and " + MAX_UNIT_PRICE);
		}
		try {
			return amount.setScale(2, RoundingMode.UNNECESSARY);
		}
		catch (ArithmeticException ex) {
			throw new IllegalArgumentException(
					"unitPrice must have at most two decimals, was " + amount.toPlainString());
		}
	}

}
