package dev.cim.persistence.sample.web;

import org.jspecify.annotations.Nullable;

/**
 * The body of {@code POST /orders}.
 *
 * @param customerId the customer's id, required
 * @param id the order's id; one is generated when it is absent
 */
public record CreateOrderRequest(@Nullable String customerId, @Nullable String id) {

}
