package dev.cim.persistence.sample.web;

import java.math.BigDecimal;

import org.jspecify.annotations.Nullable;

/**
 * The body of {@code POST /orders/{id}/items}.
 *
 * @param sku the product, required
 * @param quantity how many units, required
 * @param unitPrice the price of one unit as a decimal string (or number), required
 */
public record AddItemRequest(@Nullable String sku, @Nullable Integer quantity, @Nullable BigDecimal unitPrice) {

}
