/**
 * Testcontainers service connection for a NATS container.
 */
@NullMarked
package dev.cim.persistence.autoconfigure.testcontainers;

import org.jspecify.annotations.NullMarked;
