package dev.cim.persistence.repository;

import org.springframework.dao.DataIntegrityViolationException;

/**
 * A verifying load found the aggregate's hash chain broken; nothing was folded.
 */
public class ChainIntegrityException extends DataIntegrityViolationException {

	private static final long serialVersionUID = 1L;

	private final transient ChainVerification verification;

	/**
	 * Create the exception.
	 * @param verification what the verification found
	 */
	public ChainIntegrityException(ChainVerification verification) {
		super("the history of " + verification.aggregate() + " failed verification: " + verification.problems());
		this.verification = verification;
	}

	/**
	 * What the verification found.
	 * @return the verification
	 */
	public ChainVerification getVerification() {
		return this.verification;
	}

}
