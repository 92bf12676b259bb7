package dev.cim.persistence.readmodel;

import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import org.jspecify.annotations.Nullable;

/**
 * The index side of a direct write through {@link ReadModelStore#save} or
 * {@link ReadModelStore#delete}: the entry's old value is read and the new index entries
 * are written before the entry ({@link #begin}); after it, the stale ones are deleted and
 * the entry is read again, so that an index entry another writer needed meanwhile is
 * written back ({@link #finish}).
 */
final class StoreIndexUpdate {

	private static final StoreIndexUpdate NONE = new StoreIndexUpdate(null, null, Set.of(), "",
			new IndexWriter.Change(List.of(), List.of()));

	private final @Nullable ReadModelStore store;

	private final @Nullable IndexWriter writer;

	private final Set<String> fields;

	private final String key;

	private final IndexWriter.Change change;

	private StoreIndexUpdate(@Nullable ReadModelStore store, @Nullable IndexWriter writer, Set<String> fields,
			String key, IndexWriter.Change change) {
		this.store = store;
		this.writer = writer;
		this.fields = fields;
		this.key = key;
		this.change = change;
	}

	/**
	 * Write the index entries of an entry's new value, before the entry is written.
	 * @param after the new value, {@code null} when the entry is deleted
	 * @throws org.springframework.dao.DataAccessException when a bucket cannot be read or
	 * written; the entry must then not be written
	 */
	static StoreIndexUpdate begin(ReadModelStore store, ReadModelDefinition<?> definition, String slot, String key,
			@Nullable JsonNode after) {
		IndexWriter writer = new IndexWriter(store.indexes(), definition, slot);
		Set<String> fields = writer.fields();
		if (fields.isEmpty()) {
			return NONE;
		}
		JsonNode before = store.read(key).map(StoredEntry::value).orElse(null);
		IndexWriter.Change change = writer.change(fields, key, before, after);
		writer.add(change.added());
		return new StoreIndexUpdate(store, writer, fields, key, change);
	}

	/**
	 * Delete the stale index entries, after the entry is written.
	 */
	void finish() {
		ReadModelStore owner = this.store;
		IndexWriter indexWriter = this.writer;
		if (owner == null || indexWriter == null || this.change.removed().isEmpty()) {
			return;
		}
		indexWriter.remove(this.change.removed());
		JsonNode current = owner.read(this.key).map(StoredEntry::value).orElse(null);
		Set<String> needed = indexWriter.keys(this.fields, this.key, current);
		List<String> again = this.change.removed().stream().filter(needed::contains).toList();
		indexWriter.add(again);
	}

}
