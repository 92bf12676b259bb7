package dev.cim.persistence.repository;

import org.jspecify.annotations.Nullable;

/**
 * How a load is made. Immutable; start from {@link #defaults()}.
 *
 * @param version the version to load (time travel), or {@code null} for the newest
 * @param skipCache whether to ignore the in-process cache
 * @param skipSnapshots whether to ignore the state stream and snapshots and replay every
 * event
 * @param verifyChain whether to verify the whole hash chain and replay it; a broken chain
 * fails the load with a {@link ChainIntegrityException}
 */
public record LoadOptions(@Nullable Long version, boolean skipCache, boolean skipSnapshots, boolean verifyChain) {

	private static final LoadOptions DEFAULTS = new LoadOptions(null, false, false, false);

	/**
	 * Check the values.
	 */
	public LoadOptions {
		if (version != null && version < 1) {
			throw new IllegalArgumentException("version to load must be at least 1, was " + version);
		}
	}

	/**
	 * The defaults: the newest version, from the cheapest valid source.
	 * @return the defaults
	 */
	public static LoadOptions defaults() {
		return DEFAULTS;
	}

	/**
	 * Options loading the state as of a past version.
	 * @param version the version, at least 1
	 * @return new options
	 */
	public static LoadOptions atVersion(long version) {
		return new LoadOptions(version, false, false, false);
	}

	/**
	 * These options ignoring the cache.
	 * @return new options
	 */
	public LoadOptions withoutCache() {
		return new LoadOptions(this.version, true, this.skipSnapshots, this.verifyChain);
	}

	/**
	 * These options replaying every event, ignoring cache, state and snapshots.
	 * @return new options
	 */
	public LoadOptions withoutSnapshots() {
		return new LoadOptions(this.version, true, true, this.verifyChain);
	}

	/**
	 * These options verifying the hash chain and replaying it.
	 * @return new options
	 */
	public LoadOptions withVerification() {
		return new LoadOptions(this.version, true, true, true);
	}

}
