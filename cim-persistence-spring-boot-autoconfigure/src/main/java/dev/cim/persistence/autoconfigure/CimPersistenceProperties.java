package dev.cim.persistence.autoconfigure;

import java.nio.file.Path;
import java.time.Duration;

import dev.cim.persistence.eventroute.EventRouteOptions;
import dev.cim.persistence.nats.NatsRepositoryConfig;
import dev.cim.persistence.query.QueryCaching;
import dev.cim.persistence.readmodel.FailurePolicy;
import dev.cim.persistence.readmodel.ProjectionOptions;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.core.io.Resource;

/**
 * Configuration properties for CIM persistence, bound from {@code cim.persistence.*}.
 */
@ConfigurationProperties("cim.persistence")
public class CimPersistenceProperties {

	/**
	 * Whether CIM persistence is auto-configured at all.
	 */
	private boolean enabled = true;

	/**
	 * Whether the streams and buckets of the store are created (and checked) at start-up.
	 */
	private boolean provision = true;

	/**
	 * Name of the stream holding the events, the source of truth.
	 */
	private String eventStreamName = "EVENTS";

	/**
	 * Name of the stream holding each aggregate's current state.
	 */
	private String aggregateStreamName = "AGGREGATES";

	/**
	 * Name of the key-value bucket holding read models.
	 */
	private String readModelBucket = "readmodels";

	/**
	 * Name of the key-value bucket holding snapshots.
	 */
	private String snapshotBucket = "snapshots";

	/**
	 * Name of the key-value bucket holding the secondary indexes of read models.
	 */
	private String indexBucket = "cim-indexes";

	/**
	 * Name of the object store bucket holding snapshots too large for one message.
	 */
	private String snapshotObjectBucket = "cim-snapshots";

	/**
	 * Number of aggregates kept in the in-process cache, 0 for no cache.
	 */
	private int cacheSize = 1000;

	/**
	 * Whether events are content-addressed IPLD blocks with CIDs linking each event to
	 * its predecessor.
	 */
	private boolean enableIpld = true;

	/**
	 * First token of every subject the store uses.
	 */
	private String subjectPrefix = "cim";

	/**
	 * Number of replicas of every stream and bucket provisioned (1 to 5).
	 */
	private int replicas = 1;

	/**
	 * Largest encoded event accepted, in bytes; the server's max payload less 2 KiB for
	 * headers caps it.
	 */
	private int maxEventBytes = 524288;

	/**
	 * Number of states per aggregate kept by the aggregate state stream.
	 */
	private int aggregateHistory = 1;

	/**
	 * Window in which the event stream detects a re-sent message.
	 */
	private Duration duplicateWindow = Duration.ofMinutes(2);

	/**
	 * Time to wait for the server to acknowledge a publish.
	 */
	private Duration publishTimeout = Duration.ofSeconds(5);

	/**
	 * Number of times a publish whose acknowledgement was lost is sent.
	 */
	private int publishAttempts = 3;

	/**
	 * Number of times an update runs its command when it meets version conflicts.
	 */
	private int updateAttempts = 20;

	private final Ipld ipld = new Ipld();

	private final Snapshots snapshots = new Snapshots();

	private final State state = new State();

	private final Nats nats = new Nats();

	private final Projections projections = new Projections();

	private final Repositories repositories = new Repositories();

	private final Routes routes = new Routes();

	private final Query query = new Query();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public boolean isProvision() {
		return this.provision;
	}

	public void setProvision(boolean provision) {
		this.provision = provision;
	}

	public String getEventStreamName() {
		return this.eventStreamName;
	}

	public void setEventStreamName(String eventStreamName) {
		this.eventStreamName = eventStreamName;
	}

	public String getAggregateStreamName() {
		return this.aggregateStreamName;
	}

	public void setAggregateStreamName(String aggregateStreamName) {
		this.aggregateStreamName = aggregateStreamName;
	}

	public String getReadModelBucket() {
		return this.readModelBucket;
	}

	public void setReadModelBucket(String readModelBucket) {
		this.readModelBucket = readModelBucket;
	}

	public String getIndexBucket() {
		return this.indexBucket;
	}

	public void setIndexBucket(String indexBucket) {
		this.indexBucket = indexBucket;
	}

	public String getSnapshotBucket() {
		return this.snapshotBucket;
	}

