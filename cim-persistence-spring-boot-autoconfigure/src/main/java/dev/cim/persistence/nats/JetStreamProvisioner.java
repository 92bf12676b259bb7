package dev.cim.persistence.nats;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.KeyValueManagement;
import io.nats.client.ObjectStoreManagement;
import io.nats.client.api.KeyValueConfiguration;
import io.nats.client.api.ObjectStoreConfiguration;
import io.nats.client.api.RetentionPolicy;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import io.nats.client.api.StreamInfo;
import org.jspecify.annotations.Nullable;

/**
 * Creates the streams and buckets of the store's layout when they are missing, and checks
 * the ones that exist against the configuration. Idempotent: running it again changes
 * nothing. A stream or bucket whose settings contradict the configuration is reported
 * with a {@link StoreProvisioningException} naming the setting, the expected and the
 * found value; it is never edited.
 */
public final class JetStreamProvisioner {

	private final Connection connection;

	private final NatsRepositoryConfig config;

	private final StoreSubjects subjects;

	/**
	 * Create a provisioner.
	 * @param connection the connection to the server
	 * @param config the layout to provision
	 */
	public JetStreamProvisioner(Connection connection, NatsRepositoryConfig config) {
		this.connection = connection;
		this.config = config;
		this.subjects = StoreSubjects.of(config);
	}

	/**
	 * The configuration the event stream must have.
	 * @return the stream configuration
	 */
	public StreamConfiguration eventStreamConfiguration() {
		return StreamConfiguration.builder()
			.name(this.config.eventStreamName())
			.description("CIM persistence events (source of truth)")
			.subjects(this.subjects.eventStreamSubject())
			.storageType(StorageType.File)
			.retentionPolicy(RetentionPolicy.Limits)
			.replicas(this.config.replicas())
			.allowDirect(true)
			.allowAtomicPublish(true)
			.denyDelete(true)
			.denyPurge(true)
			.duplicateWindow(this.config.duplicateWindow())
			.build();
	}

	/**
	 * The configuration the aggregate state stream must have.
	 * @return the stream configuration
	 */
	public StreamConfiguration aggregateStreamConfiguration() {
		return StreamConfiguration.builder()
			.name(this.config.aggregateStreamName())
			.description("CIM persistence aggregate state")
			.subjects(this.subjects.aggregateStreamSubject())
			.storageType(StorageType.File)
			.retentionPolicy(RetentionPolicy.Limits)
			.replicas(this.config.replicas())
			.maxMessagesPerSubject(this.config.aggregateHistory())
			.allowDirect(true)
			.build();
	}

	/**
	 * Check the server ({@link NatsServerRequirements}), then create what is missing and
	 * check what exists.
	 * @return what was created and what was found in place
	 * @throws UnsupportedNatsServerVersionException when the server is too old
	 * @throws JetStreamNotEnabledException when the server has JetStream disabled
	 * @throws StoreProvisioningException when an existing stream or bucket contradicts
	 * the configuration or the server refused to create one
	 */
	public ProvisioningResult provision() {
		NatsServerRequirements.check(this.connection);
		List<String> created = new ArrayList<>();
		List<String> existing = new ArrayList<>();
		JetStreamManagement jsm = jetStreamManagement();
		stream(jsm, eventStreamConfiguration(), true, created, existing);
		stream(jsm, aggregateStreamConfiguration(), false, created, existing);
		KeyValueManagement kvm = keyValueManagement();
		bucket(kvm, this.config.snapshotBucket(), "CIM persistence snapshots", created, existing);
		bucket(kvm, this.config.readModelBucket(), "CIM persistence read models", created, existing);
		bucket(kvm, this.config.indexBucket(), "CIM persistence read-model indexes", created, existing);
		objectBucket(this.config.snapshotObjectBucket(), "CIM persistence snapshots too large for one message", created,
				existing);
		return new ProvisioningResult(List.copyOf(created), List.copyOf(existing));
	}

	private void stream(JetStreamManagement jsm, StreamConfiguration wanted, boolean events, List<String> created,
			List<String> existing) {
		String resource = "stream " + wanted.getName();
		@Nullable StreamInfo info = streamInfo(jsm, wanted.getName(), resource);
		if (info == null) {
			try {
				jsm.addStream(wanted);
				created.add(resource);
				return;
			}
			catch (JetStreamApiException ex) {
				if (ex.getApiErrorCode() != JetStreamErrors.STREAM_NAME_IN_USE) {
					throw new StoreProvisioningException(resource, "could not be created: " + ex.getMessage(), ex);
				}
				// Created concurrently by another instance: check it like any existing
				// one.
				info = Objects.requireNonNull(streamInfo(jsm, wanted.getName(), resource), resource);
			}
			catch (IOException ex) {
				throw new StoreProvisioningException(resource, "could not be created: " + ex.getMessage(), ex);
			}
		}
		check(resource, wanted, info.getConfiguration(), events);
		existing.add(resource);
	}

	private static @Nullable StreamInfo streamInfo(JetStreamManagement jsm, String name, String resource) {
		try {
			return jsm.getStreamInfo(name);
		}
		catch (JetStreamApiException ex) {
			if (ex.getApiErrorCode() == JetStreamErrors.STREAM_NOT_FOUND) {
				return null;
			}
			throw new StoreProvisioningException(resource, "could not be read: " + ex.getMessage(), ex);
		}
		catch (IOException ex) {
			throw new StoreProvisioningException(resource, "could not be read: " + ex.getMessage(), ex);
		}
	}

