package dev.cim.persistence.query;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.cim.persistence.readmodel.ReadModelIndexes;
import org.jspecify.annotations.Nullable;

/**
 * The secondary indexes the projection runner keeps in the index bucket
 * ({@link ReadModelIndexes}), as the planner sees them: an index counts only once it is
 * complete in the read model's active slot, and of each only its existence is known (the
 * planner then assumes its default selectivity). Lookups give candidates only; the
 * optimizer re-checks every one against its read model.
 */
public final class ReadModelSecondaryIndexes implements SecondaryIndexes {

	private final ReadModelIndexes indexes;

	/**
	 * Plan with the given read-model indexes.
	 * @param indexes the indexes, usually {@code ReadModelStore.indexes()}
	 */
	public ReadModelSecondaryIndexes(ReadModelIndexes indexes) {
		this.indexes = indexes;
	}

	@Override
	public Map<String, IndexStatistics> indexes(String readModelType) {
		Map<String, IndexStatistics> found = new LinkedHashMap<>();
		for (String field : this.indexes.indexes(readModelType)) {
			found.put(field, IndexStatistics.of(field));
		}
		return found;
	}

	@Override
	public List<String> lookup(String readModelType, String field, @Nullable Object value) {
		return this.indexes.lookup(readModelType, field, value);
	}

}
