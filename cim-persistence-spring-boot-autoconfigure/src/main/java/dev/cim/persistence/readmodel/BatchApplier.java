package dev.cim.persistence.readmodel;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.cim.persistence.nats.JetStreamErrors;
import dev.cim.persistence.nats.NatsExceptionTranslator;
import dev.cim.persistence.nats.StoreUnavailableException;
import io.nats.client.Connection;
import io.nats.client.JetStream;
import io.nats.client.JetStreamApiException;
import io.nats.client.Message;
import io.nats.client.api.PublishAck;
import io.nats.client.impl.Headers;
import io.nats.client.support.NatsJetStreamConstants;
import org.jspecify.annotations.Nullable;

import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataAccessResourceFailureException;

/**
 * Applies a fetched batch of events with few round trips: the events are grouped by
 * entry, every entry touched is read once (from the {@link EventApplier}'s cache, or with
 * direct gets in flight together), the events are applied in memory in stream order with
 * the skip rule and the handler attempts of {@link EventApplier#apply(Message)}, and
 * every entry changed is written once with compare-and-set on the revision read, the
 * writes in flight together. When a write finds the entry changed, that entry's events
 * are applied again one by one with {@link EventApplier#apply(EventApplier.Decoded)},
 * which re-reads. Nothing is acknowledged here: the caller acknowledges once this
 * returns, so only events whose writes are confirmed are ever acknowledged. The slot's
 * indexes (see {@link IndexWriter}) are written around the entries: every new index entry
 * before any entry, the stale ones deleted after the entries are confirmed. Used by one
 * projection thread only.
 *
 * @param <T> the read model's class
 */
final class BatchApplier<T> {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private final EventApplier<T> applier;

	private final ReadModelStore store;

	private final ProjectionOptions options;

	private final Connection connection;

	private final String bucket;

	private final EntryReads entryReads;

	private @Nullable JetStream jetStream;

	BatchApplier(EventApplier<T> applier, ReadModelStore store, ProjectionOptions options, Connection connection) {
		this.applier = applier;
		this.store = store;
		this.options = options;
		this.connection = connection;
		this.bucket = store.bucketName();
		this.entryReads = store.entryReads();
	}

	/**
	 * Apply a batch of delivered events. Does not acknowledge them.
	 * @param messages the events, in delivery (stream) order
	 * @return what happened to each event, in the same order; {@code null} for the events
	 * after one given up under {@link FailurePolicy#STOP}, which were not applied
	 * @throws org.springframework.dao.DataAccessException when the bucket cannot be read
	 * or written; the events are then left for redelivery
	 */
	List<EventApplier.@Nullable Result> apply(List<Message> messages) throws InterruptedException {
		int size = messages.size();
		EventApplier.@Nullable Result[] results = new EventApplier.Result[size];
		EventApplier.Decoded[] decoded = new EventApplier.Decoded[size];
		Map<String, List<Integer>> byEntry = new LinkedHashMap<>();
		int end = size;
		for (int i = 0; i < size; i++) {
			decoded[i] = this.applier.decode(messages.get(i));
			EventApplier.Result result = decoded[i].result();
			if (result == null) {
				byEntry.computeIfAbsent(decoded[i].key(), (key) -> new ArrayList<>()).add(i);
			}
			else if (stops(result)) {
				end = i + 1;
				break;
			}
		}
		Map<String, EventApplier.Folded> entries = read(byEntry.keySet());
		for (int i = 0; i < end; i++) {
			EventApplier.Decoded event = decoded[i];
			EventApplier.Result result = (event.result() != null) ? event.result()
					: this.applier.fold(entries.get(event.key()), event);
			results[i] = result;
			if (stops(result)) {
				end = i + 1;
				break;
			}
		}
		TreeSet<Integer> again = new TreeSet<>();
		for (String key : write(entries)) {
			for (int index : byEntry.get(key)) {
				if (index < end) {
					again.add(index);
				}
			}
		}
		for (int index : again) {
			if (index >= end) {
				break;
			}
			EventApplier.Result result = this.applier.apply(decoded[index]);
			results[index] = result;
			if (stops(result)) {
				end = index + 1;
			}
		}
		Arrays.fill(results, end, size, null);
		return Arrays.asList(results);
	}

	private boolean stops(EventApplier.Result result) {
		return result.kind() == EventApplier.Result.Kind.FAILED && this.options.failurePolicy() == FailurePolicy.STOP;
	}

	/**
	 * Each entry as cached, or read with direct gets in flight together.
	 */
	private Map<String, EventApplier.Folded> read(Iterable<String> keys) throws InterruptedException {
		Map<String, EventApplier.Folded> entries = new LinkedHashMap<>();
		Map<String, CompletableFuture<Message>> reads = new LinkedHashMap<>();
		for (String key : keys) {
			StoredEntry cached = this.applier.cached(key);
			if (cached != null) {
				entries.put(key, new EventApplier.Folded(cached));
			}
			else if (this.entryReads.direct()) {
				reads.put(key, this.entryReads.request(key));
			}
			else {
				StoredEntry read = this.store.read(key).orElse(null);
				if (read != null) {
					this.applier.remember(key, read);
				}
				entries.put(key, new EventApplier.Folded(read));
			}
		}
		for (Map.Entry<String, CompletableFuture<Message>> read : reads.entrySet()) {
			String key = read.getKey();
			StoredEntry stored = this.entryReads.stored(key, await(read.getValue(), "reading " + key));
			if (stored != null) {
				this.applier.remember(key, stored);
			}
			entries.put(key, new EventApplier.Folded(stored));
		}
		return entries;
	}

