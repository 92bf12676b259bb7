/**
 * Read models of orders, kept up to date by the starter's projections.
 */
@NullMarked
package dev.cim.persistence.sample.summary;

import org.jspecify.annotations.NullMarked;
