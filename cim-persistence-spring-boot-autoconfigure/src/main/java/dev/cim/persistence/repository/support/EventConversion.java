package dev.cim.persistence.repository.support;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cim.persistence.nats.UndecodableEventException;
import dev.cim.persistence.event.EventMeta;
import dev.cim.persistence.event.EventType;
import dev.cim.persistence.event.StoreObjectMappers;
import dev.cim.persistence.ipld.Cid;
import dev.cim.persistence.ipld.IpldCodec;
import org.jspecify.annotations.Nullable;
import dev.cim.persistence.repository.AggregateMetadata;
import dev.cim.persistence.repository.EventMetadata;
import dev.cim.persistence.repository.EventSourced;
import dev.cim.persistence.repository.LoadSource;
import dev.cim.persistence.repository.StoredEvent;

/**
 * Converts between an aggregate type's Java objects and what is stored: events to and
 * from their trees, the aggregate to and from its state document, and stored events to
 * what an application sees.
 *
 * @param <T> the aggregate type
 */
final class EventConversion<T extends EventSourced<?>> {

	private final AggregateDescriptor<T> descriptor;

	private final IpldCodec stateCodec;

	private final ObjectMapper eventMapper = StoreObjectMappers.forEvents();

	private final ObjectMapper stateMapper = StoreObjectMappers.forState();

	private final String name;

	EventConversion(AggregateDescriptor<T> descriptor, IpldCodec stateCodec) {
		this.descriptor = descriptor;
		this.stateCodec = stateCodec;
		this.name = descriptor.toString();
	}

	AggregateDescriptor<T> descriptor() {
		return this.descriptor;
	}

	NewEvent toNewEvent(Object event) {
		Objects.requireNonNull(event, "event");
		EventType type = this.descriptor.events()
			.forClass(event.getClass())
			.orElseThrow(() -> new IllegalArgumentException(
					event.getClass().getName() + " is not an event of " + this.name + " (its events are "
							+ this.descriptor.events().types().stream().map(EventType::name).toList() + ")"));
		JsonNode data = this.eventMapper.valueToTree(event);
		return new NewEvent(type.name(), type.schema(), data);
	}

	/**
	 * Read a stored event as its class.
	 * @throws org.springframework.dao.DataRetrievalFailureException when the event has no
	 * class, a newer schema than its class, or a payload its class cannot read
	 */
	Object toEvent(RecordedEvent stored) {
		EventType type = this.descriptor.events()
			.forName(stored.type())
			.orElseThrow(() -> new UndecodableEventException(stored.subject(), stored.sequence(),
					new IllegalStateException("event type " + stored.type() + " of " + stored.aggregate()
							+ " has no class among the events of " + this.name)));
		if (stored.schema() > type.schema()) {
			throw new UndecodableEventException(stored.subject(), stored.sequence(), new IllegalStateException("event "
					+ stored.type() + " has schema " + stored.schema() + ", newer than the known " + type.schema()));
		}
		try {
			return this.eventMapper.treeToValue(stored.data(), type.javaType());
		}
		catch (JsonProcessingException | IllegalArgumentException ex) {
			throw new UndecodableEventException(stored.subject(), stored.sequence(), new IllegalStateException(
					"it cannot be read as " + type.javaType().getName() + ": " + ex.getMessage(), ex));
		}
	}

	@SuppressWarnings({ "unchecked", "rawtypes" })
	void apply(T aggregate, Object event) {
		if (!this.descriptor.eventType().isInstance(event)) {
			throw new IllegalArgumentException(event.getClass().getName() + " is not a "
					+ this.descriptor.eventType().getName() + " of " + this.name);
		}
		((EventSourced) aggregate).apply(event);
	}

	void applyAll(T aggregate, List<RecordedEvent> events) {
		for (RecordedEvent event : events) {
			apply(aggregate, toEvent(event));
		}
	}

	T fromDocument(StateDocument document) {
		try {
			return this.stateMapper.treeToValue(document.state(), this.descriptor.aggregateClass());
		}
		catch (JsonProcessingException | IllegalArgumentException ex) {
			throw new IllegalStateException(
					"the stored state of a " + this.name + " cannot be read: " + ex.getMessage(), ex);
		}
	}

	/**
	 * The state document of an aggregate at a head.
	 * @throws IllegalArgumentException when the state cannot be encoded
	 */
	StateDocument document(T aggregate, EventHead head) {
		return StateDocument.of(this.stateMapper.valueToTree(aggregate), head, this.descriptor.fingerprint(),
				this.stateCodec);
	}

	StoredEvent toStoredEvent(RecordedEvent stored) {
		EventMeta meta = stored.meta();
		return new StoredEvent(stored.aggregate(), stored.version(), stored.type(), stored.schema(), toEvent(stored),
				stored.body(), text(stored.cid()), text(stored.prev()), new EventMetadata(meta.eventId(),
						meta.timestamp(), meta.correlationId(), meta.causationId(), meta.user()),
				stored.sequence(), stored.storedAt(), stored.subject());
	}

	static AggregateMetadata metadata(String id, EventHead head, @Nullable RecordedEvent headEvent, LoadSource source) {
		return new AggregateMetadata(id, head.version(), head.sequence(), text(head.cid()),
				(headEvent != null) ? headEvent.meta().timestamp() : Instant.EPOCH, source);
	}

	/**
	 * The head a save of an aggregate with this metadata expects.
	 */
	static EventHead head(AggregateMetadata metadata) {
		Cid cid = (metadata.headCid() != null) ? Cid.parse(metadata.headCid()) : null;
		return new EventHead(metadata.version(), metadata.sequence(), cid);
	}

	static @Nullable String text(@Nullable Cid cid) {
		return (cid != null) ? cid.toString() : null;
	}

}
