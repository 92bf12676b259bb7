package dev.cim.persistence.routing;

/**
 * Which matching routes {@link SubjectRouter#route(String)} returns, and in which order.
 */
public enum RoutingStrategy {

	/**
	 * The first matching route in registration order, or none.
	 */
	FIRST_MATCH,

	/**
	 * Every matching route, in registration order.
	 */
	ALL_MATCHES,

	/**
	 * Every matching route, highest priority first; routes of equal priority in
	 * registration order.
	 */
	PRIORITY_BASED

}
