package dev.cim.persistence.repository;

import java.util.Objects;

/**
 * An aggregate with its metadata, as loaded or saved. Saving it again
 * ({@link AggregateRepository#save(LoadedAggregate, java.util.List)}) expects the
 * aggregate to still be at {@link #expectedVersion()}.
 *
 * @param <T> the aggregate type
 * @param aggregate the aggregate
 * @param metadata its version, head and source
 */
public record LoadedAggregate<T>(T aggregate, AggregateMetadata metadata) {

	/**
	 * Check the values.
	 */
	public LoadedAggregate {
		Objects.requireNonNull(aggregate, "aggregate");
		Objects.requireNonNull(metadata, "metadata");
	}

	/**
	 * The aggregate's version.
	 * @return the version
	 */
	public long version() {
		return this.metadata.version();
	}

	/**
	 * The version a save of this aggregate expects: the version it was loaded or saved
	 * at.
	 * @return the expected version
	 */
	public long expectedVersion() {
		return this.metadata.version();
	}

}
