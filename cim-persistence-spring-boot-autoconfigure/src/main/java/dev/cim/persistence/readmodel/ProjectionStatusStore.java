package dev.cim.persistence.readmodel;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cim.persistence.event.StoreObjectMappers;
import dev.cim.persistence.nats.KeyValueBuckets;
import dev.cim.persistence.nats.NatsExceptionTranslator;
import dev.cim.persistence.nats.NatsRepositoryConfig;
import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.KeyValue;
import io.nats.client.api.KeyValueEntry;
import io.nats.client.api.KeyValueOperation;

import org.springframework.dao.DataRetrievalFailureException;

/**
 * Reads and writes projection status in the projection-status bucket, one key per
 * projection (the read-model type). Thread-safe.
 */
public class ProjectionStatusStore {

	private final KeyValue bucket;

	private final ObjectMapper mapper = StoreObjectMappers.forEvents();

	/**
	 * Open the status bucket, creating it when it is missing (history 1, file storage,
	 * the configuration's replicas).
	 * @param connection the connection
	 * @param config the layout, for the number of replicas
	 * @param options the options naming the bucket
	 * @throws org.springframework.dao.DataAccessException when the bucket cannot be
	 * opened or created
	 */
	public ProjectionStatusStore(Connection connection, NatsRepositoryConfig config, ProjectionOptions options) {
		this.bucket = KeyValueBuckets.openOrCreate(connection, options.statusBucket(),
				"CIM persistence projection status", config.replicas());
	}

	/**
	 * The status of one projection.
	 * @param name the projection's name, the read-model type
	 * @return the status, or empty when the projection never ran
	 * @throws org.springframework.dao.DataAccessException when the bucket cannot be read
	 */
	public Optional<ProjectionStatus> find(String name) {
		try {
			KeyValueEntry entry = this.bucket.get(name);
			if (entry == null || entry.getOperation() != KeyValueOperation.PUT) {
				return Optional.empty();
			}
			return Optional.of(this.mapper.readValue(entry.getValue(), ProjectionStatus.class));
		}
		catch (JetStreamApiException ex) {
			throw NatsExceptionTranslator.translate("reading the status of projection " + name, ex);
		}
		catch (IllegalStateException ex) {
			throw NatsExceptionTranslator.translate("reading the status of projection " + name, ex);
		}
		catch (IOException ex) {
			if (ex instanceof com.fasterxml.jackson.core.JsonProcessingException) {
				throw new DataRetrievalFailureException("the status of projection " + name + " cannot be read", ex);
			}
			throw NatsExceptionTranslator.translate("reading the status of projection " + name, ex);
		}
	}

	/**
	 * The status of every projection that ever ran.
	 * @return the statuses, ordered by name
	 * @throws org.springframework.dao.DataAccessException when the bucket cannot be read
	 */
	public List<ProjectionStatus> findAll() {
		List<String> names;
		try {
			names = new ArrayList<>(this.bucket.keys());
		}
		catch (IOException | JetStreamApiException | InterruptedException | IllegalStateException ex) {
			throw NatsExceptionTranslator.translate("listing projections", ex);
		}
		names.sort(null);
		List<ProjectionStatus> statuses = new ArrayList<>();
		for (String name : names) {
			find(name).ifPresent(statuses::add);
		}
		return statuses;
	}

	void write(ProjectionStatus status) {
		try {
			this.bucket.put(status.name(), this.mapper.writeValueAsBytes(status));
		}
		catch (IOException | JetStreamApiException | IllegalStateException ex) {
			throw NatsExceptionTranslator.translate("writing the status of projection " + status.name(), ex);
		}
	}

}
