package dev.cim.persistence.repository.support;

import dev.cim.persistence.ipld.Cid;
import org.jspecify.annotations.Nullable;

/**
 * The newest event of an aggregate, as far as an append needs it: its version, its stream
 * sequence and its CID. {@link #NONE} stands for an aggregate without events.
 *
 * @param version the aggregate version, 0 for none
 * @param sequence the stream sequence of that version's event, 0 for none
 * @param cid the CID of that event; {@code null} for none or when content addressing is
 * off
 */
public record EventHead(long version, long sequence, @Nullable Cid cid) {

	/** The head of an aggregate that has no events yet. */
	public static final EventHead NONE = new EventHead(0, 0, null);

	/**
	 * Check the values.
	 */
	public EventHead {
		if (version < 0 || sequence < 0) {
			throw new IllegalArgumentException(
					"version and sequence must not be negative: " + version + ", " + sequence);
		}
		if ((version == 0) != (sequence == 0)) {
			throw new IllegalArgumentException(
					"version and sequence must both be 0 or both be positive: " + version + ", " + sequence);
		}
	}

	/**
	 * Whether this is the head of an aggregate without events.
	 * @return {@code true} for {@link #NONE}
	 */
	public boolean isNone() {
		return this.version == 0;
	}

}
