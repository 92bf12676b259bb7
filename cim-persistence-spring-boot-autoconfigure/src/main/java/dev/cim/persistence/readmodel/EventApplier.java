package dev.cim.persistence.readmodel;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cim.persistence.event.EventBlock;
import dev.cim.persistence.event.EventBlockCodec;
import dev.cim.persistence.event.EventMeta;
import io.nats.client.Message;
import org.jspecify.annotations.Nullable;

/**
 * Applies one delivered event to its read-model entry: skips it when the entry already
 * holds its sequence, calls the {@link Apply} method (again, up to the configured
 * attempts, when it throws), and writes the result with compare-and-set on the entry's
 * revision, re-reading and re-applying on a conflict. Used by one projection thread only.
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
	}

	/**
	 * Apply one event. Does not acknowledge it.
	 * @param message the delivered event
	 * @return what happened
	 * @throws org.springframework.dao.DataAccessException when the bucket cannot be read
	 * or written; the event is then left for redelivery
	 */
	Result apply(Message message) throws InterruptedException {
		long sequence = message.metaData().streamSequence();
		EventBlock block;
		Object event;
		try {
			block = this.codec.decode(message.getData());
			Optional<Class<?>> eventClass = this.definition.eventClass(block.type());
			if (eventClass.isEmpty()) {
				return Result.IGNORED;
			}
			event = this.store.mapper().treeToValue(block.data(), eventClass.get());
		}
		catch (Exception ex) {
			return Result.failed(ex, 1);
		}
		EventContext context = context(block, sequence, message.getData());
		String key = ReadModelKeys.entry(this.definition.type(), this.slot, block.aggregateId());
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
				outcome = this.definition.apply(value, event, context);
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
			long revision = this.store.write(key, tree, metadata, (current != null) ? current.revision() : 0);
			if (revision < 0) {
				// Another writer changed the entry: read it again and apply on top.
				this.cache.remove(key);
				continue;
			}
			this.cache.put(key, new StoredEntry(tree, metadata, revision));
			return Result.APPLIED;
		}
	}

	void forget() {
		this.cache.clear();
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
				block.type(), sequence, meta.timestamp(), this.codec.cidOf(body), meta.correlationId(),
				meta.causationId(), meta.user());
	}

	private static void pause(Duration backoff) throws InterruptedException {
		if (!backoff.isZero() && !backoff.isNegative()) {
			Thread.sleep(backoff.toMillis());
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
