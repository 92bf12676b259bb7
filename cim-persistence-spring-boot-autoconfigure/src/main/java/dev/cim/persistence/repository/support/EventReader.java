package dev.cim.persistence.repository.support;

import dev.cim.persistence.nats.UndecodableEventException;
import dev.cim.persistence.nats.NatsExceptionTranslator;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import dev.cim.persistence.event.EventBlock;
import dev.cim.persistence.event.EventBlockCodec;
import dev.cim.persistence.event.EventFormatException;
import dev.cim.persistence.nats.JetStreamErrors;
import dev.cim.persistence.nats.StoreSubjects;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.Message;
import io.nats.client.api.MessageInfo;
import dev.cim.persistence.repository.AggregateRef;

/**
 * Reads an aggregate's events: its head (one direct get of the last message on its
 * subjects), the event at a version, and its history in bulk, decoded or as stored.
 */
final class EventReader {

	private final String stream;

	private final StoreSubjects subjects;

	private final EventBlockCodec codec;

	private final JetStreamManagement management;

	private final EventHistoryReader historyReader;

	EventReader(String stream, StoreSubjects subjects, EventBlockCodec codec, JetStreamManagement management,
			EventHistoryReader historyReader) {
		this.stream = stream;
		this.subjects = subjects;
		this.codec = codec;
		this.management = management;
		this.historyReader = historyReader;
	}

	EventBlockCodec codec() {
		return this.codec;
	}

	/**
	 * The newest message of an aggregate as stored, not decoded: a head needs only its
	 * subject, sequence and bytes.
	 */
	Optional<RawEvent> lastRaw(AggregateRef aggregate) {
		return lastMessage(aggregateEvents(aggregate), "reading the head of " + aggregate)
			.map((info) -> new RawEvent(info.getSubject(), info.getHeaders(), info.getData(), info.getSeq(),
					info.getTime().toInstant()));
	}

	Optional<EventHead> head(AggregateRef aggregate) {
		return lastRaw(aggregate).map(this::headOf);
	}

	/**
	 * The head a stored message stands for, without decoding its body: the version is the
	 * subject's last token, the CID is computed from the bytes.
	 */
	EventHead headOf(RawEvent event) {
		return new EventHead(StoreSubjects.versionOf(event.subject()), event.sequence(),
				this.codec.cidOf(event.body()));
	}

	RecordedEvent decode(RawEvent event) {
		return decode(event.subject(), event.body(), event.sequence(), event.storedAt());
	}

	Optional<RecordedEvent> eventAt(AggregateRef aggregate, long version) {
		String subject = aggregateEvents(aggregate).replace(">", "*." + version);
		return lastMessage(subject, "reading version " + version + " of " + aggregate)
			.map((info) -> decode(info.getSubject(), info.getData(), info.getSeq(), info.getTime().toInstant()));
	}

	/**
	 * An aggregate's events between two versions, inclusive, read in bulk after its head.
	 */
	List<RecordedEvent> history(AggregateRef aggregate, long fromVersion, long toVersion) {
		if (fromVersion < 1 || toVersion < fromVersion) {
			throw new IllegalArgumentException(
					"version range " + fromVersion + ".." + toVersion + " of " + aggregate + " is empty or below 1");
		}
		Optional<EventHead> head = head(aggregate);
		if (head.isEmpty() || head.get().version() < fromVersion) {
			return List.of();
		}
		return history(aggregate, fromVersion, toVersion, 1, head.get().sequence());
	}

	/**
	 * An aggregate's events from a known stream position up to a known head, without
	 * reading the head first.
	 */
	List<RecordedEvent> history(AggregateRef aggregate, long fromVersion, long toVersion, long startSequence,
			long headSequence) {
		if (startSequence > headSequence || fromVersion > toVersion) {
			return List.of();
		}
		return this.historyReader.read(aggregate, fromVersion, toVersion, startSequence, headSequence, this::decode);
	}

	/**
	 * An aggregate's stored messages as they are, without decoding them; empty when it
	 * has none.
	 */
	List<RawEvent> rawHistory(AggregateRef aggregate) {
		Optional<MessageInfo> head = lastMessage(aggregateEvents(aggregate), "reading the head of " + aggregate);
		if (head.isEmpty()) {
			return List.of();
		}
		return this.historyReader.read(aggregate, 1, Long.MAX_VALUE, 1, head.get().getSeq(),
				(message) -> new RawEvent(message.getSubject(), message.getHeaders(), message.getData(),
						message.metaData().streamSequence(), message.metaData().timestamp().toInstant()));
	}

	private RecordedEvent decode(Message message) {
		return decode(message.getSubject(), message.getData(), message.metaData().streamSequence(),
				message.metaData().timestamp().toInstant());
	}

	RecordedEvent decode(String subject, byte[] body, long sequence, Instant storedAt) {
		EventBlock block;
		try {
			block = this.codec.decode(body);
		}
		catch (EventFormatException | IllegalArgumentException ex) {
			throw new UndecodableEventException(subject, sequence, ex);
		}
		AggregateRef aggregate = new AggregateRef(block.context(), block.aggregateType(), block.aggregateId());
		return new RecordedEvent(aggregate, block.version(), block.type(), block.schema(), block.data(),
				this.codec.cidOf(body), block.prev(), block.meta(), sequence, storedAt, subject, body);
	}

	private String aggregateEvents(AggregateRef aggregate) {
		return this.subjects.aggregateEvents(aggregate.context(), aggregate.type(), aggregate.id());
	}

	private Optional<MessageInfo> lastMessage(String subject, String action) {
		try {
			return Optional.of(this.management.getLastMessage(this.stream, subject));
		}
		catch (JetStreamApiException ex) {
			if (JetStreamErrors.is(ex, JetStreamErrors.NO_MESSAGE_FOUND)) {
				return Optional.empty();
			}
			throw NatsExceptionTranslator.translate(action, ex);
		}
		catch (IOException | IllegalStateException ex) {
			throw NatsExceptionTranslator.translate(action, ex);
		}
	}

}
