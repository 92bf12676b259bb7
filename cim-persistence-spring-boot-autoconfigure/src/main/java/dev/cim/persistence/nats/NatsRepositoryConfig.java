package dev.cim.persistence.nats;

import java.time.Duration;
import java.util.Objects;

import dev.cim.persistence.routing.SubjectTokens;

import static dev.cim.persistence.nats.ConfigChecks.quote;
import static dev.cim.persistence.nats.ConfigChecks.requireAtLeast;
import static dev.cim.persistence.nats.ConfigChecks.requireName;

/**
 * Where and how the store keeps its data in JetStream. Immutable; build one with
 * {@link #builder()} or take {@link #defaults()}.
 *
 * <p>
 * The defaults: events in stream {@code EVENTS}, aggregate state in stream
 * {@code AGGREGATES}, read models in bucket {@code readmodels}, snapshots in bucket
 * {@code snapshots}, a cache of 1000 aggregates, IPLD content addressing on, subjects
 * under {@code cim}, one replica, events of at most 512 KiB, a snapshot every 100
 * versions, states written as one message up to the server's max payload (less room for
 * headers), larger snapshots in the object store bucket {@code cim-snapshots} and
 * secondary indexes of read models in bucket {@code cim-indexes}.
 *
 * @param eventStreamName the stream holding the events, the source of truth
 * @param aggregateStreamName the stream holding each aggregate's current state
 * @param readModelBucket the key-value bucket holding read models
 * @param snapshotBucket the key-value bucket holding snapshots
 * @param cacheSize the number of aggregates kept in the in-process cache
 * @param enableIpld whether events are IPLD blocks with CIDs and links
 * @param subjectPrefix the first token of every subject the store uses
 * @param replicas the number of replicas of every stream and bucket provisioned
 * @param maxEventBytes the largest encoded event accepted, in bytes (the server's max
 * payload less room for headers caps it, see {@link PayloadLimits})
 * @param aggregateHistory how many states per aggregate the state stream keeps
 * @param duplicateWindow the event stream's window for detecting a re-sent message
 * @param publishTimeout how long to wait for the server to acknowledge a publish
 * @param publishAttempts how many times a publish whose acknowledgement was lost is sent
 * @param snapshotEvery write a snapshot each time an aggregate's version crosses a
 * multiple of this; 0 for snapshots on request only
 * @param updateAttempts how many times an update runs its command when it meets version
 * conflicts
 * @param verifyOnLoad whether every load verifies the aggregate's hash chain and replays
 * it
 * @param ipldCodec the codec of event blocks, {@code dag-json} or {@code dag-cbor}
 * @param stateMaxBytes the largest encoded state document written to the state stream or
 * as one snapshot message; 0 to derive it from the server's max payload (a larger value
 * is capped by it)
 * @param snapshotObjectBucket the object store bucket holding snapshots too large for one
 * message
 * @param indexBucket the key-value bucket holding the secondary indexes of read models
 */