	/**
	 * Write every changed entry with compare-and-set on the revision it was read at, the
	 * writes in flight together, and wait for all of them.
	 * @return the keys of the entries that changed meanwhile and were not written
	 */
	private List<String> write(Map<String, EventApplier.Folded> entries) throws InterruptedException {
		Map<String, IndexWriter.Change> indexChanges = indexChanges(entries);
		Map<String, CompletableFuture<PublishAck>> writes = new LinkedHashMap<>();
		for (Map.Entry<String, EventApplier.Folded> entry : entries.entrySet()) {
			EventApplier.Folded state = entry.getValue();
			ReadModelMetadata metadata = state.metadata();
			if (!state.changed() || metadata == null) {
				continue;
			}
			Headers headers = new Headers().put(NatsJetStreamConstants.EXPECTED_LAST_SUB_SEQ_HDR,
					Long.toString(state.revision()));
			writes.put(entry.getKey(), jetStream().publishAsync("$KV." + this.bucket + "." + entry.getKey(), headers,
					this.store.encode(state.value(), metadata)));
		}
		List<String> conflicts = new ArrayList<>();
		Map<String, IndexWriter.Written> staleIndexEntries = new LinkedHashMap<>();
		DataAccessException failure = null;
		for (Map.Entry<String, CompletableFuture<PublishAck>> write : writes.entrySet()) {
			String key = write.getKey();
			EventApplier.Folded state = entries.get(key);
			try {
				PublishAck ack = await(write.getValue(), "writing " + key);
				ReadModelMetadata metadata = state.metadata();
				if (metadata != null) {
					this.applier.remember(key, new StoredEntry(state.value(), metadata, ack.getSeqno()));
				}
				IndexWriter.Change change = indexChanges.get(key);
				if (change != null && !change.removed().isEmpty()) {
					staleIndexEntries.put(key, new IndexWriter.Written(ack.getSeqno(), change.removed()));
				}
			}
			catch (Conflict ex) {
				// Another writer changed the entry: its events are applied again one by
				// one.
				this.applier.forget(key);
				conflicts.add(key);
			}
			catch (DataAccessException ex) {
				// Wait for the other writes anyway, so none is still in flight after
				// this.
				this.applier.forget(key);
				if (failure == null) {
					failure = ex;
				}
			}
		}
		this.applier.indexWriter().removeStale(staleIndexEntries);
		if (failure != null) {
			throw failure;
		}
		return conflicts;
	}

	/**
	 * Compute what the writes change in the slot's indexes, and write the new index
	 * entries: before the entries, so a crash in between leaves at most stale extra index
	 * entries. The stale ones are deleted after the entries are written.
	 * @return the change of each entry to write, by key
	 */
	private Map<String, IndexWriter.Change> indexChanges(Map<String, EventApplier.Folded> entries) {
		IndexWriter indexWriter = this.applier.indexWriter();
		Set<String> fields = indexWriter.fields();
		Map<String, IndexWriter.Change> changes = new LinkedHashMap<>();
		if (fields.isEmpty()) {
			return changes;
		}
		List<String> added = new ArrayList<>();
		for (Map.Entry<String, EventApplier.Folded> entry : entries.entrySet()) {
			EventApplier.Folded state = entry.getValue();
			if (state.changed() && state.metadata() != null) {
				IndexWriter.Change change = indexWriter.change(fields, entry.getKey(), state.storedValue(),
						state.value());
				changes.put(entry.getKey(), change);
				added.addAll(change.added());
			}
		}
		indexWriter.add(added);
		return changes;
	}

	private <R> R await(CompletableFuture<R> future, String action) throws InterruptedException {
		try {
			return future.get(TIMEOUT.toMillis() + 1000, TimeUnit.MILLISECONDS);
		}
		catch (ExecutionException ex) {
			// jnats may wrap the JetStream error of an asynchronous publish.
			for (Throwable cause = ex.getCause(); cause != null; cause = cause.getCause()) {
				if (cause instanceof JetStreamApiException api) {
					if (JetStreamErrors.is(api, JetStreamErrors.WRONG_LAST_SEQUENCE)) {
						throw new Conflict();
					}
					throw NatsExceptionTranslator.translate(action, api);
				}
			}
			throw NatsExceptionTranslator.translate(action, (ex.getCause() instanceof Exception cause) ? cause : ex);
		}
		catch (TimeoutException ex) {
			future.cancel(false);
			throw new StoreUnavailableException(action + " timed out", ex);
		}
		catch (CancellationException ex) {
			throw new DataAccessResourceFailureException(action + " was cancelled", ex);
		}
	}

	private JetStream jetStream() {
		if (this.jetStream == null) {
			try {
				this.jetStream = this.connection.jetStream();
			}
			catch (IOException ex) {
				throw NatsExceptionTranslator.translate("opening JetStream", ex);
			}
		}
		return this.jetStream;
	}

	/**
	 * A write found its entry changed since it was read.
	 */
	private static final class Conflict extends RuntimeException {

		private static final long serialVersionUID = 1L;

		Conflict() {
			super(null, null, false, false);
		}

	}

}
