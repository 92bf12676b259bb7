package dev.cim.persistence.repository;

import dev.cim.persistence.routing.SubjectTokens;

/**
 * Names one aggregate: its bounded context, its type and its id. Each part is a subject
 * token, checked when the reference is created.
 *
 * @param context the bounded context, for example {@code sales}
 * @param type the aggregate type, for example {@code Order}
 * @param id the aggregate id
 */
public record AggregateRef(String context, String type, String id) {

	/**
	 * Check every part.
	 * @throws IllegalArgumentException naming the part that is not a valid subject token
	 */
	public AggregateRef {
		SubjectTokens.require(context, "context");
		SubjectTokens.require(type, "aggregate type");
		SubjectTokens.require(id, "aggregate id");
	}

	/**
	 * A reference.
	 * @param context the bounded context
	 * @param type the aggregate type
	 * @param id the aggregate id
	 * @return the reference
	 * @throws IllegalArgumentException naming the part that is not a valid subject token
	 */
	public static AggregateRef of(String context, String type, String id) {
		return new AggregateRef(context, type, id);
	}

	@Override
	public String toString() {
		return this.context + "." + this.type + "." + this.id;
	}

}
