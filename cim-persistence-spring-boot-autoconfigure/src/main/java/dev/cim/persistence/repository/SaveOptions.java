package dev.cim.persistence.repository;

import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * How a save is made. Immutable; start from {@link #defaults()}.
 *
 * @param expectedVersion the version the aggregate must be at (0 for a new aggregate), or
 * {@code null} for the version of the {@link LoadedAggregate} being saved, or absence
 * when a plain instance is saved
 * @param createSnapshot whether to write a snapshot after this save whatever the policy
 * @param correlationId the id of the conversation the events belong to, if any
 * @param causationId the id of the message that caused them, if any
 * @param metadata application metadata stored with each event
 */
public record SaveOptions(@Nullable Long expectedVersion, boolean createSnapshot, @Nullable String correlationId,
		@Nullable String causationId, Map<String, String> metadata) {

	private static final SaveOptions DEFAULTS = new SaveOptions(null, false, null, null, Map.of());

	/**
	 * Check and copy the values.
	 */
	public SaveOptions {
		if (expectedVersion != null && expectedVersion < 0) {
			throw new IllegalArgumentException("expected version must not be negative, was " + expectedVersion);
		}
		metadata = Map.copyOf(Objects.requireNonNull(metadata, "metadata"));
	}

	/**
	 * The defaults: the loaded version is expected (absence for a new instance), the
	 * snapshot policy decides, no correlation, causation or metadata.
	 * @return the defaults
	 */
	public static SaveOptions defaults() {
		return DEFAULTS;
	}

	/**
	 * These options expecting a version.
	 * @param version the version the aggregate must be at, 0 for a new aggregate
	 * @return new options
	 */
	public SaveOptions expectVersion(long version) {
		return new SaveOptions(version, this.createSnapshot, this.correlationId, this.causationId, this.metadata);
	}

	/**
	 * These options writing a snapshot after the save.
	 * @return new options
	 */
	public SaveOptions withSnapshot() {
		return new SaveOptions(this.expectedVersion, true, this.correlationId, this.causationId, this.metadata);
	}

	/**
	 * These options with a correlation id.
	 * @param id the id
	 * @return new options
	 */
	public SaveOptions correlationId(@Nullable String id) {
		return new SaveOptions(this.expectedVersion, this.createSnapshot, id, this.causationId, this.metadata);
	}

	/**
	 * These options with a causation id.
	 * @param id the id
	 * @return new options
	 */
	public SaveOptions causationId(@Nullable String id) {
		return new SaveOptions(this.expectedVersion, this.createSnapshot, this.correlationId, id, this.metadata);
	}

	/**
	 * These options with application metadata.
	 * @param metadata the metadata
	 * @return new options
	 */
	public SaveOptions metadata(Map<String, String> metadata) {
		return new SaveOptions(this.expectedVersion, this.createSnapshot, this.correlationId, this.causationId,
				metadata);
	}

}
