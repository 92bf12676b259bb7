/**
 * Auto-configuration of CIM persistence, one class per concern: properties, the NATS
 * connection and the store, one repository per aggregate, read models and projections;
 * the scan of {@code @Aggregate} and {@code @ReadModel} classes
 * ({@link dev.cim.persistence.autoconfigure.CimPersistenceScan}), customizers of the
 * connection's options, and failure analysis.
 */
@NullMarked
package dev.cim.persistence.autoconfigure;

import org.jspecify.annotations.NullMarked;
