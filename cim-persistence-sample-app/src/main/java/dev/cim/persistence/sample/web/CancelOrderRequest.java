package dev.cim.persistence.sample.web;

import org.jspecify.annotations.Nullable;

/**
 * The body of {@code POST /orders/{id}/cancel}.
 *
 * @param reason why the order is cancelled, optional
 */
public record CancelOrderRequest(@Nullable String reason) {

}
