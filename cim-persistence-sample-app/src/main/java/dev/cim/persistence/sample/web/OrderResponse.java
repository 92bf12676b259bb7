package dev.cim.persistence.sample.web;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

import dev.cim.persistence.sample.order.Order;
import dev.cim.persistence.sample.order.OrderLine;
import dev.cim.persistence.sample.order.OrderStatus;
import org.jspecify.annotations.Nullable;
import dev.cim.persistence.repository.LoadedAggregate;

/**
 * An order as {@code GET /orders/{id}} shows it. Amounts are decimal strings with two
 * decimals.
 *
 * @param id the order's id
 * @param customerId the customer's id
 * @param status the status
 * @param items the lines
 * @param total the sum of quantity times unit price
 * @param version the version shown
 */
public record OrderResponse(String id, @Nullable String customerId, @Nullable OrderStatus status, List<Item> items,
		String total, long version) {

	static OrderResponse of(LoadedAggregate<Order> loaded) {
		Order order = loaded.aggregate();
		List<Item> items = order.items().stream().map(Item::of).toList();
		return new OrderResponse(loaded.metadata().id(), order.customerId(), order.status(), items,
				money(order.total()), loaded.version());
	}

	static String money(BigDecimal amount) {
		return amount.setScale(2, RoundingMode.HALF_EVEN).toPlainString();
	}

	/**
	 * One line of an order.
	 *
	 * @param sku the product
	 * @param quantity how many units
	 * @param unitPrice the price of one unit
	 */
	public record Item(String sku, int quantity, String unitPrice) {

		static Item of(OrderLine line) {
			return new Item(line.sku(), line.quantity(), money(line.unitPrice()));
		}

	}

}