	public void setSnapshotBucket(String snapshotBucket) {
		this.snapshotBucket = snapshotBucket;
	}

	public String getSnapshotObjectBucket() {
		return this.snapshotObjectBucket;
	}

	public void setSnapshotObjectBucket(String snapshotObjectBucket) {
		this.snapshotObjectBucket = snapshotObjectBucket;
	}

	public int getCacheSize() {
		return this.cacheSize;
	}

	public void setCacheSize(int cacheSize) {
		this.cacheSize = cacheSize;
	}

	public boolean isEnableIpld() {
		return this.enableIpld;
	}

	public void setEnableIpld(boolean enableIpld) {
		this.enableIpld = enableIpld;
	}

	public String getSubjectPrefix() {
		return this.subjectPrefix;
	}

	public void setSubjectPrefix(String subjectPrefix) {
		this.subjectPrefix = subjectPrefix;
	}

	public int getReplicas() {
		return this.replicas;
	}

	public void setReplicas(int replicas) {
		this.replicas = replicas;
	}

	public int getMaxEventBytes() {
		return this.maxEventBytes;
	}

	public void setMaxEventBytes(int maxEventBytes) {
		this.maxEventBytes = maxEventBytes;
	}

	public int getAggregateHistory() {
		return this.aggregateHistory;
	}

	public void setAggregateHistory(int aggregateHistory) {
		this.aggregateHistory = aggregateHistory;
	}

	public Duration getDuplicateWindow() {
		return this.duplicateWindow;
	}

	public void setDuplicateWindow(Duration duplicateWindow) {
		this.duplicateWindow = duplicateWindow;
	}

	public Duration getPublishTimeout() {
		return this.publishTimeout;
	}

	public void setPublishTimeout(Duration publishTimeout) {
		this.publishTimeout = publishTimeout;
	}

	public int getPublishAttempts() {
		return this.publishAttempts;
	}

	public void setPublishAttempts(int publishAttempts) {
		this.publishAttempts = publishAttempts;
	}

	public int getUpdateAttempts() {
		return this.updateAttempts;
	}

	public void setUpdateAttempts(int updateAttempts) {
		this.updateAttempts = updateAttempts;
	}

	public Ipld getIpld() {
		return this.ipld;
	}

	public Snapshots getSnapshots() {
		return this.snapshots;
	}

	public State getState() {
		return this.state;
	}

	public Projections getProjections() {
		return this.projections;
	}

	public Routes getRoutes() {
		return this.routes;
	}

	public Nats getNats() {
		return this.nats;
	}

	public Repositories getRepositories() {
		return this.repositories;
	}

	public Query getQuery() {
		return this.query;
	}

	/**
	 * The store layout these properties describe.
	 * @return the repository configuration
	 * @throws IllegalArgumentException naming a setting that is out of range
	 */
	public NatsRepositoryConfig toRepositoryConfig() {
		return NatsRepositoryConfig.builder()
			.eventStreamName(this.eventStreamName)
			.aggregateStreamName(this.aggregateStreamName)
			.readModelBucket(this.readModelBucket)
			.snapshotBucket(this.snapshotBucket)
			.indexBucket(this.indexBucket)
			.cacheSize(this.cacheSize)
			.enableIpld(this.enableIpld)
			.subjectPrefix(this.subjectPrefix)
			.replicas(this.replicas)
			.maxEventBytes(this.maxEventBytes)
			.aggregateHistory(this.aggregateHistory)
			.duplicateWindow(this.duplicateWindow)
			.publishTimeout(this.publishTimeout)
			.publishAttempts(this.publishAttempts)
			.snapshotEvery(this.snapshots.getEvery())
			.updateAttempts(this.updateAttempts)
			.verifyOnLoad(this.ipld.isVerifyOnLoad())
			.ipldCodec(this.ipld.getCodec())
			.stateMaxBytes(this.state.getMaxBytes())
			.snapshotObjectBucket(this.snapshotObjectBucket)
			.build();
	}

	/**
	 * Content addressing properties.
	 */
	public static class Ipld {

		/**
		 * Codec of event blocks: dag-json (readable) or dag-cbor (compact).
		 */
		private String codec = "dag-json";

		/**
		 * Whether every load verifies the aggregate's hash chain and replays its events
		 * instead of trusting the cache, the state stream or snapshots.
		 */
		private boolean verifyOnLoad;

