package dev.cim.persistence.repository;

import org.springframework.dao.DataIntegrityViolationException;

/**
 * A CAR offered for import is not a sound, complete history of one new aggregate; nothing
 * was stored.
 */
public class ChainImportException extends DataIntegrityViolationException {

	private static final long serialVersionUID = 1L;

	/**
	 * Create the exception.
	 * @param message what is wrong
	 */
	public ChainImportException(String message) {
		super(message);
	}

	/**
	 * Create the exception.
	 * @param message what is wrong
	 * @param cause the cause
	 */
	public ChainImportException(String message, Throwable cause) {
		super(message, cause);
	}

}
