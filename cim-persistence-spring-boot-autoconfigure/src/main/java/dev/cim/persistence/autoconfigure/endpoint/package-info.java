/**
 * Actuator endpoints of CIM persistence.
 */
@NullMarked
package dev.cim.persistence.autoconfigure.endpoint;

import org.jspecify.annotations.NullMarked;
