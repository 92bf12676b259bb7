package dev.cim.persistence.readmodel;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * The status of a projection, as kept in the projection-status bucket under the
 * read-model type.
 *
 * @param name the projection's name, the read-model type
 * @param state its state
 * @param version the read-model version it projects
 * @param slot the slot it fills (see {@link ReadModelKeys})
 * @param activeSlot the slot serving reads, {@code null} when unknown
 * @param lastSequence every event it handles up to this stream sequence was processed
 * (applied, skipped as already applied, or given up under {@link FailurePolicy#CONTINUE})
 * @param lag how many events it handles are still to be processed (the consumer's pending
 * count)
 * @param failures the most recent events it could not apply, oldest first
 * @param updatedAt when this status was written
 */
public record ProjectionStatus(String name, ProjectionState state, int version, String slot,
		@Nullable String activeSlot, long lastSequence, long lag, List<ProjectionFailure> failures, Instant updatedAt) {

	/**
	 * Check and copy the values.
	 */
	public ProjectionStatus {
		Objects.requireNonNull(name, "name");
		Objects.requireNonNull(state, "state");
		Objects.requireNonNull(slot, "slot");
		failures = List.copyOf(failures);
		Objects.requireNonNull(updatedAt, "updatedAt");
	}

	/**
	 * Whether the projection is failed.
	 * @return {@code true} in state {@link ProjectionState#FAILED}
	 */
	public boolean isFailed() {
		return this.state == ProjectionState.FAILED;
	}

}
