package dev.cim.persistence.readmodel;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cim.persistence.nats.JetStreamErrors;
import dev.cim.persistence.nats.NatsExceptionTranslator;
import dev.cim.persistence.nats.NatsRepositoryConfig;
import dev.cim.persistence.routing.SubjectTokens;
import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.KeyValue;
import io.nats.client.api.KeyValueEntry;
import io.nats.client.api.KeyValueOperation;
import org.jspecify.annotations.Nullable;

/**
 * The secondary indexes of read models, kept in the index bucket ({@code cim-indexes} by
 * default, see {@link NatsRepositoryConfig#indexBucket()}) with the layout and value
 * encoding of {@link ReadModelIndexKeys}.
 *
 * <p>
 * Indexes are declared with {@link Indexed} or created for an existing slot with
 * {@link #createIndex(String, String)}. The projection runner keeps every index of the
 * slot it fills in step with the entries, writing a new index entry before the read-model
 * entry and deleting the stale one after it, so a crash in between can only leave a stale
 * extra index entry, never a missing one. An index is therefore a hint: a
 * {@link #lookup(String, String, Object) lookup} returns candidate ids, and
 * {@link ReadModelStore#findByIndex} checks each candidate against its entry, so a stale
 * index entry never yields a wrong result.
 *
 * <p>
 * Each slot has its own index entries: a rebuild (blue/green) fills the new slot's
 * indexes as it fills the slot, and the indexes of a replaced slot are purged with its
 * entries (when {@link ProjectionOptions#purgeOldSlot()} is off, both are left and
 * ignored, as reads only go to the active slot).
 *
 * <p>
 * The bucket is opened on first use, so a store without any index never needs it.
 * Thread-safe.
 */
public class ReadModelIndexes {

	private final Connection connection;

	private final String bucketName;

	private final ReadModelStore store;

	private volatile @Nullable KeyValue bucket;

	private final IndexEntryWrites writes;

	ReadModelIndexes(Connection connection, NatsRepositoryConfig config, ReadModelStore store) {
		this.connection = connection;
		this.bucketName = config.indexBucket();
		this.store = store;
		this.writes = new IndexEntryWrites(connection, this.bucketName);
	}

	/**
	 * The name of the index bucket.
	 * @return the bucket name
	 */
	public String bucketName() {
		return this.bucketName;
	}

	/**
	 * The indexes of a read model that are complete in its active slot, for a query
	 * planner: a lookup in one of them finds every matching entry.
	 * @param type the read-model type
	 * @return the index (field) names, sorted; empty when the type has no complete index
	 * or no slot yet
	 * @throws IllegalArgumentException when the type is not a valid key token
	 * @throws org.springframework.dao.DataAccessException when a bucket cannot be read
	 */
	public Set<String> indexes(String type) {
		requireType(type);
		return this.store.activeVersion(type).map((active) -> ready(type, active.slot())).orElseGet(TreeSet::new);
	}

	/**
	 * The indexes of a read model that are complete in its active slot (see
	 * {@link #indexes(String)}).
	 * @param modelClass the read model's class
	 * @return the index (field) names, sorted
	 * @throws org.springframework.dao.DataAccessException when a bucket cannot be read
	 */
	public Set<String> indexes(Class<?> modelClass) {
		return ready(ReadModelStore.definition(modelClass).type(), this.store.activeSlot(modelClass));
	}

	/**
	 * The ids of the entries of the active slot whose field may equal a value, from the
	 * index alone: a superset of the matching ids when the index is complete (see
	 * {@link #indexes(String)}), which may include ids whose entry no longer matches or
	 * no longer exists. Check each against its entry, or use
	 * {@link ReadModelStore#findByIndex}.
	 * @param type the read-model type
	 * @param field the index (field) name
	 * @param value the value, compared as {@link ReadModelQuery} compares field values;
	 * {@code null} for a missing or null field
	 * @return the candidate ids, sorted, without duplicates; empty when the type has no
	 * slot yet
	 * @throws IllegalArgumentException when the value is not a scalar, or the type or
	 * field is not a valid key token
	 * @throws org.springframework.dao.DataAccessException when a bucket cannot be read
	 */
	public List<String> lookup(String type, String field, @Nullable Object value) {
		requireType(type);
		IndexedFields.requireName(field, "read model " + type);
		JsonNode expected = tree(value);
		return this.store.activeVersion(type)
			.map((active) -> lookup(type, active.slot(), field, expected))
			.orElseGet(List::of);
	}

