package dev.cim.persistence.repository;

/**
 * An aggregate with its metadata.
 *
 * @param <T> the aggregate type
 * @param aggregate the aggregate
 * @param metadata its version, head and source
 */
public record LoadedAggregate<T>(T aggregate, AggregateMetadata metadata) {

	/**
	 * The aggregate's version.
	 * @return the version
	 */
	public long version() {
		return this.metadata.version();
	}

}
