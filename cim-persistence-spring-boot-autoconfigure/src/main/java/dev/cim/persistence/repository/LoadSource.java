package dev.cim.persistence.repository;

/**
 * Where a loaded aggregate's state came from.
 */
public enum LoadSource {

	/** The in-process cache, checked against the head of the event stream. */
	CACHE,

	/** The aggregate state stream, checked against the head of the event stream. */
	STATE,

	/** The newest valid snapshot, plus the events after it. */
	SNAPSHOT,

	/** A replay of every event from version 1. */
	REPLAY,

	/** The state the save itself produced. */
	SAVE;

	/**
	 * The value of the {@code source} tag.
	 * @return the lower-case name
	 */
	public String tag() {
		return name().toLowerCase(java.util.Locale.ROOT);
	}

}