		public String getCodec() {
			return this.codec;
		}

		public void setCodec(String codec) {
			this.codec = codec;
		}

		public boolean isVerifyOnLoad() {
			return this.verifyOnLoad;
		}

		public void setVerifyOnLoad(boolean verifyOnLoad) {
			this.verifyOnLoad = verifyOnLoad;
		}

	}

	/**
	 * Query optimizer properties.
	 */
	public static class Query {

		/**
		 * Whether a query optimizer bean is published.
		 */
		private boolean enabled = true;

		/**
		 * How many plans, and how many results, the optimizer caches at most; 0 caches
		 * nothing.
		 */
		private long cacheSize = 1000;

		/**
		 * How long a cached plan is used for the same query and hint before the
		 * statistics are read again.
		 */
		private Duration planTtl = Duration.ofSeconds(5);

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public long getCacheSize() {
			return this.cacheSize;
		}

		public void setCacheSize(long cacheSize) {
			this.cacheSize = cacheSize;
		}

		public Duration getPlanTtl() {
			return this.planTtl;
		}

		public void setPlanTtl(Duration planTtl) {
			this.planTtl = planTtl;
		}

		/**
		 * The caching these properties describe.
		 * @return the settings: disabled when the cache size is 0
		 */
		public QueryCaching toQueryCaching() {
			return (this.cacheSize > 0) ? new QueryCaching(true, this.cacheSize, this.planTtl)
					: QueryCaching.disabled();
		}

	}

	/**
	 * Aggregate repository properties.
	 */
	public static class Repositories {

		/**
		 * Whether a repository bean is registered for each @Aggregate class found.
		 */
		private boolean enabled = true;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

	}

	/**
	 * Read-model projection properties.
	 */
	public static class Projections {

		/**
		 * Whether the projections of @ReadModel classes run in this application.
		 */
		private boolean enabled = true;

		/**
		 * Number of events a projection fetches per request.
		 */
		private int batchSize = 256;

		/**
		 * Time the server waits for an event's acknowledgement before redelivering it.
		 */
		private Duration ackWait = Duration.ofSeconds(30);

		/**
		 * Number of unacknowledged events the server lets a projection hold.
		 */
		private int maxAckPending = 1000;

		/**
		 * Number of times a handler is run for an event before the event is recorded as
		 * failed.
		 */
		private int handlerAttempts = 3;

		/**
		 * Pause between two attempts of a failing handler.
		 */
		private Duration retryBackoff = Duration.ofMillis(100);

		/**
		 * What a projection does after an event failed every attempt: continue with the
		 * next event, or stop in state FAILED.
		 */
		private FailurePolicy failurePolicy = FailurePolicy.CONTINUE;

		/**
		 * Name of the key-value bucket holding the projections' status.
		 */
		private String statusBucket = "cim-projections";

		/**
		 * Time a shutdown waits for each projection to finish the events in hand.
		 */
		private Duration stopTimeout = Duration.ofSeconds(10);

		/**
		 * Lag (events still to process) beyond which health reports a projection down.
		 */
		private long lagThreshold = 10000;

		/**
		 * Time the instance consuming a projection may go without asking for events
		 * before the server hands the projection to another instance of the application.
		 */
		private Duration pinnedTtl = Duration.ofSeconds(5);

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public int getBatchSize() {
			return this.batchSize;
		}

		public void setBatchSize(int batchSize) {
			this.batchSize = batchSize;
		}

		public Duration getAckWait() {
			return this.ackWait;
		}

		public void setAckWait(Duration ackWait) {
			this.ackWait = ackWait;
		}

		public int getMaxAckPending() {
			return this.maxAckPending;
		}

		public void setMaxAckPending(int maxAckPending) {
			this.maxAckPending = maxAckPending;
		}

		public int getHandlerAttempts() {
			return this.handlerAttempts;
		}

		public void setHandlerAttempts(int handlerAttempts) {
			this.handlerAttempts = handlerAttempts;
		}

		public Duration getRetryBackoff() {
			return this.retryBackoff;
		}

		public void setRetryBackoff(Duration retryBackoff) {
			this.retryBackoff = retryBackoff;
		}

		public FailurePolicy getFailurePolicy() {
			return this.failurePolicy;
		}

