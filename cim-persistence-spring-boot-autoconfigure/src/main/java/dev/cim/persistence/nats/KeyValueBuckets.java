package dev.cim.persistence.nats;

import java.io.IOException;

import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.KeyValue;
import io.nats.client.KeyValueManagement;
import io.nats.client.api.KeyValueConfiguration;
import io.nats.client.api.StorageType;

/**
 * Opens the small key-value buckets the library keeps for itself (projection status,
 * parked events), creating one when it is missing: history 1, file storage, the given
 * replicas. Several instances may start together; the one that loses the race to create a
 * bucket opens the winner's.
 */
public final class KeyValueBuckets {

	private KeyValueBuckets() {
	}

	/**
	 * Open a bucket, creating it when it does not exist. An existing bucket is used as it
	 * is.
	 * @param connection the connection
	 * @param name the bucket's name
	 * @param description the description a created bucket carries
	 * @param replicas the replicas of a created bucket
	 * @return the bucket
	 * @throws org.springframework.dao.DataAccessException when the bucket can be neither
	 * opened nor created
	 */
	public static KeyValue openOrCreate(Connection connection, String name, String description, int replicas) {
		try {
			KeyValueManagement management = connection.keyValueManagement();
			if (!exists(management, name)) {
				create(management, name, description, replicas);
			}
			return connection.keyValue(name);
		}
		catch (IOException | JetStreamApiException | IllegalStateException ex) {
			throw NatsExceptionTranslator.translate("opening bucket " + name, ex);
		}
	}

	private static boolean exists(KeyValueManagement management, String name)
			throws IOException, JetStreamApiException {
		try {
			management.getStatus(name);
			return true;
		}
		catch (JetStreamApiException ex) {
			if (!JetStreamErrors.is(ex, JetStreamErrors.STREAM_NOT_FOUND)) {
				throw ex;
			}
			return false;
		}
	}

	private static void create(KeyValueManagement management, String name, String description, int replicas)
			throws IOException, JetStreamApiException {
		try {
			management.create(KeyValueConfiguration.builder()
				.name(name)
				.description(description)
				.maxHistoryPerKey(1)
				.storageType(StorageType.File)
				.replicas(replicas)
				.build());
		}
		catch (JetStreamApiException ex) {
			// Created concurrently by another instance.
			if (!JetStreamErrors.is(ex, JetStreamErrors.STREAM_NAME_IN_USE)) {
				throw ex;
			}
		}
	}

}
