package dev.cim.persistence.sample.order;

import java.math.BigDecimal;

/**
 * One product on an order.
 *
 * @param sku the product
 * @param quantity how many units
 * @param unitPrice the price of one unit
 */
public record OrderLine(String sku, int quantity, BigDecimal unitPrice) {

	/**
	 * The price of all the units on this line.
	 * @return quantity times unit price
	 */
	public BigDecimal total() {
		return this.unitPrice.multiply(BigDecimal.valueOf(this.quantity));
	}

}
