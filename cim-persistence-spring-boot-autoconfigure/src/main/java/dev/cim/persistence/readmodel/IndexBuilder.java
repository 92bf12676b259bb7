package dev.cim.persistence.readmodel;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

import org.springframework.dao.DataAccessResourceFailureException;

/**
 * Builds one index of one slot from the entries in it: registers the index as building
 * (from then on projections that refresh their list of indexes keep it in step), indexes
 * every entry, waits until every projection has surely refreshed its list, indexes again
 * the entries that changed meanwhile, and registers the index as complete. Index entries
 * written for a value that changed meanwhile are left: stale entries are harmless, every
 * hit is checked against its entry.
 */
final class IndexBuilder {

	/**
	 * How long to wait between the first pass and the catch-up pass: twice the interval
	 * at which projections refresh their list of indexes.
	 */
	static final Duration SETTLE = IndexWriter.REFRESH.multipliedBy(2);

	private static final int CHUNK = 1000;

	private final ReadModelIndexes indexes;

	private final ReadModelStore store;

	IndexBuilder(ReadModelIndexes indexes, ReadModelStore store) {
		this.indexes = indexes;
		this.store = store;
	}

	/**
	 * Build an index unless it is complete already.
	 * @param settle whether projections of other processes may write the slot without
	 * knowing the index yet, so a catch-up pass is needed
	 */
	void build(String type, String slot, String field, boolean settle) {
		if (this.indexes.registry(type, slot).get(field) == ReadModelIndexes.IndexState.READY) {
			return;
		}
		this.indexes.register(type, slot, field, ReadModelIndexes.IndexState.BUILDING);
		Map<String, Long> seen = index(type, slot, field, new HashMap<>());
		if (settle) {
			pause();
			index(type, slot, field, seen);
		}
		this.indexes.register(type, slot, field, ReadModelIndexes.IndexState.READY);
	}

	/**
	 * Index every entry of the slot whose revision is not the one already indexed.
	 * @return the revision indexed for each entry key
	 */
	private Map<String, Long> index(String type, String slot, String field, Map<String, Long> seen) {
		List<String> all = this.store.keys(ReadModelKeys.entries(type, slot));
		for (int from = 0; from < all.size(); from += CHUNK) {
			List<String> keys = new ArrayList<>();
			Map<String, Optional<StoredEntry>> entries = this.store.entryReads()
				.readAll(all.subList(from, Math.min(all.size(), from + CHUNK)));
			for (Map.Entry<String, Optional<StoredEntry>> entry : entries.entrySet()) {
				String key = entry.getKey();
				Optional<StoredEntry> stored = entry.getValue();
				if (stored.isEmpty() || stored.get().deleted()) {
					continue;
				}
				Long indexed = seen.get(key);
				if (indexed != null && indexed == stored.get().revision()) {
					continue;
				}
				JsonNode value = stored.get().value();
				String token = ReadModelIndexKeys.tokenOf((value != null) ? value.get(field) : null);
				keys.add(ReadModelIndexKeys.entry(type, slot, field, token, ReadModelKeys.idOf(key)));
				seen.put(key, stored.get().revision());
			}
			this.indexes.putAll(keys);
		}
		return seen;
	}

	private static void pause() {
		try {
			Thread.sleep(SETTLE.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new DataAccessResourceFailureException("building an index was interrupted", ex);
		}
	}

}
