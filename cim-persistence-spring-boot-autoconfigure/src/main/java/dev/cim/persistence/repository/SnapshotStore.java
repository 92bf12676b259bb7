package dev.cim.persistence.repository;

import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import dev.cim.persistence.nats.NatsRepositoryConfig;
import io.nats.client.Connection;
import io.nats.client.JetStream;
import io.nats.client.JetStreamApiException;
import io.nats.client.KeyValue;
import io.nats.client.api.KeyValueEntry;
import io.nats.client.api.KeyValueOperation;

/**
 * The snapshot bucket: one snapshot per aggregate under {@code {context}.{type}.{id}}.
 */
final class SnapshotStore {

	private final KeyValue bucket;

	private final String bucketName;

	private final JetStream jetStream;

	SnapshotStore(Connection connection, NatsRepositoryConfig config) {
		this.bucketName = config.snapshotBucket();
		try {
			this.bucket = connection.keyValue(config.snapshotBucket());
			this.jetStream = connection.jetStream();
		}
		catch (IOException ex) {
			throw NatsExceptionTranslator.translate("opening bucket " + config.snapshotBucket(), ex);
		}
	}

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

	void write(AggregateRef ref, StateDocument document) {
		write(ref, document.encode());
	}

	/**
	 * Write a snapshot without waiting: a key-value put is a publish to the key's
	 * subject.
	 */
	CompletableFuture<?> writeAsync(AggregateRef ref, StateDocument document) {
		try {
			return this.jetStream.publishAsync("$KV." + this.bucketName + "." + key(ref), document.encode());
		}
		catch (IllegalStateException ex) {
			// Not connected: a snapshot is a cache, the save stands.
			return CompletableFuture
				.failedFuture(NatsExceptionTranslator.translate("writing the snapshot of " + ref, ex));
		}
	}

	/**
	 * Write raw bytes as the snapshot; used by tests and tools to replace a snapshot.
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

}
