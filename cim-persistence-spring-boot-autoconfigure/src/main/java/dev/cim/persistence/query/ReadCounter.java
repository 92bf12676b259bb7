package dev.cim.persistence.query;

import org.jspecify.annotations.Nullable;

/**
 * Counts what an execution read from the server. Used by one execution on one thread.
 */
final class ReadCounter {

	private long messages;

	private long bytes;

	void add(byte @Nullable [] data) {
		this.messages++;
		this.bytes += (data != null) ? data.length : 0;
	}

	long messages() {
		return this.messages;
	}

	long bytes() {
		return this.bytes;
	}

}
