package dev.cim.persistence.query;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;

/**
 * What the server reported about the stream a query reads (the events stream, the
 * aggregate state stream, or the stream behind the read-model bucket), and which
 * secondary indexes exist: the inputs of the {@link CostModel}.
 *
 * @param source the name of the stream read
 * @param messages the messages it holds
 * @param subjects the distinct subjects it holds
 * @param firstSequence the sequence of its first message (0 when empty)
 * @param lastSequence the sequence of its last message (0 when empty)
 * @param firstTime the store time of its first message, or {@code null} when unknown
 * @param lastTime the store time of its last message, or {@code null} when unknown
 * @param indexes the secondary indexes of the queried read-model type by field (empty for
 * other queries)
 */
public record QueryStatistics(String source, long messages, long subjects, long firstSequence, long lastSequence,
		@Nullable Instant firstTime, @Nullable Instant lastTime, Map<String, IndexStatistics> indexes) {

	/**
	 * Check and copy the values.
	 */
	public QueryStatistics {
		Objects.requireNonNull(source, "source");
		if (messages < 0 || subjects < 0 || firstSequence < 0 || lastSequence < 0) {
			throw new IllegalArgumentException("stream counts and sequences must be at least 0");
		}
		indexes = Map.copyOf(indexes);
	}

	/**
	 * Statistics of a stream without indexes or times.
	 * @param source the stream
	 * @param messages its messages
	 * @param subjects its distinct subjects
	 * @return the statistics, with sequences 1 to {@code messages}
	 */
	public static QueryStatistics of(String source, long messages, long subjects) {
		return new QueryStatistics(source, messages, subjects, (messages > 0) ? 1 : 0, messages, null, null, Map.of());
	}

	/**
	 * These statistics with the store times of the first and last message.
	 * @param first the first message's time
	 * @param last the last message's time
	 * @return new statistics
	 */
	public QueryStatistics withTimes(Instant first, Instant last) {
		return new QueryStatistics(this.source, this.messages, this.subjects, this.firstSequence, this.lastSequence,
				first, last, this.indexes);
	}

	/**
	 * These statistics with one more index.
	 * @param index the index
	 * @return new statistics
	 */
	public QueryStatistics withIndex(IndexStatistics index) {
		Map<String, IndexStatistics> more = new TreeMap<>(this.indexes);
		more.put(index.field(), index);
		return new QueryStatistics(this.source, this.messages, this.subjects, this.firstSequence, this.lastSequence,
				this.firstTime, this.lastTime, more);
	}

	/**
	 * A one-line description for {@link QueryPlan#explain()}.
	 * @return the description
	 */
	public String describe() {
		StringBuilder text = new StringBuilder(this.source).append(": ")
			.append(this.messages)
			.append(" messages, ")
			.append(this.subjects)
			.append(" subjects, sequences ")
			.append(this.firstSequence)
			.append("..")
			.append(this.lastSequence);
		if (this.firstTime != null && this.lastTime != null) {
			text.append(", stored ").append(this.firstTime).append("..").append(this.lastTime);
		}
		if (!this.indexes.isEmpty()) {
			text.append("; indexes:");
			new TreeMap<>(this.indexes).values()
				.forEach((index) -> text.append(' ')
					.append(index.field())
					.append(" (")
					.append((index.entries() >= 0) ? index.entries() + " entries" : "entries unknown")
					.append(", ")
					.append((index.distinctValues() >= 0) ? index.distinctValues() + " values" : "values unknown")
					.append(')'));
		}
		return text.toString();
	}

}
