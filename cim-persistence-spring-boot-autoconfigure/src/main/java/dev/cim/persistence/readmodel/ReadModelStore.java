package dev.cim.persistence.readmodel;

import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import dev.cim.persistence.event.StoreObjectMappers;
import dev.cim.persistence.nats.JetStreamErrors;
import dev.cim.persistence.nats.NatsExceptionTranslator;
import dev.cim.persistence.nats.NatsRepositoryConfig;
import dev.cim.persistence.routing.IdPattern;
import io.micrometer.observation.ObservationRegistry;
import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.KeyValue;
import io.nats.client.api.KeyValueEntry;
import io.nats.client.api.KeyValueOperation;
import org.jspecify.annotations.Nullable;

/**
 * Reads and writes read-model entries in the read-model bucket (see {@link ReadModelKeys}
 * for the layout). Reads go to the slot that the {@code {type}.active} record names, so
 * they keep being served by the old version while a new one is being built. Values are
 * JSON written by the store's own Jackson mapper. Thread-safe.
 */
public class ReadModelStore {

	private static final ClassValue<ReadModelDefinition<?>> DEFINITIONS = new ClassValue<>() {
		@Override
		protected ReadModelDefinition<?> computeValue(Class<?> type) {
			return ReadModelDefinition.of(type);
		}
	};

	private final KeyValue bucket;

	private final String bucketName;

	private final ObjectMapper mapper;

	private final ReadModelEntryCodec codec;

	private final Clock clock;

	private final ObservationRegistry observationRegistry;

	private final ReadModelIndexes indexes;

	private final EntryReads entryReads;

	private volatile @Nullable ReadModelQueryExecutor queryExecutor;

	/**
	 * Create a store on the read-model bucket of a configuration, not observed. The
	 * bucket must exist (see {@link dev.cim.persistence.nats.JetStreamProvisioner}).
	 * @param connection the connection
	 * @param config the layout
	 * @throws org.springframework.dao.DataAccessException when the bucket cannot be
	 * opened
	 */
	public ReadModelStore(Connection connection, NatsRepositoryConfig config) {
		this(connection, config, ObservationRegistry.NOOP);
	}

	/**
	 * Create a store on the read-model bucket of a configuration whose reads are observed
	 * ({@link ReadModelObservationDocumentation#READ_MODEL_QUERY}). The bucket must exist
	 * (see {@link dev.cim.persistence.nats.JetStreamProvisioner}).
	 * @param connection the connection
	 * @param config the layout
	 * @param observationRegistry the registry of the observations
	 * @throws org.springframework.dao.DataAccessException when the bucket cannot be
	 * opened
	 */
	public ReadModelStore(Connection connection, NatsRepositoryConfig config, ObservationRegistry observationRegistry) {
		this.observationRegistry = observationRegistry;
		try {
			this.bucket = connection.keyValue(config.readModelBucket());
		}
		catch (IOException ex) {
			throw NatsExceptionTranslator.translate("opening bucket " + config.readModelBucket(), ex);
		}
		this.bucketName = config.readModelBucket();
		this.mapper = StoreObjectMappers.forEvents();
		this.codec = new ReadModelEntryCodec(this.mapper);
		this.clock = Clock.systemUTC();
		this.indexes = new ReadModelIndexes(connection, config, this);
		this.entryReads = new EntryReads(connection, this);
	}

	/**
	 * The secondary indexes of the read models of this store.
	 * @return the indexes
	 */
	public ReadModelIndexes indexes() {
		return this.indexes;
	}

	/**
	 * Find the values of the active version whose field equals a value, through the
	 * field's index (see {@link #findEntriesByIndex}).
	 * @param <T> the read model's class
	 * @param modelClass the read model's class
	 * @param field the indexed field's name
	 * @param value the value (see {@link ReadModelQuery} for how values compare)
	 * @return the matching values, ordered by id
	 * @throws IllegalArgumentException when the value is not a scalar
	 * @throws org.springframework.dao.DataAccessException when a bucket cannot be read
	 */
	public <T> List<T> findByIndex(Class<T> modelClass, String field, @Nullable Object value) {
		return findEntriesByIndex(modelClass, field, value).stream().map(ReadModelEntry::value).toList();
	}

