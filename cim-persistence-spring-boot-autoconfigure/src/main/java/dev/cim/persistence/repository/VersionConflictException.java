package dev.cim.persistence.repository;

import org.springframework.dao.OptimisticLockingFailureException;

/**
 * An append expected the aggregate at one version, but the stream holds another: someone
 * else appended first. Nothing of the append was stored. Reload and try again.
 */
public class VersionConflictException extends OptimisticLockingFailureException {

	private static final long serialVersionUID = 1L;

	private final transient AggregateRef aggregate;

	private final long expectedVersion;

	private final long actualVersion;

	/**
	 * Create the exception.
	 * @param aggregate the aggregate
	 * @param expectedVersion the version the append expected
	 * @param actualVersion the version found in the stream
	 */
	public VersionConflictException(AggregateRef aggregate, long expectedVersion, long actualVersion) {
		this(aggregate, expectedVersion, actualVersion, "version conflict on " + aggregate + ": expected version "
				+ expectedVersion + ", but the stream holds version " + actualVersion);
	}

	/**
	 * Create the exception with a message.
	 * @param aggregate the aggregate
	 * @param expectedVersion the version the append expected
	 * @param actualVersion the version found in the stream
	 * @param message the detail message
	 */
	protected VersionConflictException(AggregateRef aggregate, long expectedVersion, long actualVersion,
			String message) {
		super(message);
		this.aggregate = aggregate;
		this.expectedVersion = expectedVersion;
		this.actualVersion = actualVersion;
	}

	/**
	 * The aggregate.
	 * @return the aggregate
	 */
	public AggregateRef getAggregate() {
		return this.aggregate;
	}

	/**
	 * The version the append expected.
	 * @return the expected version, 0 for a new aggregate
	 */
	public long getExpectedVersion() {
		return this.expectedVersion;
	}

	/**
	 * The version found in the stream.
	 * @return the actual version
	 */
	public long getActualVersion() {
		return this.actualVersion;
	}

}
