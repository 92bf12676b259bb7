package dev.cim.persistence.repository;

import org.springframework.dao.InvalidDataAccessApiUsageException;

/**
 * An encoded event is larger than {@code max-event-bytes}, or than the server's max
 * payload less room for headers when that is smaller. Nothing of the append was sent.
 */
public class EventTooLargeException extends InvalidDataAccessApiUsageException {

	private static final long serialVersionUID = 1L;

	private final int size;

	private final int limit;

	/**
	 * Create the exception.
	 * @param aggregate the aggregate
	 * @param type the event type
	 * @param version the version the event would have created
	 * @param size the encoded size in bytes
	 * @param limit the limit in bytes
	 */
	public EventTooLargeException(AggregateRef aggregate, String type, long version, int size, int limit) {
		this(aggregate, type, version, size, limit, "cim.persistence.max-event-bytes");
	}

	/**
	 * Create the exception, naming what set the limit.
	 * @param aggregate the aggregate
	 * @param type the event type
	 * @param version the version the event would have created
	 * @param size the encoded size in bytes
	 * @param limit the limit in bytes
	 * @param limitSource what set the limit, for example
	 * {@code cim.persistence.max-event-bytes}
	 */
	public EventTooLargeException(AggregateRef aggregate, String type, long version, int size, int limit,
			String limitSource) {
		super("event " + type + " (version " + version + ") of " + aggregate + " is " + size
				+ " bytes encoded, more than the limit of " + limit + " bytes (" + limitSource + ")");
		this.size = size;
		this.limit = limit;
	}

	/**
	 * The encoded size.
	 * @return the size in bytes
	 */
	public int getSize() {
		return this.size;
	}

	/**
	 * The limit.
	 * @return the limit in bytes
	 */
	public int getLimit() {
		return this.limit;
	}

}
