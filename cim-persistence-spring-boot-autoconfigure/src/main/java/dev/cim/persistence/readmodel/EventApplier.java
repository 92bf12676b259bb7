package dev.cim.persistence.readmodel;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cim.persistence.event.EventBlock;
import dev.cim.persistence.event.EventBlockCodec;
import dev.cim.persistence.event.EventMeta;
import dev.cim.persistence.nats.UndecodableEventException;
import io.nats.client.Message;
import org.jspecify.annotations.Nullable;

/**
 * Applies one delivered event to its read-model entry: skips it when the entry already
 * holds its sequence, calls the {@link Apply} method (again, up to the configured
 * attempts, when it throws), and writes the result with compare-and-set on the entry's
 * revision, re-reading and re-applying on a conflict. It also applies events to an
 * entry's state in memory without writing ({@link #fold}), with the same skip rule and
 * attempts, for {@link BatchApplier}, and keeps the cache of entries both use. Used by
 * one projection thread only.
 *
 * @param <T> the read model's class
 */
final class EventApplier<T> {

	private static final int CACHE_SIZE = 10_000;

	private final ReadModelDefinition<T> definition;

	private final ReadModelStore store;

	private final EventBlockCodec codec;

	private final ProjectionOptions options;

	private final Clock clock;

	private final String slot;

	private final IndexWriter indexWriter;

	/**
	 * Entries as this projection last wrote or read them. A stale one is harmless: its
	 * revision no longer matches, the write fails and the entry is read again.
	 */
	private final Map<String, StoredEntry> cache = new LinkedHashMap<>(256, 0.75f, true) {

		private static final long serialVersionUID = 1L;

		@Override
		protected boolean removeEldestEntry(Map.Entry<String, StoredEntry> eldest) {
			return size() > CACHE_SIZE;
		}

	};

	EventApplier(ReadModelDefinition<T> definition, ReadModelStore store, EventBlockCodec codec,
			ProjectionOptions options, Clock clock, String slot) {
		this.definition = definition;
		this.store = store;
		this.codec = codec;
		this.options = options;
		this.clock = clock;
		this.slot = slot;
		this.indexWriter = new IndexWriter(store.indexes(), definition, slot);
	}

	/**
	 * What keeps the slot's indexes in step with its entries.
	 */
	IndexWriter indexWriter() {
		return this.indexWriter;
	}

	/**
	 * Apply one event. Does not acknowledge it.
	 * @param message the delivered event
	 * @return what happened
	 * @throws org.springframework.dao.DataAccessException when the bucket cannot be read
	 * or written; the event is then left for redelivery
	 */
	Result apply(Message message) throws InterruptedException {
		return apply(decode(message));
	}

	/**
	 * Decode one delivered event and find its entry's key. An event that cannot be
	 * decoded (its body is not an event block, or its data does not fit the event class)
	 * fails at once, with an {@link UndecodableEventException} naming its subject and
	 * sequence; it is then given up like an event whose handler keeps throwing.
	 * @param message the delivered event
	 * @return the event, or what happened to it when it cannot be applied
	 */
	Decoded decode(Message message) {
		long sequence = message.metaData().streamSequence();
		EventBlock block;
		Object event;
		try {
			block = this.codec.decode(message.getData());
			Optional<Class<?>> eventClass = this.definition.eventClass(block.type());
			if (eventClass.isEmpty()) {
				return Decoded.done(Result.IGNORED, sequence);
			}
			event = this.store.mapper().treeToValue(block.data(), eventClass.get());
		}
		catch (Exception ex) {
			return Decoded.done(Result.failed(new UndecodableEventException(message.getSubject(), sequence, ex), 1),
					sequence);
		}
		EventContext context = context(block, sequence, message.getData());
		String key = ReadModelKeys.entry(this.definition.type(), this.slot, block.aggregateId());
		return new Decoded(null, key, event, context, sequence);
	}

