/**
 * The JetStream plumbing: the store's layout and subjects, provisioning of streams and
 * buckets, the atomic batch publisher and the server's error codes. Depends on jnats
 * only.
 */
@NullMarked
package dev.cim.persistence.nats;

import org.jspecify.annotations.NullMarked;
