package dev.cim.persistence.nats;

import dev.cim.persistence.routing.SubjectTokens;

/**
 * The subjects of the store's layout in JetStream:
 * {@code {prefix}.events.{context}.{aggregate}.{id}.{eventType}.{version}} for events and
 * {@code {prefix}.aggregates.{context}.{aggregate}.{id}.state} for aggregate state. Every
 * token taken from user data is checked with {@link SubjectTokens} before a subject is
 * built.
 */
public final class StoreSubjects {

	private final String prefix;

	/**
	 * Create the subjects under a prefix.
	 * @param prefix the first token of every subject
	 * @throws IllegalArgumentException when the prefix is not a valid token
	 */
	public StoreSubjects(String prefix) {
		this.prefix = SubjectTokens.require(prefix, "subject prefix");
	}

	/**
	 * The subjects for a configuration.
	 * @param config the configuration
	 * @return its subjects
	 */
	public static StoreSubjects of(NatsRepositoryConfig config) {
		return new StoreSubjects(config.subjectPrefix());
	}

	/**
	 * The subject filter of the event stream.
	 * @return {@code {prefix}.events.>}
	 */
	public String eventStreamSubject() {
		return this.prefix + ".events.>";
	}

	/**
	 * The subject filter of the aggregate state stream.
	 * @return {@code {prefix}.aggregates.>}
	 */
	public String aggregateStreamSubject() {
		return this.prefix + ".aggregates.>";
	}

	/**
	 * The subject of one event.
	 * @param context the bounded context
	 * @param aggregateType the aggregate type
	 * @param id the aggregate id
	 * @param eventType the event type
	 * @param version the version the event creates, at least 1
	 * @return the subject
	 * @throws IllegalArgumentException when a token is invalid or the version is below 1
	 */
	public String event(String context, String aggregateType, String id, String eventType, long version) {
		if (version < 1) {
			throw new IllegalArgumentException("event version must be at least 1, was " + version);
		}
		return aggregatePrefix(context, aggregateType, id) + "." + SubjectTokens.require(eventType, "event type") + "."
				+ version;
	}

	/**
	 * The wildcard subject matching every event of one aggregate, the subject the
	 * concurrency expectation is checked against.
	 * @param context the bounded context
	 * @param aggregateType the aggregate type
	 * @param id the aggregate id
	 * @return {@code {prefix}.events.{context}.{aggregate}.{id}.>}
	 * @throws IllegalArgumentException when a token is invalid
	 */
	public String aggregateEvents(String context, String aggregateType, String id) {
		return aggregatePrefix(context, aggregateType, id) + ".>";
	}

	/**
	 * The subject of one aggregate's state.
	 * @param context the bounded context
	 * @param aggregateType the aggregate type
	 * @param id the aggregate id
	 * @return {@code {prefix}.aggregates.{context}.{aggregate}.{id}.state}
	 * @throws IllegalArgumentException when a token is invalid
	 */
	public String aggregateState(String context, String aggregateType, String id) {
		return this.prefix + ".aggregates." + SubjectTokens.require(context, "context") + "."
				+ SubjectTokens.require(aggregateType, "aggregate type") + "."
				+ SubjectTokens.require(id, "aggregate id") + ".state";
	}

	/**
	 * The version encoded in an event subject (its last token).
	 * @param eventSubject a subject built by {@link #event}
	 * @return the version
	 * @throws IllegalArgumentException when the subject does not end in a version
	 */
	public static long versionOf(String eventSubject) {
		int dot = eventSubject.lastIndexOf('.');
		try {
			return Long.parseLong(eventSubject.substring(dot + 1));
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException("subject '" + eventSubject + "' does not end in an event version", ex);
		}
	}

	private String aggregatePrefix(String context, String aggregateType, String id) {
		return this.prefix + ".events." + SubjectTokens.require(context, "context") + "."
				+ SubjectTokens.require(aggregateType, "aggregate type") + "."
				+ SubjectTokens.require(id, "aggregate id");
	}

}