	/**
	 * Apply one decoded event on its own: read its entry (from the cache when there),
	 * apply, and write with compare-and-set, again on a conflict. Does not acknowledge
	 * it.
	 * @param decoded the event
	 * @return what happened
	 * @throws org.springframework.dao.DataAccessException when the bucket cannot be read
	 * or written; the event is then left for redelivery
	 */
	Result apply(Decoded decoded) throws InterruptedException {
		if (decoded.result() != null) {
			return decoded.result();
		}
		String key = decoded.key();
		long sequence = decoded.sequence();
		int attempts = 0;
		while (true) {
			StoredEntry current = current(key);
			if (current != null && current.metadata().lastSequence() >= sequence) {
				return Result.SKIPPED;
			}
			ReadModelDefinition.Outcome<T> outcome;
			try {
				T value = (current != null && current.value() != null)
						? this.store.toValue(this.definition.modelClass(), current.value()) : null;
				outcome = this.definition.apply(value, decoded.event(), decoded.context());
			}
			catch (Exception ex) {
				attempts++;
				if (attempts >= this.options.handlerAttempts()) {
					return Result.failed(ex, attempts);
				}
				pause(this.options.retryBackoff());
				continue;
			}
			if (outcome.kind() == ReadModelDefinition.Outcome.Kind.UNCHANGED
					|| (outcome.kind() == ReadModelDefinition.Outcome.Kind.DELETED && current == null)) {
				return Result.IGNORED;
			}
			JsonNode tree = (outcome.value() != null) ? this.store.mapper().valueToTree(outcome.value()) : null;
			ReadModelMetadata metadata = new ReadModelMetadata(this.definition.version(), sequence,
					this.clock.instant());
			// New index entries go before the entry, stale ones after it.
			IndexWriter.Change change = this.indexWriter.change(this.indexWriter.fields(), key,
					(current != null) ? current.value() : null, tree);
			this.indexWriter.add(change.added());
			long revision = this.store.write(key, tree, metadata, (current != null) ? current.revision() : 0);
			if (revision < 0) {
				// Another writer changed the entry: read it again and apply on top.
				this.cache.remove(key);
				continue;
			}
			if (!change.removed().isEmpty()) {
				this.indexWriter.removeStale(Map.of(key, new IndexWriter.Written(revision, change.removed())));
			}
			this.cache.put(key, new StoredEntry(tree, metadata, revision));
			return Result.APPLIED;
		}
	}

	/**
	 * Apply one decoded event to an entry's state in memory, with the same skip rule and
	 * the same handler attempts as {@link #apply(Decoded)}, without writing it.
	 * @param state the entry's state, updated when the event is applied
	 * @param decoded the event, of that entry
	 * @return what happened
	 */
	Result fold(Folded state, Decoded decoded) throws InterruptedException {
		if (decoded.result() != null) {
			return decoded.result();
		}
		if (state.exists() && state.lastSequence() >= decoded.sequence()) {
			return Result.SKIPPED;
		}
		ReadModelDefinition.Outcome<T> outcome;
		int attempts = 0;
		while (true) {
			try {
				JsonNode tree = state.value();
				T value = (tree != null) ? this.store.toValue(this.definition.modelClass(), tree) : null;
				outcome = this.definition.apply(value, decoded.event(), decoded.context());
				break;
			}
			catch (Exception ex) {
				attempts++;
				if (attempts >= this.options.handlerAttempts()) {
					return Result.failed(ex, attempts);
				}
				pause(this.options.retryBackoff());
			}
		}
		if (outcome.kind() == ReadModelDefinition.Outcome.Kind.UNCHANGED
				|| (outcome.kind() == ReadModelDefinition.Outcome.Kind.DELETED && !state.exists())) {
			return Result.IGNORED;
		}
		JsonNode tree = (outcome.value() != null) ? this.store.mapper().valueToTree(outcome.value()) : null;
		state.applied(tree, new ReadModelMetadata(this.definition.version(), decoded.sequence(), this.clock.instant()));
		return Result.APPLIED;
	}

	void forget() {
		this.cache.clear();
	}

	/**
	 * Drop one entry from the cache, after a write of it failed.
	 */
	void forget(String key) {
		this.cache.remove(key);
	}