		public void setFailurePolicy(FailurePolicy failurePolicy) {
			this.failurePolicy = failurePolicy;
		}

		public String getStatusBucket() {
			return this.statusBucket;
		}

		public void setStatusBucket(String statusBucket) {
			this.statusBucket = statusBucket;
		}

		public Duration getStopTimeout() {
			return this.stopTimeout;
		}

		public void setStopTimeout(Duration stopTimeout) {
			this.stopTimeout = stopTimeout;
		}

		public long getLagThreshold() {
			return this.lagThreshold;
		}

		public void setLagThreshold(long lagThreshold) {
			this.lagThreshold = lagThreshold;
		}

		public Duration getPinnedTtl() {
			return this.pinnedTtl;
		}

		public void setPinnedTtl(Duration pinnedTtl) {
			this.pinnedTtl = pinnedTtl;
		}

		/**
		 * The projection options these properties describe.
		 * @return the options
		 */
		public ProjectionOptions toProjectionOptions() {
			return ProjectionOptions.builder()
				.batchSize(this.batchSize)
				.ackWait(this.ackWait)
				.maxAckPending(this.maxAckPending)
				.handlerAttempts(this.handlerAttempts)
				.retryBackoff(this.retryBackoff)
				.failurePolicy(this.failurePolicy)
				.statusBucket(this.statusBucket)
				.stopTimeout(this.stopTimeout)
				.pinnedTtl(this.pinnedTtl)
				.build();
		}

	}

	/**
	 * Routed event handler (@EventRoute) properties.
	 */
	public static class Routes {

		/**
		 * Whether the @EventRoute methods of beans receive events in this application.
		 */
		private boolean enabled = true;

		/**
		 * Number of times a failing handler is called for one event before the event is
		 * parked.
		 */
		private int attempts = 3;

		/**
		 * Pause after the first failed attempt; doubled after each further one.
		 */
		private Duration initialBackoff = Duration.ofMillis(200);

		/**
		 * Longest pause between two attempts.
		 */
		private Duration maxBackoff = Duration.ofSeconds(10);

		/**
		 * Name of the key-value bucket holding parked events, keyed {group}.{sequence}.
		 */
		private String parkedBucket = "cim-parked";

		/**
		 * First part of each handler group's durable consumer name ({prefix}-{group}).
		 */
		private String consumerPrefix = "cim-route";

		/**
		 * Number of events a group fetches per request.
		 */
		private int batchSize = 32;

		/**
		 * Time the server waits for an event's acknowledgement before redelivering it;
		 * longer than a batch's handling, retries included.
		 */
		private Duration ackWait = Duration.ofSeconds(60);

		/**
		 * Time the instance consuming a group may go without asking for events before the
		 * server hands the group to another instance.
		 */
		private Duration pinnedTtl = Duration.ofSeconds(5);

		/**
		 * Time a shutdown waits for each group to finish the events in hand.
		 */
		private Duration stopTimeout = Duration.ofSeconds(10);

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public int getAttempts() {
			return this.attempts;
		}

		public void setAttempts(int attempts) {
			this.attempts = attempts;
		}

		public Duration getInitialBackoff() {
			return this.initialBackoff;
		}

		public void setInitialBackoff(Duration initialBackoff) {
			this.initialBackoff = initialBackoff;
		}

		public Duration getMaxBackoff() {
			return this.maxBackoff;
		}

		public void setMaxBackoff(Duration maxBackoff) {
			this.maxBackoff = maxBackoff;
		}

		public String getParkedBucket() {
			return this.parkedBucket;
		}

		public void setParkedBucket(String parkedBucket) {
			this.parkedBucket = parkedBucket;
		}

		public String getConsumerPrefix() {
			return this.consumerPrefix;
		}

		public void setConsumerPrefix(String consumerPrefix) {
			this.consumerPrefix = consumerPrefix;
		}

		public int getBatchSize() {
			return this.batchSize;
		}

		public void setBatchSize(int batchSize) {
			this.batchSize = batchSize;
		}

		public Duration getAckWait() {
			return this.ackWait;
		}

		public void setAckWait(Duration ackWait) {
			this.ackWait = ackWait;
		}

		public Duration getPinnedTtl() {
			return this.pinnedTtl;
		}

		public void setPinnedTtl(Duration pinnedTtl) {
			this.pinnedTtl = pinnedTtl;
		}