	/**
	 * Create an index on a field of a read model's existing slots: register it, index
	 * every entry of the active slot (and of the slot being built, if any), and mark it
	 * complete. From then on the projection runner keeps it in step, also across
	 * rebuilds. Creating an index that exists does nothing.
	 * @param type the read-model type
	 * @param field the field's JSON name, 1 to 64 characters of {@code [A-Za-z0-9_-]}
	 * @throws InvalidReadModelException when the type or field name is not a valid token
	 * @throws IllegalStateException when no projection of the type has started yet (no
	 * active slot)
	 * @throws org.springframework.dao.DataAccessException when a bucket cannot be read or
	 * written
	 */
	public void createIndex(String type, String field) {
		requireType(type);
		IndexedFields.requireName(field, "read model " + type);
		ActiveVersion active = this.store.activeVersion(type)
			.orElseThrow(() -> new IllegalStateException(
					"read model " + type + " has no slot yet: start its projection before creating an index"));
		createIndex(type, field, active);
	}

	/**
	 * Create an index on a field of a read model (see
	 * {@link #createIndex(String, String)}); before any projection of the class has
	 * started, on the slot its first build fills.
	 * @param modelClass the read model's class
	 * @param field the field's JSON name
	 * @throws InvalidReadModelException when the class declares no field of that name, or
	 * the field is not a scalar or its name not a valid token
	 * @throws org.springframework.dao.DataAccessException when a bucket cannot be read or
	 * written
	 */
	public void createIndex(Class<?> modelClass, String field) {
		ReadModelDefinition<?> definition = ReadModelStore.definition(modelClass);
		IndexedFields.requireField(modelClass, definition.type(), field);
		ActiveVersion active = this.store.activeVersion(definition.type())
			.orElseGet(() -> new ActiveVersion(this.store.activeSlot(modelClass), null));
		createIndex(definition.type(), field, active);
	}

	private void createIndex(String type, String field, ActiveVersion active) {
		IndexBuilder builder = new IndexBuilder(this, this.store);
		String building = active.building();
		if (building != null) {
			builder.build(type, building, field, true);
		}
		builder.build(type, active.slot(), field, true);
	}

	/**
	 * The entries of a slot whose field equals a value: the index's candidates checked
	 * against their entries, or every entry when the index is not complete.
	 */
	<T> List<ReadModelEntry<T>> find(Class<T> modelClass, String slot, String field, @Nullable Object value) {
		String type = ReadModelStore.definition(modelClass).type();
		JsonNode expected = tree(value);
		if (!ready(type, slot).contains(field)) {
			return this.store.query(modelClass, slot, ReadModelQuery.all().where(field, value));
		}
		List<String> keys = new ArrayList<>();
		for (String id : lookup(type, slot, field, expected)) {
			keys.add(ReadModelKeys.entry(type, slot, id));
		}
		List<ReadModelEntry<T>> found = new ArrayList<>();
		for (Map.Entry<String, Optional<StoredEntry>> read : this.store.entryReads().readAll(keys).entrySet()) {
			Optional<StoredEntry> stored = read.getValue();
			if (stored.isPresent() && !stored.get().deleted()
					&& FieldFilter.matches(stored.get().value(), field, expected)) {
				this.store.toEntry(modelClass, ReadModelKeys.idOf(read.getKey()), stored.get()).ifPresent(found::add);
			}
		}
		return found;
	}

	List<String> lookup(String type, String slot, String field, JsonNode expected) {
		List<String> filters = new ArrayList<>();
		for (String token : ReadModelIndexKeys.lookupTokens(expected)) {
			filters.add(ReadModelIndexKeys.valueFilter(type, slot, field, token));
		}
		KeyValue kv = bucketOrNull();
		if (kv == null) {
			return List.of();
		}
		TreeSet<String> ids = new TreeSet<>();
		try {
			kv.keys(filters).forEach((key) -> ids.add(ReadModelIndexKeys.idOf(key)));
		}
		catch (IOException | JetStreamApiException | InterruptedException | IllegalStateException ex) {
			if (ex instanceof InterruptedException) {
				Thread.currentThread().interrupt();
			}
			throw NatsExceptionTranslator.translate("listing index keys " + filters, ex);
		}
		return List.copyOf(ids);
	}

	private static void requireType(String type) {
		if (!SubjectTokens.isValid(type, 64)) {
			throw new InvalidReadModelException(
					"read model type '" + type + "' must be 1 to 64 characters of [A-Za-z0-9_-]");
		}
	}

	ReadModelStore store() {
		return this.store;
	}

	JsonNode tree(@Nullable Object value) {
		return (value != null) ? this.store.mapper().valueToTree(value) : NullNode.getInstance();
	}

	/**
	 * The complete indexes of a slot.
	 */
	Set<String> ready(String type, String slot) {
		Set<String> ready = new TreeSet<>();
		registry(type, slot).forEach((field, state) -> {
			if (state == IndexState.READY) {
				ready.add(field);
			}
		});
		return ready;
	}

