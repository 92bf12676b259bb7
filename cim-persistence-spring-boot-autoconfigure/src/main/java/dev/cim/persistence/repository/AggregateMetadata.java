package dev.cim.persistence.repository;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * What the store knows of an aggregate as loaded or saved.
 *
 * @param id the aggregate's id
 * @param version its version: the number of events folded into the state
 * @param sequence the stream sequence of that version's event
 * @param headCid the CID of that event, as base32 text; {@code null} when content
 * addressing is off
 * @param updatedAt when that event was created
 * @param source where the state came from
 */
public record AggregateMetadata(String id, long version, long sequence, @Nullable String headCid, Instant updatedAt,
		LoadSource source) {

	/**
	 * This metadata with another source.
	 * @param source the source
	 * @return new metadata
	 */
	public AggregateMetadata withSource(LoadSource source) {
		return new AggregateMetadata(this.id, this.version, this.sequence, this.headCid, this.updatedAt, source);
	}

}
