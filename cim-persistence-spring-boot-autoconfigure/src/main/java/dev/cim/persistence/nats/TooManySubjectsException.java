package dev.cim.persistence.nats;

import org.springframework.dao.InvalidDataAccessResourceUsageException;

/**
 * A last-per-subject read matched more subjects than the server answers in one request
 * (status 413 "Too Many Results"; nats-server allows
 * {@value DirectBatchReader#MAX_SUBJECTS}). Nothing was read. The caller must split the
 * filters into several reads that each match fewer subjects, or read with a batch (or a
 * consumer) instead.
 */
public class TooManySubjectsException extends InvalidDataAccessResourceUsageException {

	private static final long serialVersionUID = 1L;

	private final String stream;

	private final int filterCount;

	/**
	 * Create the exception.
	 * @param stream the stream that was read
	 * @param filterCount how many subject filters the refused request held
	 */
	public TooManySubjectsException(String stream, int filterCount) {
		super("The last message per subject of " + filterCount + " subject filter(s) on stream " + stream
				+ " matches more than the " + DirectBatchReader.MAX_SUBJECTS
				+ " subjects the server answers in one request (413 Too Many Results):"
				+ " split the filters into several reads");
		this.stream = stream;
		this.filterCount = filterCount;
	}

	/**
	 * The stream that was read.
	 * @return its name
	 */
	public String getStream() {
		return this.stream;
	}

	/**
	 * How many subject filters the refused request held.
	 * @return the count
	 */
	public int getFilterCount() {
		return this.filterCount;
	}

}
