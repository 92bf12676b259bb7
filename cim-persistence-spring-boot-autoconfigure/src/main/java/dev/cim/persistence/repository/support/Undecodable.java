package dev.cim.persistence.repository.support;

import org.springframework.dao.DataRetrievalFailureException;

/**
 * The exception for a stored event whose body cannot be decoded.
 */
final class Undecodable {

	private Undecodable() {
	}

	static DataRetrievalFailureException event(String subject, long sequence, Exception cause) {
		return new DataRetrievalFailureException(
				"the event at sequence " + sequence + " on " + subject + " cannot be decoded: " + cause.getMessage(),
				cause);
	}

}
