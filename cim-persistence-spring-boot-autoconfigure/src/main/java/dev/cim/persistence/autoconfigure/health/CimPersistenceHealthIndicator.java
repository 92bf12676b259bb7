package dev.cim.persistence.autoconfigure.health;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

import dev.cim.persistence.nats.JetStreamErrors;
import dev.cim.persistence.nats.NatsRepositoryConfig;
import dev.cim.persistence.readmodel.ProjectionRunner;
import dev.cim.persistence.readmodel.ProjectionStatus;
import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.KeyValueManagement;
import io.nats.client.ObjectStoreManagement;
import io.nats.client.api.KeyValueStatus;
import io.nats.client.api.ObjectStoreStatus;
import io.nats.client.api.StreamInfo;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * Health of CIM persistence: the NATS connection (status and server URL, never
 * credentials) and the store's streams ({@code EVENTS}, {@code AGGREGATES}) and buckets
 * ({@code snapshots}, {@code readmodels}, the snapshot object bucket
 * {@code cim-snapshots}) with their message, entry and byte counts. Down when the
 * connection is not connected or a stream or bucket is missing.
 */
public class CimPersistenceHealthIndicator extends AbstractHealthIndicator {

	private static final Pattern USER_INFO = Pattern.compile("^([A-Za-z][A-Za-z0-9+.-]*://)[^@/]*@");

	private final Connection connection;

	private final NatsRepositoryConfig config;

	private final @Nullable ProjectionRunner projections;

	private final long lagThreshold;

	/**
	 * Create a health indicator.
	 * @param connection the connection the store uses
	 * @param config the store layout
	 */
	public CimPersistenceHealthIndicator(Connection connection, NatsRepositoryConfig config) {
		this(connection, config, null, Long.MAX_VALUE);
	}

	/**
	 * Create an indicator that also reports the projections: down when one is failed or
	 * lags beyond the threshold.
	 * @param connection the connection
	 * @param config the layout
	 * @param projections the projections, if any run here
	 * @param lagThreshold the lag beyond which a projection counts as down
	 */
	public CimPersistenceHealthIndicator(Connection connection, NatsRepositoryConfig config,
			@Nullable ProjectionRunner projections, long lagThreshold) {
		super("CIM persistence health check failed");
		this.connection = connection;
		this.config = config;
		this.projections = projections;
		this.lagThreshold = lagThreshold;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) throws Exception {
		Connection.Status status = this.connection.getStatus();
		builder.withDetail("connection", status.name());
		builder.withDetail("url", safeUrl(this.connection.getConnectedUrl()));
		if (status != Connection.Status.CONNECTED) {
			builder.down();
			return;
		}
		builder.withDetail("serverVersion", this.connection.getServerInfo().getVersion());
		JetStreamManagement jsm = this.connection.jetStreamManagement();
		KeyValueManagement kvm = this.connection.keyValueManagement();
		Map<String, Object> streams = new LinkedHashMap<>();
		Map<String, Object> buckets = new LinkedHashMap<>();
		boolean complete = stream(jsm, this.config.eventStreamName(), streams);
		complete &= stream(jsm, this.config.aggregateStreamName(), streams);
		complete &= bucket(kvm, this.config.snapshotBucket(), buckets);
		complete &= bucket(kvm, this.config.readModelBucket(), buckets);
		complete &= objectBucket(this.connection.objectStoreManagement(), this.config.snapshotObjectBucket(), buckets);
		builder.withDetail("streams", streams).withDetail("buckets", buckets);
		if (this.projections != null) {
			Map<String, Object> projections = new LinkedHashMap<>();
			for (ProjectionStatus projection : this.projections.statuses()) {
				boolean healthy = !projection.isFailed() && projection.lag() <= this.lagThreshold;
				complete &= healthy;
				projections.put(projection.name(),
						Map.of("state", projection.state().name(), "lag", projection.lag(), "lastSequence",
								projection.lastSequence(), "failures", projection.failures().size(), "healthy",
								healthy));
			}
			builder.withDetail("projections", projections);
		}
		if (complete) {
			builder.up();
		}
		else {
			builder.down();
		}
	}

	private static boolean stream(JetStreamManagement jsm, String name, Map<String, Object> details)
			throws IOException, JetStreamApiException {
		StreamInfo info = orNull(() -> jsm.getStreamInfo(name));
		if (info == null) {
			details.put(name, Map.of("exists", false));
			return false;
		}
		details.put(name, Map.of("exists", true, "messages", info.getStreamState().getMsgCount()));
		return true;
	}

	private static boolean bucket(KeyValueManagement kvm, String name, Map<String, Object> details)
			throws IOException, JetStreamApiException {
		KeyValueStatus status = orNull(() -> kvm.getStatus(name));
		if (status == null) {
			details.put(name, Map.of("exists", false));
			return false;
		}
		details.put(name, Map.of("exists", true, "entries", status.getEntryCount()));
		return true;
	}

	private static boolean objectBucket(ObjectStoreManagement osm, String name, Map<String, Object> details)
			throws IOException, JetStreamApiException {
		ObjectStoreStatus status = orNull(() -> osm.getStatus(name));
		if (status == null) {
			details.put(name, Map.of("exists", false));
			return false;
		}
		details.put(name, Map.of("exists", true, "bytes", status.getSize()));
		return true;
	}

	private static <T> @Nullable T orNull(Lookup<T> lookup) throws IOException, JetStreamApiException {
		try {
			return lookup.get();
		}
		catch (JetStreamApiException ex) {
			if (ex.getApiErrorCode() == JetStreamErrors.STREAM_NOT_FOUND) {
				return null;
			}
			throw ex;
		}
	}

	private static String safeUrl(@Nullable String url) {
		return (url != null) ? USER_INFO.matcher(url).replaceFirst("$1") : "(none)";
	}

	@FunctionalInterface
	private interface Lookup<T> {

		T get() throws IOException, JetStreamApiException;

	}

}
