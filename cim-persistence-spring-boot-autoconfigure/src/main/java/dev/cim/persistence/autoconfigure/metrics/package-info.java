/**
 * Micrometer metrics for CIM persistence repositories.
 */
@NullMarked
package dev.cim.persistence.autoconfigure.metrics;

import org.jspecify.annotations.NullMarked;
