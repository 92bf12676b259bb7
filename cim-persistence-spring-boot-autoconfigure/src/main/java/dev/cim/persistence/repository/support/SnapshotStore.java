package dev.cim.persistence.repository.support;

import dev.cim.persistence.nats.NatsExceptionTranslator;
import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

import dev.cim.persistence.ipld.IpldCodec;
import dev.cim.persistence.nats.NatsRepositoryConfig;
import dev.cim.persistence.nats.PayloadLimits;
import io.nats.client.Connection;
import io.nats.client.JetStream;
import io.nats.client.JetStreamApiException;
import io.nats.client.KeyValue;
import io.nats.client.api.KeyValueEntry;
import io.nats.client.api.KeyValueOperation;
import org.jspecify.annotations.Nullable;

import org.springframework.dao.DataAccessException;
import dev.cim.persistence.repository.AggregateRef;

/**
 * The snapshots: one per aggregate under {@code {context}.{type}.{id}} in the snapshot
 * bucket. A snapshot that fits in one message is the bucket entry itself; a larger one is
 * written to the snapshot object bucket (in chunks below the server's max payload) and
 * the bucket entry holds a {@link SnapshotPointer} to it. The bucket entry is therefore
 * always the newest snapshot written, wherever its bytes are.
 */
final class SnapshotStore {

	private final KeyValue bucket;

	private final String bucketName;

	private final JetStream jetStream;

	private final SnapshotObjects objects;

	private final PayloadLimits limits;

	private final Executor executor;

	SnapshotStore(Connection connection, NatsRepositoryConfig config) {
		this(connection, config, new PayloadLimits(connection, config), java.util.concurrent.ForkJoinPool.commonPool());
	}

	SnapshotStore(Connection connection, NatsRepositoryConfig config, PayloadLimits limits, Executor executor) {
		this.executor = executor;
		this.bucketName = config.snapshotBucket();
		this.limits = limits;
		this.objects = new SnapshotObjects(connection, config, limits);
		try {
			this.bucket = connection.keyValue(config.snapshotBucket());
			this.jetStream = connection.jetStream();
		}
		catch (IOException ex) {
			throw NatsExceptionTranslator.translate("opening bucket " + config.snapshotBucket(), ex);
		}
	}

	/**
	 * The snapshot bucket entry of an aggregate: a snapshot document or a pointer to one
	 * (see {@link #resolve(byte[])}).
	 */
	Optional<byte[]> read(AggregateRef ref) {
		try {
			KeyValueEntry entry = this.bucket.get(key(ref));
			if (entry == null || entry.getOperation() != KeyValueOperation.PUT || entry.getValue() == null) {
				return Optional.empty();
			}
			return Optional.of(entry.getValue());
		}
		catch (IOException | JetStreamApiException | IllegalStateException ex) {
			throw NatsExceptionTranslator.translate("reading the snapshot of " + ref, ex);
		}
	}

	/**
	 * The snapshot document a bucket entry stands for: the entry itself, or the object it
	 * points to. Never throws: an object that is missing, cannot be read or is not the
	 * one the entry names is reported as a problem.
	 */
	Resolved resolve(byte[] entry) {
		Optional<SnapshotPointer> pointer = SnapshotPointer.decode(entry);
		if (pointer.isEmpty()) {
			return new Resolved(entry, false, null);
		}
		String name = pointer.get().object();
		SnapshotObjects.StoredObject object;
		try {
			object = this.objects.get(name);
		}
		catch (DataAccessException ex) {
			return new Resolved(null, true, "unreadable: its object " + name + " cannot be read: " + ex.getMessage());
		}
		if (object == null) {
			return new Resolved(null, true, "unreadable: its object " + name + " is missing");
		}
		if (!object.digest().equals(pointer.get().digest())) {
			return new Resolved(null, true, "its object " + name + " holds another snapshot than the one named (digest "
					+ object.digest() + ", expected " + pointer.get().digest() + ")");
		}
		return new Resolved(object.bytes(), true, null);
	}

	/**
	 * Write a snapshot without waiting. One that fits in a message is a key-value put (a
	 * publish to the key's subject); a larger one is written to the object bucket and
	 * then pointed to, on the blocking executor.
	 * @param body the encoded document
	 * @return the write, completed once the bucket entry is stored
	 */
	CompletableFuture<?> writeAsync(AggregateRef ref, StateDocument document, byte[] body) {
		if (body.length <= this.limits.maxStateBytes()) {
			try {
				return this.jetStream.publishAsync("$KV." + this.bucketName + "." + key(ref), body);
			}
			catch (IllegalStateException ex) {
				// Not connected: a snapshot is a cache, the save stands.
				return CompletableFuture
					.failedFuture(NatsExceptionTranslator.translate("writing the snapshot of " + ref, ex));
			}
		}
		return CompletableFuture.runAsync(() -> {
			String name = key(ref);
			String digest = this.objects.put(name, body);
			SnapshotPointer pointer = new SnapshotPointer(name, document.version(), digest, body.length);
			write(ref, pointer.encode(IpldCodec.forCode(document.stateCid().codec()).orElse(IpldCodec.DAG_JSON)));
		}, this.executor);
	}

	/**
	 * Write raw bytes as the snapshot bucket entry; used by tests and tools to replace a
	 * snapshot.
	 */
	void write(AggregateRef ref, byte[] bytes) {
		try {
			this.bucket.put(key(ref), bytes);
		}
		catch (IOException | JetStreamApiException | IllegalStateException ex) {
			throw NatsExceptionTranslator.translate("writing the snapshot of " + ref, ex);
		}
	}

	static String key(AggregateRef ref) {
		return ref.context() + "." + ref.type() + "." + ref.id();
	}

	/**
	 * A snapshot document found through its bucket entry.
	 *
	 * @param document the document's bytes, or {@code null} when it could not be had
	 * @param fromObject whether the bytes came from the object bucket
	 * @param problem why there is no document, or {@code null}
	 */
	record Resolved(byte @Nullable [] document, boolean fromObject, @Nullable String problem) {
	}

}
