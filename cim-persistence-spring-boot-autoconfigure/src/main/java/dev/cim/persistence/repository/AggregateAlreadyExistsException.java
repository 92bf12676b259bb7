package dev.cim.persistence.repository;

/**
 * An append meant to create an aggregate, but the aggregate already has events. Nothing
 * of the append was stored.
 */
public class AggregateAlreadyExistsException extends VersionConflictException {

	private static final long serialVersionUID = 1L;

	/**
	 * Create the exception.
	 * @param aggregate the aggregate
	 * @param actualVersion the version found in the stream
	 */
	public AggregateAlreadyExistsException(AggregateRef aggregate, long actualVersion) {
		super(aggregate, 0, actualVersion,
				"aggregate " + aggregate + " already exists (at version " + actualVersion + ")");
	}

}