		public Duration getStopTimeout() {
			return this.stopTimeout;
		}

		public void setStopTimeout(Duration stopTimeout) {
			this.stopTimeout = stopTimeout;
		}

		/**
		 * The engine's options from these properties.
		 * @return the options
		 * @throws IllegalArgumentException naming a value out of range
		 */
		public EventRouteOptions toEventRouteOptions() {
			EventRouteOptions defaults = EventRouteOptions.defaults();
			return new EventRouteOptions(this.attempts, this.initialBackoff, this.maxBackoff, this.parkedBucket,
					this.consumerPrefix, this.batchSize, this.ackWait, defaults.fetchTimeout(), this.pinnedTtl,
					this.stopTimeout);
		}

	}

	/**
	 * Snapshot properties.
	 */
	public static class Snapshots {

		/**
		 * Write a snapshot each time an aggregate's version crosses a multiple of this; 0
		 * for snapshots on request only.
		 */
		private int every = 100;

		public int getEvery() {
			return this.every;
		}

		public void setEvery(int every) {
			this.every = every;
		}

	}

	/**
	 * Aggregate state properties.
	 */
	public static class State {

		/**
		 * Largest encoded state written as one message (to the state stream, or as one
		 * snapshot in the snapshot bucket), in bytes; larger states are not written to
		 * the state stream and their snapshots go to the snapshot object bucket. 0
		 * derives it from the server's max payload less 2 KiB for headers, which also
		 * caps any larger value.
		 */
		private int maxBytes;

		public int getMaxBytes() {
			return this.maxBytes;
		}

		public void setMaxBytes(int maxBytes) {
			this.maxBytes = maxBytes;
		}

	}

	/**
	 * NATS connection properties.
	 */
	public static class Nats {

		/**
		 * NATS server URL, or a comma-separated list of URLs of one cluster. When set, no
		 * embedded server is launched.
		 */
		private String url = "nats://localhost:4222";

		/**
		 * Login user of the server.
		 */
		private @Nullable String username;

		/**
		 * Login password of the server.
		 */
		private @Nullable String password;

		/**
		 * Authentication token of the server.
		 */
		private @Nullable String token;

		/**
		 * Location of a NATS credentials file (.creds: user JWT and NKey seed), for
		 * example file:/run/secrets/app.creds; used instead of the nkey when both are
		 * set.
		 */
		private @Nullable Resource credentials;

		/**
		 * NKey seed of the user (starting with SU), used to sign the server's challenge;
		 * not the public key the server's configuration names.
		 */
		private @Nullable String nkey;

		/**
		 * Time allowed to establish the connection.
		 */
		private Duration connectionTimeout = Duration.ofSeconds(2);

		/**
		 * Interval between the pings that detect a server which stopped answering without
		 * closing the connection; after two unanswered pings the client reconnects to
		 * another server.
		 */
		private Duration pingInterval = Duration.ofSeconds(5);

		/**
		 * Name of the connection, as shown by the server's monitoring.
		 */
		private @Nullable String connectionName;

		/**
		 * Whether the application's readiness state is REFUSING_TRAFFIC while the
		 * connection to NATS is lost, and ACCEPTING_TRAFFIC again once it reconnects.
		 */
		private boolean readinessFollowsConnection = true;

		private final Ssl ssl = new Ssl();

		private final Embedded embedded = new Embedded();

		public String getUrl() {
			return this.url;
		}

		public void setUrl(String url) {
			this.url = url;
		}

		public @Nullable String getUsername() {
			return this.username;
		}

		public void setUsername(@Nullable String username) {
			this.username = username;
		}

		public @Nullable String getPassword() {
			return this.password;
		}

		public void setPassword(@Nullable String password) {
			this.password = password;
		}

		public @Nullable String getToken() {
			return this.token;
		}

		public void setToken(@Nullable String token) {
			this.token = token;
		}

		public @Nullable Resource getCredentials() {
			return this.credentials;
		}

		public void setCredentials(@Nullable Resource credentials) {
			this.credentials = credentials;
		}

		public @Nullable String getNkey() {
			return this.nkey;
		}

		public void setNkey(@Nullable String nkey) {
			this.nkey = nkey;
		}

		public Duration getConnectionTimeout() {
			return this.connectionTimeout;
		}

		public void setConnectionTimeout(Duration connectionTimeout) {
			this.connectionTimeout = connectionTimeout;
		}

