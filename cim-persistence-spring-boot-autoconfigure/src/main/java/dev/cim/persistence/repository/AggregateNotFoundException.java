package dev.cim.persistence.repository;

import org.springframework.dao.EmptyResultDataAccessException;

/**
 * A load found no events for the aggregate (or none at the requested version).
 */
public class AggregateNotFoundException extends EmptyResultDataAccessException {

	private static final long serialVersionUID = 1L;

	/**
	 * Create the exception.
	 * @param message what was not found
	 */
	public AggregateNotFoundException(String message) {
		super(message, 1);
	}

}