	/**
	 * The registry of a slot's indexes: each index and its state. Empty when the bucket
	 * does not exist.
	 */
	Map<String, IndexState> registry(String type, String slot) {
		KeyValueEntry entry = readRegistry(type, slot);
		Map<String, IndexState> fields = new LinkedHashMap<>();
		if (entry != null) {
			JsonNode tree = parse(entry);
			for (Map.Entry<String, JsonNode> field : tree.path("fields").properties()) {
				fields.put(field.getKey(), IndexState.valueOf(field.getValue().asText()));
			}
		}
		return fields;
	}

	/**
	 * Record the state of an index in a slot's registry, with compare-and-set so that
	 * concurrent registrations of other indexes are kept. A complete index is never set
	 * back to building.
	 */
	void register(String type, String slot, String field, IndexState state) {
		String key = ReadModelIndexKeys.registry(type, slot);
		KeyValue kv = requireBucket();
		while (true) {
			KeyValueEntry entry = readRegistry(type, slot);
			ObjectNode tree = (entry != null) ? (ObjectNode) parse(entry) : this.store.mapper().createObjectNode();
			ObjectNode fields = tree.withObjectProperty("fields");
			if (state == IndexState.BUILDING && IndexState.READY.name().equals(fields.path(field).asText())) {
				return;
			}
			fields.put(field, state.name());
			try {
				byte[] bytes = this.store.mapper().writeValueAsBytes(tree);
				if (entry != null) {
					kv.update(key, bytes, entry.getRevision());
				}
				else {
					kv.create(key, bytes);
				}
				return;
			}
			catch (JetStreamApiException ex) {
				if (!JetStreamErrors.is(ex, JetStreamErrors.WRONG_LAST_SEQUENCE)) {
					throw NatsExceptionTranslator.translate("writing " + key, ex);
				}
				// Changed meanwhile: read it again.
			}
			catch (IOException | IllegalStateException ex) {
				throw NatsExceptionTranslator.translate("writing " + key, ex);
			}
		}
	}

	private @Nullable KeyValueEntry readRegistry(String type, String slot) {
		KeyValue kv = bucketOrNull();
		if (kv == null) {
			return null;
		}
		String key = ReadModelIndexKeys.registry(type, slot);
		try {
			KeyValueEntry entry = kv.get(key);
			return (entry != null && entry.getOperation() == KeyValueOperation.PUT) ? entry : null;
		}
		catch (IOException | JetStreamApiException | IllegalStateException ex) {
			throw NatsExceptionTranslator.translate("reading " + key, ex);
		}
	}

	private JsonNode parse(KeyValueEntry entry) {
		try {
			return this.store.mapper().readTree(entry.getValue());
		}
		catch (IOException ex) {
			throw new org.springframework.dao.DataRetrievalFailureException(
					"index registry " + entry.getKey() + " is not JSON", ex);
		}
	}

	/**
	 * Write index entries (empty values), many in flight at a time, and wait for all of
	 * them.
	 * @throws org.springframework.dao.DataAccessException when one cannot be written
	 */
	void putAll(Collection<String> keys) {
		if (!keys.isEmpty()) {
			requireBucket();
			this.writes.putAll(keys);
		}
	}

	/**
	 * Delete index entries, many in flight at a time, and wait for all of them.
	 * @throws org.springframework.dao.DataAccessException when one cannot be deleted
	 */
	void deleteAll(Collection<String> keys) {
		if (!keys.isEmpty()) {
			requireBucket();
			this.writes.deleteAll(keys);
		}
	}

	/**
	 * The bucket, or {@code null} when it does not exist.
	 */
	@Nullable KeyValue bucketOrNull() {
		KeyValue kv = this.bucket;
		if (kv != null) {
			return kv;
		}
		try {
			kv = this.connection.keyValue(this.bucketName);
			this.bucket = kv;
			return kv;
		}
		catch (IOException ex) {
			if (ex.getCause() instanceof JetStreamApiException api
					&& JetStreamErrors.is(api, JetStreamErrors.STREAM_NOT_FOUND)) {
				return null;
			}
			throw NatsExceptionTranslator.translate("opening bucket " + this.bucketName, ex);
		}
	}

	private KeyValue requireBucket() {
		KeyValue kv = bucketOrNull();
		if (kv == null) {
			throw new org.springframework.dao.DataAccessResourceFailureException("index bucket " + this.bucketName
					+ " does not exist: provision it (cim.persistence.provision) or create it");
		}
		return kv;
	}

	/**
	 * Whether an index of a slot is complete.
	 */
	enum IndexState {

		/** Being built: not every entry is indexed yet. */
		BUILDING,

		/** Complete: every entry is indexed. */
		READY

	}

}