	/**
	 * Find the entries of the active version whose field equals a value: the candidates
	 * of the field's index are each checked against their entry, so a stale index entry
	 * never yields a wrong result. Without a complete index on the field in the active
	 * slot, every entry is read instead (the answer is the same, only slower).
	 * @param <T> the read model's class
	 * @param modelClass the read model's class
	 * @param field the indexed field's name
	 * @param value the value (see {@link ReadModelQuery} for how values compare)
	 * @return the matching entries, ordered by id; the same as
	 * {@code query(modelClass, ReadModelQuery.all().where(field, value))}
	 * @throws IllegalArgumentException when the value is not a scalar
	 * @throws org.springframework.dao.DataAccessException when a bucket cannot be read
	 */
	public <T> List<ReadModelEntry<T>> findEntriesByIndex(Class<T> modelClass, String field, @Nullable Object value) {
		String type = definition(modelClass).type();
		return ReadModelObservations.readModelQuery(this.observationRegistry, type, "findByIndex",
				() -> this.indexes.find(modelClass, activeSlot(modelClass), field, value));
	}

	/**
	 * Find an entry's value in the active version.
	 * @param <T> the read model's class
	 * @param modelClass the read model's class
	 * @param id the entry id
	 * @return the value, or empty when there is no such entry
	 * @throws org.springframework.dao.DataAccessException when the bucket cannot be read
	 */
	public <T> Optional<T> findById(Class<T> modelClass, String id) {
		return findEntryById(modelClass, id).map(ReadModelEntry::value);
	}

	/**
	 * Find an entry with its metadata in the active version.
	 * @param <T> the read model's class
	 * @param modelClass the read model's class
	 * @param id the entry id
	 * @return the entry, or empty when there is no such entry
	 * @throws org.springframework.dao.DataAccessException when the bucket cannot be read
	 */
	public <T> Optional<ReadModelEntry<T>> findEntryById(Class<T> modelClass, String id) {
		return ReadModelObservations.readModelQuery(this.observationRegistry, definition(modelClass).type(), "find",
				() -> findEntry(modelClass, activeSlot(modelClass), id));
	}

	<T> Optional<ReadModelEntry<T>> findEntry(Class<T> modelClass, String slot, String id) {
		String key = ReadModelKeys.entry(definition(modelClass).type(), slot, id);
		return read(key).flatMap((stored) -> toEntry(modelClass, id, stored));
	}

	/**
	 * Query the entries of the active version.
	 * @param <T> the read model's class
	 * @param modelClass the read model's class
	 * @param query the id pattern and field filters
	 * @return the matching entries, ordered by id
	 * @throws org.springframework.dao.DataAccessException when the bucket cannot be read
	 */
	public <T> List<ReadModelEntry<T>> query(Class<T> modelClass, ReadModelQuery query) {
		String type = definition(modelClass).type();
		return ReadModelObservations.readModelQuery(this.observationRegistry, type, "query", () -> {
			ReadModelQueryExecutor executor = this.queryExecutor;
			Optional<List<ReadModelEntry<JsonNode>>> answered = (executor != null) ? executor.query(type, query)
					: Optional.empty();
			if (answered.isEmpty()) {
				return query(modelClass, activeSlot(modelClass), query);
			}
			return answered.get()
				.stream()
				.map((entry) -> new ReadModelEntry<>(entry.id(), toValue(modelClass, entry.value()), entry.metadata()))
				.toList();
		});
	}

	/**
	 * Let an executor answer this store's queries ({@link #query}, {@link #findAll}) from
	 * now on, for example a query optimizer; {@code null} makes the store read every
	 * entry of the type itself again.
	 * @param executor the executor, or {@code null}
	 */
	public void useQueryExecutor(@Nullable ReadModelQueryExecutor executor) {
		this.queryExecutor = executor;
	}

	/**
	 * The registry of the observations of this store and of the projections writing to
	 * it.
	 * @return the registry
	 */
	ObservationRegistry observationRegistry() {
		return this.observationRegistry;
	}

