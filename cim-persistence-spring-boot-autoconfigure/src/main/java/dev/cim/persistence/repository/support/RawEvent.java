package dev.cim.persistence.repository.support;

import java.time.Instant;

import io.nats.client.impl.Headers;
import org.jspecify.annotations.Nullable;

/**
 * A message of the event stream as stored, not decoded: what chain verification and
 * export read.
 *
 * @param subject the subject
 * @param headers the headers, if any
 * @param body the body
 * @param sequence the stream sequence
 * @param storedAt when the server stored it
 */
record RawEvent(String subject, @Nullable Headers headers, byte[] body, long sequence, Instant storedAt) {

	@Nullable String header(String name) {
		return (this.headers != null) ? this.headers.getFirst(name) : null;
	}

}
