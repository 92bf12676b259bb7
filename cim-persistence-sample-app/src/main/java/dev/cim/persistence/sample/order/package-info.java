/**
 * The order domain: the {@link dev.cim.persistence.sample.order.Order} aggregate, its
 * events and its rules.
 */
@NullMarked
package dev.cim.persistence.sample.order;

import org.jspecify.annotations.NullMarked;