	/**
	 * An entry as this projection last wrote or read it, without reading the bucket.
	 */
	@Nullable StoredEntry cached(String key) {
		return this.cache.get(key);
	}

	/**
	 * Remember an entry as read or written.
	 */
	void remember(String key, StoredEntry entry) {
		this.cache.put(key, entry);
	}

	private @Nullable StoredEntry current(String key) {
		StoredEntry cached = this.cache.get(key);
		if (cached != null) {
			return cached;
		}
		StoredEntry read = this.store.read(key).orElse(null);
		if (read != null) {
			this.cache.put(key, read);
		}
		return read;
	}

	private EventContext context(EventBlock block, long sequence, byte[] body) {
		EventMeta meta = block.meta();
		return new EventContext(block.context(), block.aggregateType(), block.aggregateId(), block.version(),
				block.type(), sequence, meta.timestamp(), this.codec.cidTextOf(body), meta.correlationId(),
				meta.causationId(), meta.user());
	}

	private static void pause(Duration backoff) throws InterruptedException {
		if (!backoff.isZero() && !backoff.isNegative()) {
			Thread.sleep(backoff.toMillis());
		}
	}

	/**
	 * A delivered event, decoded.
	 *
	 * @param result what happened to it when it cannot be applied (it is not handled or
	 * cannot be decoded), {@code null} otherwise
	 * @param key its entry's key
	 * @param event the event
	 * @param context its context
	 * @param sequence its stream sequence
	 */
	record Decoded(@Nullable Result result, String key, Object event, EventContext context, long sequence) {

		private static final EventContext NO_CONTEXT = new EventContext("", "", "", 0, "", 0, Instant.EPOCH, null, null,
				null, Map.of());

		static Decoded done(Result result, long sequence) {
			return new Decoded(result, "", result, NO_CONTEXT, sequence);
		}

	}

	/**
	 * An entry's state while a batch of its events is applied in memory: as read, then as
	 * each applied event leaves it.
	 */
	static final class Folded {

		private final @Nullable StoredEntry stored;

		private @Nullable JsonNode value;

		private @Nullable ReadModelMetadata metadata;

		private boolean changed;

		Folded(@Nullable StoredEntry stored) {
			this.stored = stored;
			this.value = (stored != null) ? stored.value() : null;
			this.metadata = (stored != null) ? stored.metadata() : null;
		}

		/** Whether the entry, or its tombstone, exists. */
		boolean exists() {
			return this.metadata != null;
		}

		long lastSequence() {
			return (this.metadata != null) ? this.metadata.lastSequence() : 0;
		}

		@Nullable JsonNode value() {
			return this.value;
		}

		/** The value as read, before any event of the batch. */
		@Nullable JsonNode storedValue() {
			return (this.stored != null) ? this.stored.value() : null;
		}

		@Nullable ReadModelMetadata metadata() {
			return this.metadata;
		}

		/** The revision the entry was read at, 0 when it did not exist. */
		long revision() {
			return (this.stored != null) ? this.stored.revision() : 0;
		}

		/** Whether an event was applied, so the entry must be written. */
		boolean changed() {
			return this.changed;
		}

		void applied(@Nullable JsonNode value, ReadModelMetadata metadata) {
			this.value = value;
			this.metadata = metadata;
			this.changed = true;
		}

	}

	/**
	 * What applying an event did.
	 *
	 * @param kind the kind of result
	 * @param error the last exception of a failed event
	 * @param attempts how many times a failed event was tried
	 */
	record Result(Kind kind, @Nullable Exception error, int attempts) {

		static final Result APPLIED = new Result(Kind.APPLIED, null, 1);

		static final Result SKIPPED = new Result(Kind.SKIPPED, null, 0);

		static final Result IGNORED = new Result(Kind.IGNORED, null, 0);

		static Result failed(Exception error, int attempts) {
			return new Result(Kind.FAILED, error, attempts);
		}

		enum Kind {

			APPLIED, SKIPPED, IGNORED, FAILED

		}

	}

}
