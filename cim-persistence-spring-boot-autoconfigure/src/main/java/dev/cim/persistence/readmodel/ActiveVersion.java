package dev.cim.persistence.readmodel;

import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * Which slot of a read model serves reads, and which one is being built, as recorded
 * under {@code {type}.active} (see {@link ReadModelKeys}).
 *
 * @param slot the slot serving reads
 * @param building the slot a rebuild is filling, {@code null} when none is
 */
public record ActiveVersion(String slot, @Nullable String building) {

	/**
	 * Check the values.
	 */
	public ActiveVersion {
		Objects.requireNonNull(slot, "slot");
	}

	/**
	 * The schema version serving reads.
	 * @return the version
	 */
	public int version() {
		return ReadModelKeys.versionOf(this.slot);
	}

}