		public Duration getPingInterval() {
			return this.pingInterval;
		}

		public void setPingInterval(Duration pingInterval) {
			this.pingInterval = pingInterval;
		}

		public @Nullable String getConnectionName() {
			return this.connectionName;
		}

		public void setConnectionName(@Nullable String connectionName) {
			this.connectionName = connectionName;
		}

		public boolean isReadinessFollowsConnection() {
			return this.readinessFollowsConnection;
		}

		public void setReadinessFollowsConnection(boolean readinessFollowsConnection) {
			this.readinessFollowsConnection = readinessFollowsConnection;
		}

		public Ssl getSsl() {
			return this.ssl;
		}

		public Embedded getEmbedded() {
			return this.embedded;
		}

	}

	/**
	 * TLS properties of the NATS connection.
	 */
	public static class Ssl {

		/**
		 * Name of the SSL bundle (spring.ssl.bundle.*) that secures the connection with
		 * TLS.
		 */
		private @Nullable String bundle;

		public @Nullable String getBundle() {
			return this.bundle;
		}

		public void setBundle(@Nullable String bundle) {
			this.bundle = bundle;
		}

	}

	/**
	 * Properties of a locally launched nats-server.
	 */
	public static class Embedded {

		/**
		 * Whether to launch a local nats-server with JetStream when no URL is configured.
		 */
		private boolean enabled;

		/**
		 * Path of the nats-server executable; searched for (NATS_SERVER_BINARY, the
		 * project's .tools directory, the PATH) when not set.
		 */
		private @Nullable Path binary;

		/**
		 * Client port of the local server, 0 for a free port.
		 */
		private int port;

		/**
		 * Directory of the local server's JetStream data, kept across restarts; a
		 * temporary directory deleted on shutdown when not set.
		 */
		private @Nullable Path storeDir;

		/**
		 * Time allowed for the local server to become ready.
		 */
		private Duration startupTimeout = Duration.ofSeconds(10);

		/**
		 * Port of the local server's HTTP monitoring endpoint (/varz, /healthz), 0 for a
		 * free port; no monitoring endpoint when not set.
		 */
		private @Nullable Integer monitorPort;

		/**
		 * Restart of the local server when its process exits unexpectedly.
		 */
		private final Restart restart = new Restart();

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public @Nullable Path getBinary() {
			return this.binary;
		}

		public void setBinary(@Nullable Path binary) {
			this.binary = binary;
		}

		public int getPort() {
			return this.port;
		}

		public void setPort(int port) {
			this.port = port;
		}

		public @Nullable Path getStoreDir() {
			return this.storeDir;
		}

		public void setStoreDir(@Nullable Path storeDir) {
			this.storeDir = storeDir;
		}

		public Duration getStartupTimeout() {
			return this.startupTimeout;
		}

		public void setStartupTimeout(Duration startupTimeout) {
			this.startupTimeout = startupTimeout;
		}

		public @Nullable Integer getMonitorPort() {
			return this.monitorPort;
		}

		public void setMonitorPort(@Nullable Integer monitorPort) {
			this.monitorPort = monitorPort;
		}

		public Restart getRestart() {
			return this.restart;
		}

		/**
		 * Restart of a locally launched nats-server whose process exited unexpectedly.
		 */
		public static class Restart {

			/**
			 * Whether to start the local server again, on the same port and store
			 * directory, when its process exits without being stopped.
			 */
			private boolean enabled = true;

			/**
			 * Pause before the first restart attempt; it doubles after each failed
			 * attempt or early exit.
			 */
			private Duration initialBackoff = Duration.ofMillis(100);

			/**
			 * Longest pause between two restart attempts.
			 */
			private Duration maxBackoff = Duration.ofSeconds(10);

			public boolean isEnabled() {
				return this.enabled;
			}

			public void setEnabled(boolean enabled) {
				this.enabled = enabled;
			}

			public Duration getInitialBackoff() {
				return this.initialBackoff;
			}

			public void setInitialBackoff(Duration initialBackoff) {
				this.initialBackoff = initialBackoff;
			}

			public Duration getMaxBackoff() {
				return this.maxBackoff;
			}

			public void setMaxBackoff(Duration maxBackoff) {
				this.maxBackoff = maxBackoff;
			}

		}

	}

}
