package dev.cim.persistence.event;

import java.util.Objects;

import dev.cim.persistence.ipld.Cid;
import org.jspecify.annotations.Nullable;

/**
 * An event block with the exact bytes it is stored as.
 *
 * @param block the content
 * @param bytes the message body
 * @param cid the CID of the body; {@code null} when content addressing is off
 */
public record EncodedEvent(EventBlock block, byte[] bytes, @Nullable Cid cid) {

	/**
	 * Check the values.
	 */
	public EncodedEvent {
		Objects.requireNonNull(block, "block");
		Objects.requireNonNull(bytes, "bytes");
	}

}
