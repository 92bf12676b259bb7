package dev.cim.persistence.nats;

import dev.cim.persistence.testsupport.NatsIntegrationTest;
import dev.cim.persistence.testsupport.NatsTestServer;
import io.nats.client.Connection;
import io.nats.client.JetStreamManagement;
import io.nats.client.api.KeyValueStatus;
import io.nats.client.api.ObjectStoreConfiguration;
import io.nats.client.api.ObjectStoreStatus;
import io.nats.client.api.RetentionPolicy;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import io.nats.client.api.StreamInfo;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Provisioning of the store's streams and buckets against a real nats-server.
 */
@NatsIntegrationTest
class JetStreamProvisionerIntegrationTests {

	private static Connection connection;

	private static JetStreamManagement jsm;

	@BeforeAll
	static void connect(NatsTestServer server) throws Exception {
		connection = server.connect();
		jsm = connection.jetStreamManagement();
	}

	@AfterAll
	static void close() throws InterruptedException {
		connection.close();
	}

	@Test
	void provisionCreatesTheLayoutWithTheDesignedSettings() throws Exception {
		NatsRepositoryConfig config = config("a");
		JetStreamProvisioner.ProvisioningResult result = new JetStreamProvisioner(connection, config).provision();
		assertThat(result.created()).containsExactly("stream EVENTS_a", "stream AGGREGATES_a",
				"key-value bucket snapshots_a", "key-value bucket readmodels_a", "key-value bucket indexes_a",
				"object store bucket snapshot-objects_a");
		StreamConfiguration events = jsm.getStreamInfo("EVENTS_a").getConfiguration();
		assertThat(events.getSubjects()).containsExactly("a.events.>");
		assertThat(events.getStorageType()).isEqualTo(StorageType.File);
		assertThat(events.getRetentionPolicy()).isEqualTo(RetentionPolicy.Limits);
		assertThat(events.getAllowDirect()).isTrue();
		assertThat(events.getAllowAtomicPublish()).isTrue();
		assertThat(events.getDenyDelete()).isTrue();
		assertThat(events.getDenyPurge()).isTrue();
		assertThat(events.getDuplicateWindow()).isEqualTo(java.time.Duration.ofMinutes(2));
		StreamConfiguration aggregates = jsm.getStreamInfo("AGGREGATES_a").getConfiguration();
		assertThat(aggregates.getSubjects()).containsExactly("a.aggregates.>");
		assertThat(aggregates.getMaxMsgsPerSubject()).isEqualTo(1);
		assertThat(aggregates.getAllowDirect()).isTrue();
		KeyValueStatus snapshots = connection.keyValueManagement().getStatus("snapshots_a");
		assertThat(snapshots.getMaxHistoryPerKey()).isEqualTo(1);
		assertThat(connection.keyValueManagement().getStatus("readmodels_a").getMaxHistoryPerKey()).isEqualTo(1);
		assertThat(connection.keyValueManagement().getStatus("indexes_a").getMaxHistoryPerKey()).isEqualTo(1);
		ObjectStoreStatus objects = connection.objectStoreManagement().getStatus("snapshot-objects_a");
		assertThat(objects.getStorageType()).isEqualTo(StorageType.File);
		assertThat(objects.getReplicas()).isEqualTo(1);
	}

	@Test
	void provisioningTwiceChangesNothing() throws Exception {
		NatsRepositoryConfig config = config("b");
		new JetStreamProvisioner(connection, config).provision();
		StreamInfo eventsBefore = jsm.getStreamInfo("EVENTS_b");
		StreamInfo aggregatesBefore = jsm.getStreamInfo("AGGREGATES_b");
		JetStreamProvisioner.ProvisioningResult again = new JetStreamProvisioner(connection, config).provision();
		assertThat(again.createdAny()).isFalse();
		assertThat(again.existing()).hasSize(6);
		StreamInfo eventsAfter = jsm.getStreamInfo("EVENTS_b");
		assertThat(eventsAfter.getConfiguration().toJson()).isEqualTo(eventsBefore.getConfiguration().toJson());
		assertThat(eventsAfter.getCreateTime()).isEqualTo(eventsBefore.getCreateTime());
		assertThat(jsm.getStreamInfo("AGGREGATES_b").getConfiguration().toJson())
			.isEqualTo(aggregatesBefore.getConfiguration().toJson());
	}

	@Test
	void existingStreamWithoutAtomicPublishFailsWithAReadableMessage() throws Exception {
		jsm.addStream(StreamConfiguration.builder()
			.name("EVENTS_c")
			.subjects("c.events.>")
			.storageType(StorageType.File)
			.allowDirect(true)
			.denyDelete(true)
			.denyPurge(true)
			.build());
		String before = jsm.getStreamInfo("EVENTS_c").getConfiguration().toJson();
		assertThatExceptionOfType(StoreProvisioningException.class)
			.isThrownBy(() -> new JetStreamProvisioner(connection, config("c")).provision())
			.satisfies((ex) -> {
				assertThat(ex.getResource()).isEqualTo("stream EVENTS_c");
				assertThat(ex.getSetting()).isEqualTo("allow_atomic");
				assertThat(ex.getExpected()).isEqualTo("true");
				assertThat(ex.getFound()).isEqualTo("false");
			})
			.withMessageContaining("stream EVENTS_c exists with allow_atomic = false")
			.withMessageContaining("requires allow_atomic = true");
		assertThat(jsm.getStreamInfo("EVENTS_c").getConfiguration().toJson()).isEqualTo(before);
	}

