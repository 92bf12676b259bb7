package dev.cim.persistence.readmodel;

import org.springframework.dao.NonTransientDataAccessException;

/**
 * A caller waited for a projection that is stopped in state
 * {@link ProjectionState#FAILED}.
 */
public class ProjectionFailedException extends NonTransientDataAccessException {

	private static final long serialVersionUID = 1L;

	private final String projection;

	/**
	 * Create the exception.
	 * @param projection the projection's name
	 * @param message what failed
	 */
	public ProjectionFailedException(String projection, String message) {
		super(message);
		this.projection = projection;
	}

	/**
	 * The projection's name.
	 * @return the name
	 */
	public String getProjection() {
		return this.projection;
	}

}
