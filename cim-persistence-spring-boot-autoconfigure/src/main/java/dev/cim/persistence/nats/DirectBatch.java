package dev.cim.persistence.nats;

import java.util.List;

/**
 * What a {@link DirectBatchReader} read: the messages, in stream sequence order, and
 * where the server said the read ended.
 *
 * @param messages the messages, in stream sequence order (unmodifiable)
 * @param lastSequence the sequence of the last message read, 0 when none was
 * @param pending how many more messages match that were not read because the caller's
 * limit was reached, as the server counted them at the end of the last request; 0 when
 * everything was read
 * @param upToSequence for {@link DirectBatchReader#lastPerSubject last per subject}: the
 * stream sequence the read was taken at (pass it as the cap of a later read for a view of
 * the same moment); 0 when the server did not say (nothing matched, or a
 * {@link DirectBatchReader#batch batch})
 */
public record DirectBatch(List<DirectMessage> messages, long lastSequence, long pending, long upToSequence) {

	/**
	 * Create a result; the list is copied.
	 * @param messages the messages, in stream sequence order
	 * @param lastSequence the sequence of the last message read, 0 when none was
	 * @param pending how many more messages match
	 * @param upToSequence the stream sequence a last-per-subject read was taken at, or 0
	 */
	public DirectBatch {
		messages = List.copyOf(messages);
	}

	/**
	 * Whether nothing was read.
	 * @return {@code true} when no message matched
	 */
	public boolean isEmpty() {
		return this.messages.isEmpty();
	}

}
