/**
 * The JetStream plumbing: the store's layout and subjects, provisioning of streams and
 * buckets, the atomic batch publisher, the batched direct get reader, the server's error
 * codes and the translation of jnats exceptions into Spring's data access exceptions.
 * Depends on jnats, the token rule of {@code routing} and Spring's
 * {@code org.springframework.dao} only.
 */
@NullMarked
package dev.cim.persistence.nats;

import org.jspecify.annotations.NullMarked;
