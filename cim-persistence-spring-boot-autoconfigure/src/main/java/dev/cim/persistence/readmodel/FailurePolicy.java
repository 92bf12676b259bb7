package dev.cim.persistence.readmodel;

/**
 * What a projection does with an event whose handler still fails after the configured
 * attempts (or that cannot be decoded). Either way the failure is recorded in the
 * projection's status with its sequence and error.
 */
public enum FailurePolicy {

	/** Skip the event (it is terminated on the consumer) and go on with the next one. */
	CONTINUE,

	/**
	 * Stop the projection in state {@link ProjectionState#FAILED}, leaving the event
	 * unacknowledged, so it is tried again when the projection is started again.
	 */
	STOP

}
