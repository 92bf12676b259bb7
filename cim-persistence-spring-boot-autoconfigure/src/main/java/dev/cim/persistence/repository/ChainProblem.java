package dev.cim.persistence.repository;

/**
 * One thing wrong with an aggregate's hash chain.
 *
 * @param kind what kind of problem
 * @param version the aggregate version where it was found (from the subject when the body
 * cannot be read)
 * @param sequence the stream sequence of the message where it was found
 * @param message what exactly is wrong
 */
public record ChainProblem(Kind kind, long version, long sequence, String message) {

	@Override
	public String toString() {
		return this.kind + " at version " + this.version + " (sequence " + this.sequence + "): " + this.message;
	}

	/**
	 * The kinds of problem a verification reports.
	 */
	public enum Kind {

		/**
		 * The stored bytes do not hash to the CID they were stored under, or are no valid
		 * block.
		 */
		CONTENT_ALTERED,

		/** An event's {@code prev} link does not name the previous event. */
		BROKEN_LINK,

		/** Two events claim the same version. */
		FORK,

		/** Versions are missing between two events. */
		GAP,

		/** Subject, headers and body disagree. */
		HEADER_MISMATCH,

		/**
		 * The history was written without content addressing, so it cannot be verified.
		 */
		NOT_CONTENT_ADDRESSED

	}

}
