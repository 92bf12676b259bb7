package dev.cim.persistence.readmodel;

/**
 * Receives what projections do, for metrics. Implementations must be fast and must not
 * throw; they are called on the projections' threads. {@link #NONE} ignores everything.
 */
public interface ProjectionObserver {

	/** An observer that ignores everything. */
	ProjectionObserver NONE = new ProjectionObserver() {
	};

	/**
	 * An event was applied to an entry.
	 * @param projection the projection's name
	 * @param eventType the event type
	 * @param sequence the event's stream sequence
	 */
	default void applied(String projection, String eventType, long sequence) {
	}

	/**
	 * An event was skipped because its entry had already applied it (a redelivery).
	 * @param projection the projection's name
	 * @param sequence the event's stream sequence
	 */
	default void skipped(String projection, long sequence) {
	}

	/**
	 * An event could not be applied after every attempt.
	 * @param projection the projection's name
	 * @param failure the failure as recorded
	 */
	default void failed(String projection, ProjectionFailure failure) {
	}

	/**
	 * The projection's lag was measured.
	 * @param projection the projection's name
	 * @param lag how many events it still has to process
	 */
	default void lag(String projection, long lag) {
	}

	/**
	 * The projection changed state.
	 * @param projection the projection's name
	 * @param state the new state
	 */
	default void stateChanged(String projection, ProjectionState state) {
	}

}