	private void check(String resource, StreamConfiguration wanted, StreamConfiguration found, boolean events) {
		String subject = wanted.getSubjects().get(0);
		if (!found.getSubjects().contains(subject)) {
			throw new StoreProvisioningException(resource, "subjects", "[" + subject + "]",
					found.getSubjects().toString());
		}
		same(resource, "retention", wanted.getRetentionPolicy(), found.getRetentionPolicy());
		same(resource, "storage", wanted.getStorageType(), found.getStorageType());
		same(resource, "allow_direct", wanted.getAllowDirect(), found.getAllowDirect());
		if (events) {
			same(resource, "allow_atomic", wanted.getAllowAtomicPublish(), found.getAllowAtomicPublish());
			same(resource, "deny_delete", wanted.getDenyDelete(), found.getDenyDelete());
			same(resource, "deny_purge", wanted.getDenyPurge(), found.getDenyPurge());
			if (found.getMaxMsgsPerSubject() > 0) {
				throw new StoreProvisioningException(resource, "max_msgs_per_subject", "-1 (unlimited)",
						Long.toString(found.getMaxMsgsPerSubject()));
			}
		}
		else {
			same(resource, "max_msgs_per_subject", wanted.getMaxMsgsPerSubject(), found.getMaxMsgsPerSubject());
		}
	}

	private static void same(String resource, String setting, Object wanted, Object found) {
		if (!wanted.equals(found)) {
			throw new StoreProvisioningException(resource, setting, String.valueOf(wanted), String.valueOf(found));
		}
	}

	private void bucket(KeyValueManagement kvm, String name, String description, List<String> created,
			List<String> existing) {
		createOrCheck("key-value bucket " + name, () -> kvm.getStatus(name).getStorageType(),
				() -> kvm.create(KeyValueConfiguration.builder()
					.name(name)
					.description(description)
					.maxHistoryPerKey(1)
					.storageType(StorageType.File)
					.replicas(this.config.replicas())
					.build()),
				created, existing);
	}

	private void objectBucket(String name, String description, List<String> created, List<String> existing) {
		ObjectStoreManagement osm = objectStoreManagement();
		createOrCheck("object store bucket " + name, () -> osm.getStatus(name).getStorageType(),
				() -> osm.create(ObjectStoreConfiguration.builder(name)
					.description(description)
					.storageType(StorageType.File)
					.replicas(this.config.replicas())
					.build()),
				created, existing);
	}

	/**
	 * Create a bucket when it is missing (another instance may create it at the same
	 * moment), or check that an existing one keeps its data in files.
	 */
	private static void createOrCheck(String resource, JetStreamCall<StorageType> storage, JetStreamCall<?> create,
			List<String> created, List<String> existing) {
		@Nullable StorageType found = storageOf(resource, storage);
		if (found == null) {
			try {
				create.call();
				created.add(resource);
				return;
			}
			catch (JetStreamApiException ex) {
				if (ex.getApiErrorCode() != JetStreamErrors.STREAM_NAME_IN_USE) {
					throw new StoreProvisioningException(resource, "could not be created: " + ex.getMessage(), ex);
				}
				found = Objects.requireNonNull(storageOf(resource, storage), resource);
			}
			catch (IOException ex) {
				throw new StoreProvisioningException(resource, "could not be created: " + ex.getMessage(), ex);
			}
		}
		same(resource, "storage", StorageType.File, found);
		existing.add(resource);
	}

	private static @Nullable StorageType storageOf(String resource, JetStreamCall<StorageType> storage) {
		try {
			return storage.call();
		}
		catch (JetStreamApiException ex) {
			if (ex.getApiErrorCode() == JetStreamErrors.STREAM_NOT_FOUND) {
				return null;
			}
			throw new StoreProvisioningException(resource, "could not be read: " + ex.getMessage(), ex);
		}
		catch (IOException ex) {
			throw new StoreProvisioningException(resource, "could not be read: " + ex.getMessage(), ex);
		}
	}

	private ObjectStoreManagement objectStoreManagement() {
		try {
			return this.connection.objectStoreManagement();
		}
		catch (IOException ex) {
			throw new StoreProvisioningException("JetStream", "is not available on " + this.connection.getConnectedUrl()
					+ " (is the server started with -js?): " + ex.getMessage(), ex);
		}
	}

	private JetStreamManagement jetStreamManagement() {
		try {
			return this.connection.jetStreamManagement();
		}
		catch (IOException ex) {
			throw new StoreProvisioningException("JetStream", "is not available on " + this.connection.getConnectedUrl()
					+ " (is the server started with -js?): " + ex.getMessage(), ex);
		}
	}

	private KeyValueManagement keyValueManagement() {
		try {
			return this.connection.keyValueManagement();
		}
		catch (IOException ex) {
			throw new StoreProvisioningException("JetStream", "is not available on " + this.connection.getConnectedUrl()
					+ " (is the server started with -js?): " + ex.getMessage(), ex);
		}
	}

	/**
	 * What a provisioning run did.
	 *
	 * @param created the streams and buckets it created
	 * @param existing the streams and buckets it found in place and checked
	 */
	public record ProvisioningResult(List<String> created, List<String> existing) {

		/**
		 * Whether the run created anything.
		 * @return {@code true} when something was created
		 */
		public boolean createdAny() {
			return !this.created.isEmpty();
		}

	}

	/**
	 * A JetStream management call.
	 */
	@FunctionalInterface
	private interface JetStreamCall<T> {

		T call() throws IOException, JetStreamApiException;

	}

}
