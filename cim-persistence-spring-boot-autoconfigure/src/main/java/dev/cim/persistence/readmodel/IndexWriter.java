package dev.cim.persistence.readmodel;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import org.jspecify.annotations.Nullable;

import org.springframework.dao.DataAccessException;

/**
 * Keeps the indexes of one slot in step with its entries as a projection (or the store)
 * writes them: the index entries of the new value are written before the entry, and those
 * of the old value that the new one no longer has are deleted after it, so a crash in
 * between leaves at most a stale extra index entry, never a missing one.
 *
 * <p>
 * The indexes maintained are the read model's {@link Indexed} fields and those registered
 * for the slot (by {@link ReadModelIndexes#createIndex}), the registry read again at most
 * every {@link #REFRESH}. Used by one thread at a time.
 */
final class IndexWriter {

	/**
	 * How often the registry of the slot's indexes is read again.
	 */
	static final Duration REFRESH = Duration.ofSeconds(1);

	private static final System.Logger logger = System.getLogger(IndexWriter.class.getName());

	private final ReadModelIndexes indexes;

	private final ReadModelDefinition<?> definition;

	private final String slot;

	private Set<String> fields = Set.of();

	private long refreshedAt;

	private boolean refreshed;

	IndexWriter(ReadModelIndexes indexes, ReadModelDefinition<?> definition, String slot) {
		this.indexes = indexes;
		this.definition = definition;
		this.slot = slot;
	}

	/**
	 * Build the indexes of the slot that are not complete yet: the declared ones, and
	 * those registered for the slot or for the active slot (so a rebuild keeps the
	 * indexes created on the slot it replaces). Called before the projection applies
	 * anything.
	 * @param activeSlot the slot serving reads
	 */
	void buildMissing(@Nullable String activeSlot) {
		Set<String> declared = this.definition.indexedFields();
		if (declared.isEmpty() && this.indexes.bucketOrNull() == null) {
			return;
		}
		String type = this.definition.type();
		Set<String> wanted = new LinkedHashSet<>(declared);
		if (activeSlot != null && !activeSlot.equals(this.slot)) {
			wanted.addAll(this.indexes.registry(type, activeSlot).keySet());
		}
		wanted.addAll(this.indexes.registry(type, this.slot).keySet());
		IndexBuilder builder = new IndexBuilder(this.indexes, this.indexes.store());
		for (String field : wanted) {
			// A declared index is kept by every process running this code, so no other
			// writer can miss it; an index registered elsewhere needs the catch-up pass.
			builder.build(type, this.slot, field, !declared.contains(field));
		}
		this.refreshed = false;
	}

	/**
	 * The indexes maintained now.
	 */
	Set<String> fields() {
		long now = System.nanoTime();
		if (!this.refreshed || now - this.refreshedAt >= REFRESH.toNanos()) {
			Set<String> declared = this.definition.indexedFields();
			Set<String> all = new LinkedHashSet<>(declared);
			if (!declared.isEmpty() || this.indexes.bucketOrNull() != null) {
				all.addAll(this.indexes.registry(this.definition.type(), this.slot).keySet());
			}
			this.fields = all;
			this.refreshedAt = now;
			this.refreshed = true;
		}
		return this.fields;
	}

	/**
	 * The index entry keys of an entry's value.
	 * @param entryKey the entry's key
	 * @param value its value, {@code null} when deleted or missing (no index entries)
	 */
	Set<String> keys(Set<String> fields, String entryKey, @Nullable JsonNode value) {
		if (value == null || fields.isEmpty()) {
			return Set.of();
		}
		String id = ReadModelKeys.idOf(entryKey);
		Set<String> keys = new LinkedHashSet<>();
		for (String field : fields) {
			keys.add(ReadModelIndexKeys.entry(this.definition.type(), this.slot, field,
					ReadModelIndexKeys.tokenOf(value.get(field)), id));
		}
		return keys;
	}

	/**
	 * The change an entry's write makes to the indexes.
	 */
	Change change(Set<String> fields, String entryKey, @Nullable JsonNode before, @Nullable JsonNode after) {
		Set<String> old = keys(fields, entryKey, before);
		Set<String> now = keys(fields, entryKey, after);
		List<String> added = new ArrayList<>();
		List<String> removed = new ArrayList<>();
		now.stream().filter((key) -> !old.contains(key)).forEach(added::add);
		old.stream().filter((key) -> !now.contains(key)).forEach(removed::add);
		return new Change(added, removed);
	}

	/**
	 * Write index entries before the entries they point to.
	 * @throws DataAccessException when one cannot be written; the entries must then not
	 * be written either
	 */
	void add(Collection<String> keys) {
		this.indexes.putAll(keys);
	}

	/**
	 * Delete stale index entries after the entries were written. A failure is logged and
	 * left: a stale index entry is harmless.
	 */
	void remove(Collection<String> keys) {
		try {
			this.indexes.deleteAll(keys);
		}
		catch (DataAccessException ex) {
			logger.log(System.Logger.Level.WARNING,
					"stale index entries of " + this.definition.type() + " were left: " + ex.getMessage());
		}
	}

	/**
	 * Delete the stale index entries of entries just written, then read those entries
	 * again: when one changed since (another writer, after a pause of this one), the
	 * index entries its new value needs among those deleted are written back. A failure
	 * is logged and left.
	 * @param written the revision each entry was written at and its stale index entries
	 */
	void removeStale(Map<String, Written> written) {
		if (written.isEmpty()) {
			return;
		}
		List<String> stale = new ArrayList<>();
		written.values().forEach((entry) -> stale.addAll(entry.removed()));
		try {
			this.indexes.deleteAll(stale);
			Set<String> fields = fields();
			List<String> again = new ArrayList<>();
			this.indexes.store().entryReads().readAll(written.keySet()).forEach((key, stored) -> {
				Written mine = written.get(key);
				if (stored.isPresent() && stored.get().revision() != mine.revision()) {
					Set<String> needed = keys(fields, key, stored.get().value());
					mine.removed().stream().filter(needed::contains).forEach(again::add);
				}
			});
			this.indexes.putAll(again);
		}
		catch (DataAccessException ex) {
			logger.log(System.Logger.Level.WARNING,
					"stale index entries of " + this.definition.type() + " were left: " + ex.getMessage());
		}
	}

	/**
	 * An entry as written, with the index entries its old value had and its new one has
	 * not.
	 *
	 * @param revision the revision the entry was written at
	 * @param removed the stale index entries
	 */
	record Written(long revision, List<String> removed) {

	}

	/**
	 * The index entries an entry's write adds and removes.
	 *
	 * @param added the keys to write before the entry
	 * @param removed the keys to delete after it
	 */
	record Change(List<String> added, List<String> removed) {

	}

}