	/**
	 * Query the values of the active version.
	 * @param <T> the read model's class
	 * @param modelClass the read model's class
	 * @param query the id pattern and field filters
	 * @return the matching values, ordered by id
	 * @throws org.springframework.dao.DataAccessException when the bucket cannot be read
	 */
	public <T> List<T> findAll(Class<T> modelClass, ReadModelQuery query) {
		return query(modelClass, query).stream().map(ReadModelEntry::value).toList();
	}

	<T> List<ReadModelEntry<T>> query(Class<T> modelClass, String slot, ReadModelQuery query) {
		String type = definition(modelClass).type();
		IdPattern pattern = query.pattern();
		String filter = type + "." + slot + "." + pattern.filterToken();
		List<ReadModelEntry<T>> found = new ArrayList<>();
		for (String key : keys(filter)) {
			String id = ReadModelKeys.idOf(key);
			if (!pattern.matches(id)) {
				continue;
			}
			Optional<StoredEntry> stored = read(key);
			if (stored.isPresent() && !stored.get().deleted() && matches(stored.get().value(), query.filters())) {
				toEntry(modelClass, id, stored.get()).ifPresent(found::add);
			}
		}
		found.sort(Comparator.comparing(ReadModelEntry::id));
		return found;
	}

	/**
	 * Write an entry of the active version, replacing what is there.
	 * @param <T> the read model's class
	 * @param modelClass the read model's class
	 * @param id the entry id
	 * @param value the value
	 * @param lastSequence the stream sequence of the last event the value reflects
	 * @return the metadata written with it
	 * @throws IllegalArgumentException when the id is not a valid token
	 * @throws org.springframework.dao.DataAccessException when the bucket cannot be
	 * written
	 */
	public <T> ReadModelMetadata save(Class<T> modelClass, String id, T value, long lastSequence) {
		ReadModelDefinition<T> definition = definition(modelClass);
		String slot = activeSlot(modelClass);
		ReadModelMetadata metadata = new ReadModelMetadata(ReadModelKeys.versionOf(slot), lastSequence,
				this.clock.instant());
		String key = ReadModelKeys.entry(definition.type(), slot, id);
		JsonNode tree = this.mapper.valueToTree(value);
		StoreIndexUpdate index = StoreIndexUpdate.begin(this, definition, slot, key, tree);
		try {
			this.bucket.put(key, encode(tree, metadata));
		}
		catch (IOException | JetStreamApiException | IllegalStateException ex) {
			throw NatsExceptionTranslator.translate("writing " + key, ex);
		}
		index.finish();
		return metadata;
	}

	/**
	 * Delete an entry of the active version.
	 * @param modelClass the read model's class
	 * @param id the entry id
	 * @throws org.springframework.dao.DataAccessException when the bucket cannot be
	 * written
	 */
	public void delete(Class<?> modelClass, String id) {
		String slot = activeSlot(modelClass);
		String key = ReadModelKeys.entry(definition(modelClass).type(), slot, id);
		StoreIndexUpdate index = StoreIndexUpdate.begin(this, definition(modelClass), slot, key, null);
		try {
			this.bucket.delete(key);
		}
		catch (IOException | JetStreamApiException | IllegalStateException ex) {
			throw NatsExceptionTranslator.translate("deleting " + key, ex);
		}
		index.finish();
	}

	/**
	 * The record of which slot of a read model serves reads.
	 * @param type the read-model type
	 * @return the record, or empty before any projection of the type started
	 * @throws org.springframework.dao.DataAccessException when the bucket cannot be read
	 */
	public Optional<ActiveVersion> activeVersion(String type) {
		return readActive(type).map(Versioned::value);
	}

	String activeSlot(Class<?> modelClass) {
		ReadModelDefinition<?> definition = definition(modelClass);
		return activeVersion(definition.type()).map(ActiveVersion::slot)
			.orElseGet(() -> ReadModelKeys.slot(definition.version(), 0));
	}

	Optional<Versioned<ActiveVersion>> readActive(String type) {
		return rawRead(ReadModelKeys.active(type))
			.map((entry) -> new Versioned<>(this.codec.decodeActive(entry.getKey(), entry.getValue()),
					entry.getRevision()));
	}

	/**
	 * Write the active record if its revision is still the expected one.
	 * @return whether it was written
	 */
	boolean writeActive(String type, ActiveVersion active, long expectedRevision) {
		return compareAndSet(ReadModelKeys.active(type), this.codec.encodeActive(active), expectedRevision) > 0;
	}