	@Test
	void existingStreamWithOtherSubjectsFailsNamingTheSubjects() throws Exception {
		jsm.addStream(StreamConfiguration.builder()
			.name("EVENTS_d")
			.subjects("elsewhere.>")
			.storageType(StorageType.File)
			.build());
		assertThatExceptionOfType(StoreProvisioningException.class)
			.isThrownBy(() -> new JetStreamProvisioner(connection, config("d")).provision())
			.withMessageContaining("subjects = [elsewhere.>]")
			.withMessageContaining("[d.events.>]");
	}

	@Test
	void existingStateStreamWithOtherHistoryFailsNamingTheSetting() throws Exception {
		NatsRepositoryConfig config = config("e");
		jsm.addStream(
				StreamConfiguration.builder(new JetStreamProvisioner(connection, config).aggregateStreamConfiguration())
					.maxMessagesPerSubject(5)
					.build());
		assertThatExceptionOfType(StoreProvisioningException.class)
			.isThrownBy(() -> new JetStreamProvisioner(connection, config).provision())
			.satisfies((ex) -> assertThat(ex.getSetting()).isEqualTo("max_msgs_per_subject"))
			.withMessageContaining("max_msgs_per_subject = 5")
			.withMessageContaining("requires max_msgs_per_subject = 1");
	}

	@Test
	void existingSnapshotObjectBucketInMemoryFailsNamingTheSetting() throws Exception {
		NatsRepositoryConfig config = config("f");
		connection.objectStoreManagement()
			.create(ObjectStoreConfiguration.builder("snapshot-objects_f").storageType(StorageType.Memory).build());
		assertThatExceptionOfType(StoreProvisioningException.class)
			.isThrownBy(() -> new JetStreamProvisioner(connection, config).provision())
			.satisfies((ex) -> {
				assertThat(ex.getResource()).isEqualTo("object store bucket snapshot-objects_f");
				assertThat(ex.getSetting()).isEqualTo("storage");
			})
			.withMessageContaining("storage = memory");
	}

	@Test
	void existingEventStreamThatDiffersInAnyCheckedSettingFailsNamingThatSetting() throws Exception {
		assertEventStreamRefused("g1", (b) -> b.retentionPolicy(RetentionPolicy.Interest), "retention", "limits",
				"interest");
		assertEventStreamRefused("g2", (b) -> b.storageType(StorageType.Memory), "storage", "file", "memory");
		assertEventStreamRefused("g3", (b) -> b.allowDirect(false), "allow_direct", "true", "false");
		assertEventStreamRefused("g4", (b) -> b.denyDelete(false), "deny_delete", "true", "false");
		assertEventStreamRefused("g5", (b) -> b.denyPurge(false), "deny_purge", "true", "false");
		assertEventStreamRefused("g6", (b) -> b.maxMessagesPerSubject(1), "max_msgs_per_subject", "-1 (unlimited)",
				"1");
	}

	@Test
	void existingStateStreamThatDiffersInAnyCheckedSettingFailsNamingThatSetting() throws Exception {
		assertAggregateStreamRefused("h1", (b) -> b.storageType(StorageType.Memory), "storage");
		assertAggregateStreamRefused("h2", (b) -> b.allowDirect(false), "allow_direct");
		assertAggregateStreamRefused("h3", (b) -> b.retentionPolicy(RetentionPolicy.Interest), "retention");
	}

	private static void assertEventStreamRefused(String suffix,
			java.util.function.UnaryOperator<StreamConfiguration.Builder> change, String setting, String expected,
			String found) throws Exception {
		NatsRepositoryConfig config = config(suffix);
		jsm.addStream(change
			.apply(StreamConfiguration.builder(new JetStreamProvisioner(connection, config).eventStreamConfiguration()))
			.build());
		assertThatExceptionOfType(StoreProvisioningException.class)
			.isThrownBy(() -> new JetStreamProvisioner(connection, config).provision())
			.satisfies((ex) -> {
				assertThat(ex.getResource()).isEqualTo("stream EVENTS_" + suffix);
				assertThat(ex.getSetting()).isEqualTo(setting);
				assertThat(ex.getExpected()).isEqualToIgnoringCase(expected);
				assertThat(ex.getFound()).isEqualToIgnoringCase(found);
			});
	}

	private static void assertAggregateStreamRefused(String suffix,
			java.util.function.UnaryOperator<StreamConfiguration.Builder> change, String setting) throws Exception {
		NatsRepositoryConfig config = config(suffix);
		jsm.addStream(change
			.apply(StreamConfiguration
				.builder(new JetStreamProvisioner(connection, config).aggregateStreamConfiguration()))
			.build());
		assertThatExceptionOfType(StoreProvisioningException.class)
			.isThrownBy(() -> new JetStreamProvisioner(connection, config).provision())
			.satisfies((ex) -> {
				assertThat(ex.getResource()).isEqualTo("stream AGGREGATES_" + suffix);
				assertThat(ex.getSetting()).isEqualTo(setting);
			});
	}

	private static NatsRepositoryConfig config(String suffix) {
		return NatsRepositoryConfig.builder()
			.eventStreamName("EVENTS_" + suffix)
			.aggregateStreamName("AGGREGATES_" + suffix)
			.snapshotBucket("snapshots_" + suffix)
			.readModelBucket("readmodels_" + suffix)
			.indexBucket("indexes_" + suffix)
			.snapshotObjectBucket("snapshot-objects_" + suffix)
			.subjectPrefix(suffix)
			.build();
	}

}
