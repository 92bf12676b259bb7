package dev.cim.persistence.eventroute;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * An event that a group's handlers kept failing on, parked in the dead-letter bucket
 * under {@code {group}.{sequence}} until it is retried or dropped.
 *
 * @param group the handler group
 * @param sequence the event's stream sequence
 * @param subject the event's subject
 * @param error the last error, class and message
 * @param attempts how many times the handlers were called for it
 * @param handlers the handlers that failed (a retry calls these again)
 * @param parkedAt when it was parked or last retried
 */
public record ParkedEvent(String group, long sequence, String subject, String error, int attempts,
		List<String> handlers, Instant parkedAt) {

	/**
	 * Check and copy the values.
	 */
	public ParkedEvent {
		Objects.requireNonNull(group, "group");
		Objects.requireNonNull(subject, "subject");
		Objects.requireNonNull(error, "error");
		Objects.requireNonNull(parkedAt, "parkedAt");
		handlers = List.copyOf(handlers);
	}

	/**
	 * The event's key in the parked bucket.
	 * @return {@code {group}.{sequence}}
	 */
	public String key() {
		return this.group + "." + this.sequence;
	}

}
