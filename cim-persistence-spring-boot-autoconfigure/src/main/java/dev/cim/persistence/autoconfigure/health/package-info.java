/**
 * Health contributor for CIM persistence: the NATS connection and the store's streams and
 * buckets.
 */
@NullMarked
package dev.cim.persistence.autoconfigure.health;

import org.jspecify.annotations.NullMarked;
