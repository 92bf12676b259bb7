package dev.cim.persistence.query;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Secondary indexes held in memory, standing in for those of the projection runner: ids
 * by field and value, which may be stale on purpose.
 */
final class InMemoryIndexes implements SecondaryIndexes {

	private final String type;

	private final Map<String, Map<String, List<String>>> idsByFieldAndValue = new HashMap<>();

	private final Map<String, IndexStatistics> statistics = new HashMap<>();

	InMemoryIndexes(String type) {
		this.type = type;
	}

	/**
	 * Declare an index with the statistics the planner is to see.
	 */
	InMemoryIndexes index(String field, long entries, long distinctValues) {
		this.statistics.put(field, new IndexStatistics(field, entries, distinctValues));
		this.idsByFieldAndValue.putIfAbsent(field, new HashMap<>());
		return this;
	}

	/**
	 * Add an index entry, true or stale.
	 */
	InMemoryIndexes add(String field, @Nullable Object value, String id) {
		this.idsByFieldAndValue.get(field)
			.computeIfAbsent(key(QueryValues.normalize(value)), (k) -> new ArrayList<>())
			.add(id);
		return this;
	}

	@Override
	public Map<String, IndexStatistics> indexes(String readModelType) {
		return readModelType.equals(this.type) ? Map.copyOf(this.statistics) : Map.of();
	}

	@Override
	public List<String> lookup(String readModelType, String field, @Nullable Object value) {
		if (!readModelType.equals(this.type) || !this.statistics.containsKey(field)) {
			throw new UnsupportedOperationException(readModelType + " has no index on " + field);
		}
		return List.copyOf(this.idsByFieldAndValue.get(field).getOrDefault(key(value), List.of()));
	}

	private static String key(@Nullable Object value) {
		return String.valueOf(value);
	}

}
