package dev.cim.persistence.repository.support;

import dev.cim.persistence.nats.NatsExceptionTranslator;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.security.NoSuchAlgorithmException;

import dev.cim.persistence.nats.NatsRepositoryConfig;
import dev.cim.persistence.nats.PayloadLimits;
import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.ObjectStore;
import io.nats.client.api.ObjectInfo;
import io.nats.client.api.ObjectMeta;
import org.jspecify.annotations.Nullable;

/**
 * The snapshot object bucket: snapshots too large for one message, written in chunks
 * below the server's max payload, one object per aggregate. Opened on first use, so a
 * repository whose snapshots all fit in messages never needs the bucket.
 */
final class SnapshotObjects {

	private final Connection connection;

	private final String bucketName;

	private final PayloadLimits limits;

	private volatile @Nullable ObjectStore bucket;

	SnapshotObjects(Connection connection, NatsRepositoryConfig config, PayloadLimits limits) {
		this.connection = connection;
		this.bucketName = config.snapshotObjectBucket();
		this.limits = limits;
	}

	/**
	 * Write an object, replacing the one of the same name.
	 * @return the digest of what was written, as the object store reports it
	 * @throws org.springframework.dao.DataAccessException when the write failed
	 */
	String put(String name, byte[] bytes) {
		ObjectMeta meta = ObjectMeta.builder(name).chunkSize(this.limits.objectChunkBytes()).build();
		try {
			return bucket().put(meta, new ByteArrayInputStream(bytes)).getDigest();
		}
		catch (IOException | JetStreamApiException ex) {
			throw NatsExceptionTranslator.translate("writing snapshot object " + name + " to " + this.bucketName, ex);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is not available", ex);
		}
	}

	/**
	 * Read an object whole; the object store checks its digest.
	 * @return the object, or {@code null} when there is none of that name
	 * @throws org.springframework.dao.DataAccessException when the read failed or the
	 * bytes did not match their digest
	 */
	@Nullable StoredObject get(String name) {
		try {
			ObjectStore store = bucket();
			ObjectInfo info = store.getInfo(name);
			if (info == null || info.isDeleted()) {
				return null;
			}
			ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.min(info.getSize(), Integer.MAX_VALUE));
			ObjectInfo read = store.get(name, out);
			return new StoredObject(out.toByteArray(), read.getDigest());
		}
		catch (IOException | JetStreamApiException ex) {
			throw NatsExceptionTranslator.translate("reading snapshot object " + name + " from " + this.bucketName, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw NatsExceptionTranslator.translate("reading snapshot object " + name + " from " + this.bucketName, ex);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is not available", ex);
		}
	}

	private ObjectStore bucket() throws IOException {
		ObjectStore store = this.bucket;
		if (store == null) {
			store = this.connection.objectStore(this.bucketName);
			this.bucket = store;
		}
		return store;
	}

	/**
	 * An object's bytes and digest.
	 */
	record StoredObject(byte[] bytes, String digest) {
	}

}
