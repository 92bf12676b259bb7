package dev.cim.persistence.eventroute;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cim.persistence.event.StoreObjectMappers;
import dev.cim.persistence.nats.KeyValueBuckets;
import dev.cim.persistence.nats.NatsExceptionTranslator;
import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.KeyValue;
import io.nats.client.api.KeyValueEntry;
import io.nats.client.api.KeyValueOperation;

/**
 * The dead-letter bucket: one key per parked event, {@code {group}.{sequence}}, its value
 * a {@link ParkedEvent} as JSON. Thread-safe.
 */
final class ParkedEventStore {

	private final KeyValue bucket;

	private final String name;

	private final ObjectMapper mapper = StoreObjectMappers.forEvents();

	ParkedEventStore(Connection connection, String name, int replicas) {
		this.name = name;
		this.bucket = KeyValueBuckets.openOrCreate(connection, name, "CIM persistence parked events", replicas);
	}

	void put(ParkedEvent event) {
		try {
			this.bucket.put(event.key(), this.mapper.writeValueAsBytes(event));
		}
		catch (IOException | JetStreamApiException | IllegalStateException ex) {
			throw NatsExceptionTranslator.translate("parking " + event.key() + " in " + this.name, ex);
		}
	}

	Optional<ParkedEvent> find(String group, long sequence) {
		return read(group + "." + sequence);
	}

	boolean delete(String group, long sequence) {
		String key = group + "." + sequence;
		if (read(key).isEmpty()) {
			return false;
		}
		try {
			this.bucket.delete(key);
			return true;
		}
		catch (IOException | JetStreamApiException | IllegalStateException ex) {
			throw NatsExceptionTranslator.translate("deleting " + key + " from " + this.name, ex);
		}
	}

	/**
	 * The parked events of one group, or of all groups, by group and sequence.
	 */
	List<ParkedEvent> list(String groupOrAll) {
		List<String> keys;
		try {
			keys = "*".equals(groupOrAll) ? this.bucket.keys() : this.bucket.keys(groupOrAll + ".*");
		}
		catch (IOException | JetStreamApiException | InterruptedException | IllegalStateException ex) {
			if (ex instanceof InterruptedException) {
				Thread.currentThread().interrupt();
			}
			throw NatsExceptionTranslator.translate("listing " + this.name, ex);
		}
		List<ParkedEvent> events = new ArrayList<>();
		for (String key : keys) {
			read(key).ifPresent(events::add);
		}
		events.sort(Comparator.comparing(ParkedEvent::group).thenComparingLong(ParkedEvent::sequence));
		return events;
	}

	private Optional<ParkedEvent> read(String key) {
		try {
			KeyValueEntry entry = this.bucket.get(key);
			if (entry == null || entry.getOperation() != KeyValueOperation.PUT || entry.getValue() == null) {
				return Optional.empty();
			}
			return Optional.of(this.mapper.readValue(entry.getValue(), ParkedEvent.class));
		}
		catch (IOException | JetStreamApiException | IllegalStateException ex) {
			throw NatsExceptionTranslator.translate("reading " + key + " from " + this.name, ex);
		}
	}

}
