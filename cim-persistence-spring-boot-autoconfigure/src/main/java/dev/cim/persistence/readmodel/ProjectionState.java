package dev.cim.persistence.readmodel;

/**
 * The state of a projection, as recorded in its {@link ProjectionStatus}.
 */
public enum ProjectionState {

	/** Applying events the stream already held when it started. */
	CATCHING_UP,

	/** Caught up: applying events as they are appended. */
	LIVE,

	/**
	 * Filling a new slot (a new version or an explicit rebuild) while the active one
	 * keeps serving reads.
	 */
	REBUILDING,

	/** Stopped on an event that failed, under {@link FailurePolicy#STOP}. */
	FAILED,

	/** Not running in any process that reported. */
	STOPPED

}
