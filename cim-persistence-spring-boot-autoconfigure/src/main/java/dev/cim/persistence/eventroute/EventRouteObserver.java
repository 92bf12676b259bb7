package dev.cim.persistence.eventroute;

/**
 * Receives what routed handlers do, for metrics. Called on the groups' threads; must not
 * block.
 */
public interface EventRouteObserver {

	/** An observer that does nothing. */
	EventRouteObserver NONE = new EventRouteObserver() {
	};

	/**
	 * Every handler of an event succeeded.
	 * @param group the group
	 */
	default void handled(String group) {
	}

	/**
	 * A handler threw for an event; it may be retried.
	 * @param group the group
	 */
	default void failed(String group) {
	}

	/**
	 * An event was parked after its retries.
	 * @param group the group
	 */
	default void parked(String group) {
	}

}
