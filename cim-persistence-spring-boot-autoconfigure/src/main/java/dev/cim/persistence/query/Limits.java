package dev.cim.persistence.query;

/**
 * The rule of a query's limit: positive, or 0 for none.
 */
final class Limits {

	private Limits() {
	}

	static int require(int limit) {
		if (limit < 0) {
			throw new IllegalArgumentException("limit must be at least 1 (0 for none), was " + limit);
		}
		return limit;
	}

	static int requirePositive(int limit) {
		if (limit < 1) {
			throw new IllegalArgumentException("limit must be at least 1, was " + limit);
		}
		return limit;
	}

}
