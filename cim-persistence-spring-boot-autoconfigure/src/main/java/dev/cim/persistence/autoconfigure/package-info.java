/**
 * Auto-configuration of CIM persistence: properties, the NATS connection, the event store
 * and one repository per aggregate, and failure analysis.
 */
@NullMarked
package dev.cim.persistence.autoconfigure;

import org.jspecify.annotations.NullMarked;
