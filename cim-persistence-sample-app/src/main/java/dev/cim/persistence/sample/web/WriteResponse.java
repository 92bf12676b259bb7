package dev.cim.persistence.sample.web;

import dev.cim.persistence.repository.AggregateMetadata;

/**
 * The answer to every successful write.
 *
 * @param id the order's id
 * @param version the order's version after the write
 * @param sequence the stream sequence of the write's last event
 */
public record WriteResponse(String id, long version, long sequence) {

	static WriteResponse of(AggregateMetadata metadata) {
		return new WriteResponse(metadata.id(), metadata.version(), metadata.sequence());
	}

}
