package dev.cim.persistence.repository.support;

import java.util.ArrayList;
import java.util.List;

import dev.cim.persistence.event.EncodedEvent;
import dev.cim.persistence.event.EventBlock;
import dev.cim.persistence.nats.StoreSubjects;
import io.nats.client.Message;
import io.nats.client.impl.Headers;
import io.nats.client.impl.NatsMessage;
import dev.cim.persistence.repository.AggregateRef;

/**
 * The wire format of an append: one message per event, its subject
 * {@code cim.events.{context}.{aggregate}.{id}.{type}.{version}}, its body the encoded
 * block, and its headers: {@code Nats-Msg-Id} (the CID, so a re-sent message is the same
 * message), {@code Cim-Cid}, {@code Cim-Prev-Cid}, {@code Cim-Event-Type},
 * {@code Cim-Schema}, {@code Content-Type}, and on the first message the expectation on
 * the aggregate's last subject sequence.
 *
 * <p>
 * The headers are written as headers rather than through jnats {@code PublishOptions}
 * because an atomic batch is sent as plain messages, and one format serves both.
 */
final class EventMessages {

	static final String EXPECTED_LAST_SUBJECT_SEQUENCE = "Nats-Expected-Last-Subject-Sequence";

	static final String EXPECTED_LAST_SUBJECT_SEQUENCE_SUBJECT = "Nats-Expected-Last-Subject-Sequence-Subject";

	private final StoreSubjects subjects;

	private final String contentType;

	EventMessages(StoreSubjects subjects, String contentType) {
		this.subjects = subjects;
		this.contentType = contentType;
	}

	List<Message> of(PreparedAppend append) {
		AggregateRef aggregate = append.aggregate();
		List<Message> messages = new ArrayList<>(append.events().size());
		for (EncodedEvent event : append.events()) {
			EventBlock block = event.block();
			Headers headers = new Headers();
			headers.put("Nats-Msg-Id", (event.cid() != null) ? event.cid().toString() : block.meta().eventId());
			if (event.cid() != null) {
				headers.put("Cim-Cid", event.cid().toString());
			}
			if (block.prev() != null) {
				headers.put("Cim-Prev-Cid", block.prev().toString());
			}
			headers.put("Cim-Event-Type", block.type());
			headers.put("Cim-Schema", Integer.toString(block.schema()));
			headers.put("Content-Type", this.contentType);
			if (messages.isEmpty()) {
				headers.put(EXPECTED_LAST_SUBJECT_SEQUENCE, Long.toString(append.expected().sequence()));
				headers.put(EXPECTED_LAST_SUBJECT_SEQUENCE_SUBJECT, aggregateEvents(aggregate));
			}
			messages.add(NatsMessage.builder()
				.subject(subjectOf(aggregate, block))
				.headers(headers)
				.data(event.bytes())
				.build());
		}
		return messages;
	}

	String subjectOf(AggregateRef aggregate, EventBlock block) {
		return this.subjects.event(aggregate.context(), aggregate.type(), aggregate.id(), block.type(),
				block.version());
	}

	String aggregateEvents(AggregateRef aggregate) {
		return this.subjects.aggregateEvents(aggregate.context(), aggregate.type(), aggregate.id());
	}

}