	Optional<StoredEntry> read(String key) {
		return rawRead(key).map((entry) -> decode(key, entry.getValue(), entry.getRevision()));
	}

	/**
	 * Decode an entry's stored bytes (see {@link ReadModelEntryCodec#decode}).
	 */
	StoredEntry decode(String key, byte[] data, long revision) {
		return this.codec.decode(key, data, revision);
	}

	/**
	 * Reads of many entries at once.
	 */
	EntryReads entryReads() {
		return this.entryReads;
	}

	/**
	 * The name of the read-model bucket.
	 * @return the bucket name
	 */
	String bucketName() {
		return this.bucketName;
	}

	/**
	 * Write an entry, or its tombstone when the value is {@code null}, if the key's
	 * revision is still the expected one (0: the key must not exist).
	 * @return the new revision, or -1 when the key changed meanwhile
	 */
	long write(String key, @Nullable JsonNode value, ReadModelMetadata metadata, long expectedRevision) {
		return compareAndSet(key, encode(value, metadata), expectedRevision);
	}

	List<String> keys(String filter) {
		try {
			return this.bucket.keys(filter);
		}
		catch (IOException | JetStreamApiException | InterruptedException | IllegalStateException ex) {
			throw NatsExceptionTranslator.translate("listing keys " + filter, ex);
		}
	}

	void purge(String key) {
		try {
			this.bucket.purge(key);
		}
		catch (IOException | JetStreamApiException | IllegalStateException ex) {
			throw NatsExceptionTranslator.translate("purging " + key, ex);
		}
	}

	ObjectMapper mapper() {
		return this.mapper;
	}

	private long compareAndSet(String key, byte[] bytes, long expectedRevision) {
		try {
			return (expectedRevision == 0) ? this.bucket.create(key, bytes)
					: this.bucket.update(key, bytes, expectedRevision);
		}
		catch (JetStreamApiException ex) {
			if (JetStreamErrors.is(ex, JetStreamErrors.WRONG_LAST_SEQUENCE)) {
				return -1;
			}
			throw NatsExceptionTranslator.translate("writing " + key, ex);
		}
		catch (IOException | IllegalStateException ex) {
			throw NatsExceptionTranslator.translate("writing " + key, ex);
		}
	}

	private Optional<KeyValueEntry> rawRead(String key) {
		try {
			KeyValueEntry entry = this.bucket.get(key);
			return (entry != null && entry.getOperation() == KeyValueOperation.PUT) ? Optional.of(entry)
					: Optional.empty();
		}
		catch (IOException | JetStreamApiException | IllegalStateException ex) {
			throw NatsExceptionTranslator.translate("reading " + key, ex);
		}
	}

	/**
	 * The stored bytes of an entry, or of its tombstone when the value is {@code null}.
	 */
	byte[] encode(@Nullable JsonNode value, ReadModelMetadata metadata) {
		return this.codec.encode(value, metadata);
	}

	<T> Optional<ReadModelEntry<T>> toEntry(Class<T> modelClass, String id, StoredEntry stored) {
		if (stored.deleted()) {
			return Optional.empty();
		}
		return Optional.of(new ReadModelEntry<>(id, toValue(modelClass, stored.value()), stored.metadata()));
	}

	<T> T toValue(Class<T> modelClass, JsonNode value) {
		return this.codec.toValue(modelClass, value);
	}

	private boolean matches(@Nullable JsonNode value, Map<String, @Nullable Object> filters) {
		for (Map.Entry<String, @Nullable Object> filter : filters.entrySet()) {
			if (!FieldFilter.matches(value, filter.getKey(), (filter.getValue() != null)
					? this.mapper.valueToTree(filter.getValue()) : NullNode.getInstance())) {
				return false;
			}
		}
		return true;
	}

	@SuppressWarnings("unchecked")
	static <T> ReadModelDefinition<T> definition(Class<T> modelClass) {
		return (ReadModelDefinition<T>) DEFINITIONS.get(modelClass);
	}

	/**
	 * A value with the KV revision it was read at.
	 */
	record Versioned<V>(V value, long revision) {

	}

}