public record NatsRepositoryConfig(String eventStreamName, String aggregateStreamName, String readModelBucket,
		String snapshotBucket, int cacheSize, boolean enableIpld, String subjectPrefix, int replicas, int maxEventBytes,
		int aggregateHistory, Duration duplicateWindow, Duration publishTimeout, int publishAttempts, int snapshotEvery,
		int updateAttempts, boolean verifyOnLoad, String ipldCodec, int stateMaxBytes, String snapshotObjectBucket,
		String indexBucket) {

	/**
	 * Validate the configuration.
	 * @throws IllegalArgumentException naming the setting that is out of range
	 */
	public NatsRepositoryConfig {
		requireName("event stream name", eventStreamName);
		requireName("aggregate stream name", aggregateStreamName);
		requireName("read model bucket", readModelBucket);
		requireName("snapshot bucket", snapshotBucket);
		requireName("snapshot object bucket", snapshotObjectBucket);
		requireName("index bucket", indexBucket);
		SubjectTokens.require(subjectPrefix, "subject prefix");
		if (eventStreamName.equals(aggregateStreamName)) {
			throw new IllegalArgumentException(
					"event stream name and aggregate stream name must differ, both are '" + eventStreamName + "'");
		}
		requireAtLeast("cache size", cacheSize, 0);
		requireAtLeast("replicas", replicas, 1);
		requireAtLeast("max event bytes", maxEventBytes, 256);
		requireAtLeast("aggregate history", aggregateHistory, 1);
		requireAtLeast("publish attempts", publishAttempts, 1);
		requireAtLeast("snapshot every", snapshotEvery, 0);
		requireAtLeast("update attempts", updateAttempts, 1);
		requireAtLeast("state max bytes", stateMaxBytes, 0);
		if (!"dag-json".equals(ipldCodec) && !"dag-cbor".equals(ipldCodec)) {
			throw new IllegalArgumentException("IPLD codec must be dag-json or dag-cbor, was " + quote(ipldCodec));
		}
		Objects.requireNonNull(duplicateWindow, "duplicateWindow");
		Objects.requireNonNull(publishTimeout, "publishTimeout");
		if (publishTimeout.isNegative() || publishTimeout.isZero()) {
			throw new IllegalArgumentException("publish timeout must be positive, was " + publishTimeout);
		}
		if (replicas > 5) {
			throw new IllegalArgumentException("replicas must be at most 5, was " + replicas);
		}
	}

	/**
	 * The default configuration.
	 * @return the defaults
	 */
	public static NatsRepositoryConfig defaults() {
		return builder().build();
	}

	/**
	 * A builder starting from the defaults.
	 * @return a new builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * A builder starting from this configuration.
	 * @return a new builder with this configuration's values
	 */
	public Builder toBuilder() {
		return new Builder(this);
	}

	/**
	 * Builds a {@link NatsRepositoryConfig}.
	 */
	public static final class Builder {

		private String eventStreamName = "EVENTS";

		private String aggregateStreamName = "AGGREGATES";

		private String readModelBucket = "readmodels";

		private String snapshotBucket = "snapshots";

		private int cacheSize = 1000;

		private boolean enableIpld = true;

		private String subjectPrefix = "cim";

		private int replicas = 1;

		private int maxEventBytes = 512 * 1024;

		private int aggregateHistory = 1;

		private Duration duplicateWindow = Duration.ofMinutes(2);

		private Duration publishTimeout = Duration.ofSeconds(5);

		private int publishAttempts = 3;

		private int snapshotEvery = 100;

		private int updateAttempts = 20;

		private boolean verifyOnLoad;

		private String ipldCodec = "dag-json";

		private int stateMaxBytes;

		private String snapshotObjectBucket = "cim-snapshots";

		private String indexBucket = "cim-indexes";

		private Builder() {
		}

		private Builder(NatsRepositoryConfig config) {
			this.eventStreamName = config.eventStreamName;
			this.aggregateStreamName = config.aggregateStreamName;
			this.readModelBucket = config.readModelBucket;
			this.snapshotBucket = config.snapshotBucket;
			this.cacheSize = config.cacheSize;
			this.enableIpld = config.enableIpld;
			this.subjectPrefix = config.subjectPrefix;
			this.replicas = config.replicas;
			this.maxEventBytes = config.maxEventBytes;
			this.aggregateHistory = config.aggregateHistory;
			this.duplicateWindow = config.duplicateWindow;
			this.publishTimeout = config.publishTimeout;
			this.publishAttempts = config.publishAttempts;
			this.snapshotEvery = config.snapshotEvery;
			this.updateAttempts = config.updateAttempts;
			this.verifyOnLoad = config.verifyOnLoad;
			this.ipldCodec = config.ipldCodec;
			this.stateMaxBytes = config.stateMaxBytes;
			this.snapshotObjectBucket = config.snapshotObjectBucket;
			this.indexBucket = config.indexBucket;
		}

		/**
		 * Set the name of the key-value bucket holding the secondary indexes of read
		 * models.
		 * @param name the name
		 * @return this builder
		 */
		public Builder indexBucket(String name) {
			this.indexBucket = name;
			return this;
		}

		/**
		 * Set how often snapshots are written.
		 * @param every a snapshot each time the version crosses a multiple of this; 0 for
		 * snapshots on request only
		 * @return this builder
		 */
		public Builder snapshotEvery(int every) {
			this.snapshotEvery = every;
			return this;
		}

		/**
		 * Set the largest encoded state document written as one message (to the state
		 * stream, or as a snapshot in the snapshot bucket); larger states are not written
		 * to the state stream and their snapshots go to the snapshot object bucket.
		 * @param bytes the limit in bytes, 0 (the default) to derive it from the server's
		 * max payload
		 * @return this builder
		 */
		public Builder stateMaxBytes(int bytes) {
			this.stateMaxBytes = bytes;
			return this;
		}

		/**
		 * Set the name of the object store bucket holding snapshots too large for one
		 * message.
		 * @param name the name
		 * @return this builder
		 */
		public Builder snapshotObjectBucket(String name) {
			this.snapshotObjectBucket = name;
			return this;
		}

		/**
		 * Set the codec of event blocks.
		 * @param codec {@code dag-json} or {@code dag-cbor}
		 * @return this builder
		 */
		public Builder ipldCodec(String codec) {
			this.ipldCodec = (codec != null) ? codec.trim().toLowerCase(java.util.Locale.ROOT) : null;
			return this;
		}

		/**
		 * Set whether every load verifies the hash chain.
		 * @param verify whether to verify
		 * @return this builder
		 */
		public Builder verifyOnLoad(boolean verify) {
			this.verifyOnLoad = verify;
			return this;
		}

		/**
		 * Set how many times an update runs its command when it meets conflicts.
		 * @param attempts at least 1
		 * @return this builder
		 */
		public Builder updateAttempts(int attempts) {
			this.updateAttempts = attempts;
			return this;
		}

		/**
		 * Set the event stream's name.
		 * @param name the name
		 * @return this builder
		 */
		public Builder eventStreamName(String name) {
			this.eventStreamName = name;
			return this;
		}

		/**
		 * Set the aggregate state stream's name.
		 * @param name the name
		 * @return this builder
		 */
		public Builder aggregateStreamName(String name) {
			this.aggregateStreamName = name;
			return this;
		}

		/**
		 * Set the read model bucket's name.
		 * @param name the name
		 * @return this builder
		 */
		public Builder readModelBucket(String name) {
			this.readModelBucket = name;
			return this;
		}

		/**
		 * Set the snapshot bucket's name.
		 * @param name the name
		 * @return this builder
		 */
		public Builder snapshotBucket(String name) {
			this.snapshotBucket = name;
			return this;
		}

		/**
		 * Set the number of aggregates cached in process.
		 * @param size the size, 0 for no cache
		 * @return this builder
		 */
		public Builder cacheSize(int size) {
			this.cacheSize = size;
			return this;
		}

		/**
		 * Set whether events are content-addressed IPLD blocks.
		 * @param enable whether IPLD is on
		 * @return this builder
		 */
		public Builder enableIpld(boolean enable) {
			this.enableIpld = enable;
			return this;
		}

		/**
		 * Set the first token of every subject.
		 * @param prefix the prefix
		 * @return this builder
		 */
		public Builder subjectPrefix(String prefix) {
			this.subjectPrefix = prefix;
			return this;
		}

		/**
		 * Set the number of replicas of streams and buckets.
		 * @param replicas 1 to 5
		 * @return this builder
		 */
		public Builder replicas(int replicas) {
			this.replicas = replicas;
			return this;
		}

		/**
		 * Set the largest encoded event accepted.
		 * @param bytes the limit in bytes
		 * @return this builder
		 */
		public Builder maxEventBytes(int bytes) {
			this.maxEventBytes = bytes;
			return this;
		}

		/**
		 * Set how many states per aggregate the state stream keeps.
		 * @param history at least 1
		 * @return this builder
		 */
		public Builder aggregateHistory(int history) {
			this.aggregateHistory = history;
			return this;
		}

		/**
		 * Set the event stream's duplicate window.
		 * @param window the window
		 * @return this builder
		 */
		public Builder duplicateWindow(Duration window) {
			this.duplicateWindow = window;
			return this;
		}

		/**
		 * Set how long to wait for a publish acknowledgement.
		 * @param timeout the timeout
		 * @return this builder
		 */
		public Builder publishTimeout(Duration timeout) {
			this.publishTimeout = timeout;
			return this;
		}

		/**
		 * Set how many times a publish is sent when its acknowledgement is lost.
		 * @param attempts at least 1
		 * @return this builder
		 */
		public Builder publishAttempts(int attempts) {
			this.publishAttempts = attempts;
			return this;
		}

		/**
		 * Build the configuration.
		 * @return the configuration
		 * @throws IllegalArgumentException when a setting is out of range
		 */
		public NatsRepositoryConfig build() {
			return new NatsRepositoryConfig(this.eventStreamName, this.aggregateStreamName, this.readModelBucket,
					this.snapshotBucket, this.cacheSize, this.enableIpld, this.subjectPrefix, this.replicas,
					this.maxEventBytes, this.aggregateHistory, this.duplicateWindow, this.publishTimeout,
					this.publishAttempts, this.snapshotEvery, this.updateAttempts, this.verifyOnLoad, this.ipldCodec,
					this.stateMaxBytes, this.snapshotObjectBucket, this.indexBucket);
		}

	}

}
