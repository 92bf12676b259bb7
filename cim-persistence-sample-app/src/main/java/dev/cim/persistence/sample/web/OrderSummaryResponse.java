package dev.cim.persistence.sample.web;

import dev.cim.persistence.sample.summary.OrderSummary;

/**
 * An order summary as the API shows it.
 *
 * @param id the order's id
 * @param customerId the customer's id
 * @param status the order's status
 * @param itemCount the number of units on the order
 * @param total the order's total, two decimals
 * @param version the order version the summary reflects
 */
public record OrderSummaryResponse(String id, String customerId, String status, long itemCount, String total,
		long version) {

	static OrderSummaryResponse of(OrderSummary summary) {
		return new OrderSummaryResponse(summary.id(), summary.customerId(), summary.status().name(),
				summary.itemCount(), summary.total().toPlainString(), summary.version());
	}

}
