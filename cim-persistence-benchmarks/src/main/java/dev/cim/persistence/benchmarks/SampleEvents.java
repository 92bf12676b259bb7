package dev.cim.persistence.benchmarks;

import java.util.ArrayList;
import java.util.List;

import dev.cim.persistence.nats.StoreSubjects;
import io.nats.client.Message;
import io.nats.client.api.MessageInfo;
import io.nats.client.impl.Headers;
import io.nats.client.impl.NatsMessage;

/**
 * Events exactly as the repository stored them (headers and bodies), copied onto new
 * aggregates for the raw baselines, so that both sides send the same bytes.
 */
final class SampleEvents {

	private static final String MESSAGE_ID = "Nats-Msg-Id";

	private static final String EXPECTED_SEQUENCE = "Nats-Expected-Last-Subject-Sequence";

	private static final String EXPECTED_SUBJECT = "Nats-Expected-Last-Subject-Sequence-Subject";

	private final List<MessageInfo> samples;

	private final StoreSubjects subjects;

	/**
	 * Keep stored events as samples.
	 * @param samples the stored messages of one aggregate, in order
	 * @param subjects the store's subjects
	 */
	SampleEvents(List<MessageInfo> samples, StoreSubjects subjects) {
		this.samples = List.copyOf(samples);
		this.subjects = subjects;
	}

	/**
	 * The samples as messages of a new aggregate: the same headers and bodies, with a new
	 * subject, a new message id of the same length and, on the first, the expectation
	 * that the aggregate has no events yet.
	 * @param aggregateId the new aggregate's id
	 * @return the messages
	 */
	List<Message> forNewAggregate(String aggregateId) {
		List<Message> messages = new ArrayList<>(this.samples.size());
		for (int i = 0; i < this.samples.size(); i++) {
			MessageInfo sample = this.samples.get(i);
			Headers headers = new Headers();
			for (String key : sample.getHeaders().keySet()) {
				headers.put(key, sample.getHeaders().get(key));
			}
			headers.remove(EXPECTED_SEQUENCE, EXPECTED_SUBJECT);
			String sampleId = sample.getHeaders().getFirst(MESSAGE_ID);
			headers.put(MESSAGE_ID, (aggregateId + "-" + sampleId).substring(0, sampleId.length()));
			if (i == 0) {
				headers.put(EXPECTED_SEQUENCE, "0");
				headers.put(EXPECTED_SUBJECT, this.subjects.aggregateEvents("bench", "Ledger", aggregateId));
			}
			String eventType = sample.getHeaders().getFirst("Cim-Event-Type");
			messages.add(NatsMessage.builder()
				.subject(this.subjects.event("bench", "Ledger", aggregateId, eventType, i + 1L))
				.headers(headers)
				.data(sample.getData())
				.build());
		}
		return messages;
	}

}
