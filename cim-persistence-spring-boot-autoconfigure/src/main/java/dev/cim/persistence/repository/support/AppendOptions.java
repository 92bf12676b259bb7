package dev.cim.persistence.repository.support;

import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * Metadata written with every event of one append.
 *
 * @param correlationId the id of the conversation the events belong to, if any
 * @param causationId the id of the message that caused them, if any
 * @param metadata application metadata, stored in each event's {@code meta.user}
 */
public record AppendOptions(@Nullable String correlationId, @Nullable String causationId,
		Map<String, String> metadata) {

	private static final AppendOptions DEFAULTS = new AppendOptions(null, null, Map.of());

	/**
	 * Copy the metadata.
	 */
	public AppendOptions {
		metadata = Map.copyOf(Objects.requireNonNull(metadata, "metadata"));
	}

	/**
	 * No correlation, no causation, no metadata.
	 * @return the defaults
	 */
	public static AppendOptions defaults() {
		return DEFAULTS;
	}

	/**
	 * These options with a correlation id.
	 * @param correlationId the id
	 * @return new options
	 */
	public AppendOptions withCorrelationId(@Nullable String correlationId) {
		return new AppendOptions(correlationId, this.causationId, this.metadata);
	}

	/**
	 * These options with a causation id.
	 * @param causationId the id
	 * @return new options
	 */
	public AppendOptions withCausationId(@Nullable String causationId) {
		return new AppendOptions(this.correlationId, causationId, this.metadata);
	}

	/**
	 * These options with application metadata.
	 * @param metadata the metadata
	 * @return new options
	 */
	public AppendOptions withMetadata(Map<String, String> metadata) {
		return new AppendOptions(this.correlationId, this.causationId, metadata);
	}

}
