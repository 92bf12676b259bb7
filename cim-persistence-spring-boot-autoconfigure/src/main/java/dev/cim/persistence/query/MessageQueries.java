package dev.cim.persistence.query;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

import dev.cim.persistence.nats.DirectBatch;
import dev.cim.persistence.nats.DirectBatchReader;
import dev.cim.persistence.nats.DirectMessage;
import dev.cim.persistence.nats.NatsRepositoryConfig;
import dev.cim.persistence.nats.StoreSubjects;
import dev.cim.persistence.nats.TooManySubjectsException;
import dev.cim.persistence.routing.IdPattern;
import io.nats.client.Message;

/**
 * Executes the plans of subject queries over the events stream and of aggregate queries
 * over the aggregate state stream, through {@link OrderedStreamReader}.
 */
final class MessageQueries {

	private final OrderedStreamReader reader;

	private final NatsRepositoryConfig config;

	private final StoreSubjects subjects;

	MessageQueries(OrderedStreamReader reader, NatsRepositoryConfig config) {
		this.reader = reader;
		this.config = config;
		this.subjects = StoreSubjects.of(config);
	}

	/**
	 * The events of a subject query, in stream order.
	 */
	List<QueryRow> events(SubjectQuery query, QueryStrategy strategy, ReadCounter counter) {
		OrderedStreamReader.Start start = OrderedStreamReader.Start.beginning();
		String filter = query.pattern();
		switch (strategy) {
			case SUBJECT_PATTERN -> {
			}
			case TIME_RANGE -> start = new OrderedStreamReader.Start(Math.max(1, query.fromSequence()),
					(query.fromSequence() > 0) ? null : query.since(), false);
			case FULL_SCAN -> filter = this.subjects.eventStreamSubject();
			default -> throw new IllegalArgumentException(strategy + " does not answer a subject query");
		}
		List<QueryRow> rows = new ArrayList<>();
		this.reader.read(this.config.eventStreamName(), filter, start, counter, (message) -> {
			QueryRow.StoredMessage row = row(message);
			if (query.selects(row.subject(), row.sequence(), row.storedAt())) {
				rows.add(row);
			}
			return query.limit() == 0 || rows.size() < query.limit();
		});
		return rows;
	}

	/**
	 * The newest state of each matching aggregate, in stream order.
	 */
	List<QueryRow> aggregates(AggregateQuery query, QueryStrategy strategy, ReadCounter counter) {
		IdPattern ids = query.ids();
		String pattern = statePattern(query);
		String filter = switch (strategy) {
			case LAST_PER_SUBJECT, SUBJECT_PATTERN -> pattern;
			case FULL_SCAN -> this.subjects.aggregateStreamSubject();
			default -> throw new IllegalArgumentException(strategy + " does not answer an aggregate query");
		};
		boolean lastOnly = strategy == QueryStrategy.LAST_PER_SUBJECT;
		OrderedStreamReader.Start start = lastOnly ? OrderedStreamReader.Start.lastPerEachSubject()
				: OrderedStreamReader.Start.beginning();
		Map<String, QueryRow.StoredMessage> newest = new HashMap<>();
		this.reader.read(this.config.aggregateStreamName(), filter, start, counter, (message) -> {
			QueryRow.StoredMessage row = row(message);
			if (SubjectPattern.matches(pattern, row.subject()) && ids.matches(idOf(row.subject()))) {
				newest.put(row.subject(), row);
			}
			// Delivered last per subject in stream order, the first n are the answer.
			return !lastOnly || query.limit() == 0 || newest.size() < query.limit();
		});
		List<QueryRow.StoredMessage> rows = new ArrayList<>(newest.values());
		rows.sort(Comparator.comparingLong(QueryRow.StoredMessage::sequence));
		List<QueryRow> result = new ArrayList<>(rows);
		return (query.limit() > 0 && result.size() > query.limit()) ? result.subList(0, query.limit()) : result;
	}

	/**
	 * The newest state of each matching aggregate, in stream order, read with one batched
	 * direct get ({@code multi_last}) from the state stream's subject index.
	 * @throws TooManySubjectsException when the pattern matches more than
	 * {@value DirectBatchReader#MAX_SUBJECTS} subjects: the caller reads with a consumer
	 * instead
	 */
	List<QueryRow> lastStates(AggregateQuery query, DirectBatchReader direct, ReadCounter counter) {
		IdPattern ids = query.ids();
		DirectBatch batch = direct.lastPerSubject(this.config.aggregateStreamName(), List.of(statePattern(query)),
				OptionalLong.empty());
		List<QueryRow> rows = new ArrayList<>();
		for (DirectMessage message : batch.messages()) {
			counter.add(message.data());
			if (ids.matches(idOf(message.subject())) && (query.limit() == 0 || rows.size() < query.limit())) {
				rows.add(new QueryRow.StoredMessage(message.subject(), message.sequence(), message.time(),
						message.data()));
			}
		}
		return rows;
	}

	private String statePattern(AggregateQuery query) {
		return this.subjects.aggregateStreamSubject()
			.replace(">", query.context() + "." + query.type() + "." + query.ids().filterToken() + ".state");
	}

	/**
	 * The id token of an aggregate state subject
	 * {@code {prefix}.aggregates.{context}.{type}.{id}.state}.
	 */
	private static String idOf(String subject) {
		int end = subject.lastIndexOf('.');
		return subject.substring(subject.lastIndexOf('.', end - 1) + 1, end);
	}

	private static QueryRow.StoredMessage row(Message message) {
		return new QueryRow.StoredMessage(message.getSubject(), message.metaData().streamSequence(),
				message.metaData().timestamp().toInstant(),
				(message.getData() != null) ? message.getData() : new byte[0]);
	}

}
