/**
 * Launching a local nats-server for development and tests: finding a new enough binary
 * ({@link dev.cim.persistence.embedded.NatsServerBinary}) and running it on a free port
 * of the loopback interface with JetStream enabled and its own store directory
 * ({@link dev.cim.persistence.embedded.EmbeddedNatsServer}), which it locks while it
 * runs; the server dies with the JVM that launched it and can be restarted when its
 * process exits unexpectedly. Depends on the JDK only.
 */
@NullMarked
package dev.cim.persistence.embedded;

import org.jspecify.annotations.NullMarked;
