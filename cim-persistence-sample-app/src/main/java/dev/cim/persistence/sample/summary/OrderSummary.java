package dev.cim.persistence.sample.summary;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Map;
import java.util.TreeMap;

import dev.cim.persistence.readmodel.Apply;
import dev.cim.persistence.readmodel.EventContext;
import dev.cim.persistence.readmodel.Indexed;
import dev.cim.persistence.readmodel.ReadModel;
import dev.cim.persistence.sample.order.OrderEvent.ItemAdded;
import dev.cim.persistence.sample.order.OrderEvent.ItemRemoved;
import dev.cim.persistence.sample.order.OrderEvent.OrderCancelled;
import dev.cim.persistence.sample.order.OrderEvent.OrderCreated;
import dev.cim.persistence.sample.order.OrderEvent.OrderPlaced;
import dev.cim.persistence.sample.order.OrderStatus;

/**
 * A summary of one order, projected from its events into NATS KV: who ordered, its
 * status, how many units at what total, as of which version.
 *
 * @param id the order's id
 * @param customerId the customer's id
 * @param status the order's status
 * @param lines units and unit price per sku
 * @param version the order version the summary reflects
 */
@ReadModel(type = OrderSummary.TYPE, version = 1)
public record OrderSummary(String id, @Indexed String customerId, @Indexed OrderStatus status, Map<String, Line> lines,
		long version) {

	/** The read model's type name, as queries name it. */
	public static final String TYPE = "OrderSummary";

	/**
	 * Copy the lines, sorted by sku.
	 */
	public OrderSummary {
		lines = new TreeMap<>(lines);
	}

	@Apply
	static OrderSummary on(OrderCreated event, EventContext context) {
		return new OrderSummary(context.aggregateId(), event.customerId(), OrderStatus.OPEN, Map.of(),
				context.version());
	}

	@Apply
	OrderSummary on(ItemAdded event, EventContext context) {
		Map<String, Line> changed = new TreeMap<>(this.lines);
		Line existing = changed.get(event.sku());
		int quantity = (existing != null) ? existing.quantity() + event.quantity() : event.quantity();
		changed.put(event.sku(), new Line(quantity, event.unitPrice()));
		return new OrderSummary(this.id, this.customerId, this.status, changed, context.version());
	}

	@Apply
	OrderSummary on(ItemRemoved event, EventContext context) {
		Map<String, Line> changed = new TreeMap<>(this.lines);
		changed.remove(event.sku());
		return new OrderSummary(this.id, this.customerId, this.status, changed, context.version());
	}

	@Apply
	OrderSummary on(OrderPlaced event, EventContext context) {
		return new OrderSummary(this.id, this.customerId, OrderStatus.PLACED, this.lines, context.version());
	}

	@Apply
	OrderSummary on(OrderCancelled event, EventContext context) {
		return new OrderSummary(this.id, this.customerId, OrderStatus.CANCELLED, this.lines, context.version());
	}

	/**
	 * The number of units on the order.
	 * @return the sum of the lines' quantities
	 */
	public long itemCount() {
		return this.lines.values().stream().mapToLong(Line::quantity).sum();
	}

	/**
	 * The order's total.
	 * @return the sum of quantity times unit price, with two decimals
	 */
	public BigDecimal total() {
		return this.lines.values()
			.stream()
			.map((line) -> line.unitPrice().multiply(BigDecimal.valueOf(line.quantity())))
			.reduce(BigDecimal.ZERO, BigDecimal::add)
			.setScale(2, RoundingMode.HALF_EVEN);
	}

	/**
	 * The units of one sku and their unit price.
	 *
	 * @param quantity the units
	 * @param unitPrice the price of one unit
	 */
	public record Line(int quantity, BigDecimal unitPrice) {
	}

}
