package dev.cim.persistence.readmodel;

import java.time.Duration;

import org.springframework.dao.QueryTimeoutException;

/**
 * A projection did not reach a stream sequence within the time a caller waited.
 */
public class ProjectionTimeoutException extends QueryTimeoutException {

	private static final long serialVersionUID = 1L;

	private final String projection;

	private final long sequence;

	private final long reached;

	/**
	 * Create the exception.
	 * @param projection the projection's name
	 * @param sequence the sequence waited for
	 * @param reached the sequence the projection had processed when the wait ended
	 * @param timeout how long the caller waited
	 */
	public ProjectionTimeoutException(String projection, long sequence, long reached, Duration timeout) {
		super("projection " + projection + " did not reach stream sequence " + sequence + " within " + timeout
				+ " (it has processed up to " + reached + ")");
		this.projection = projection;
		this.sequence = sequence;
		this.reached = reached;
	}

	/**
	 * The projection's name.
	 * @return the name
	 */
	public String getProjection() {
		return this.projection;
	}

	/**
	 * The sequence waited for.
	 * @return the sequence
	 */
	public long getSequence() {
		return this.sequence;
	}

	/**
	 * The sequence the projection had processed when the wait ended.
	 * @return the sequence
	 */
	public long getReached() {
		return this.reached;
	}

}
