package dev.cim.persistence.nats;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.nats.client.impl.Headers;
import org.junit.jupiter.api.Test;

import org.springframework.dao.DataRetrievalFailureException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class DirectMessageTests {

	@Test
	void fromAnswerReadsTheServersHeadersAndKeepsOnlyTheStoredOnes() {
		Headers answer = new Headers().add("Cim-Cid", "bafy1")
			.add("Nats-Stream", "EVENTS")
			.add("Nats-Subject", "e.o-1.Placed.1")
			.add("Nats-Sequence", "42")
			.add("Nats-Time-Stamp", "2026-12-02T17:41:37.123456789Z")
			.add("Nats-Num-Pending", "3")
			.add("Nats-Last-Sequence", "40");
		DirectMessage message = DirectMessage.fromAnswer(answer, new byte[] { 1, 2 });
		assertThat(message.subject()).isEqualTo("e.o-1.Placed.1");
		assertThat(message.sequence()).isEqualTo(42);
		assertThat(message.time()).isEqualTo(Instant.parse("2026-12-02T17:41:37.123456789Z"));
		assertThat(message.headers()).containsExactly(Map.entry("Cim-Cid", List.of("bafy1")));
		assertThat(message.data()).containsExactly(1, 2);
	}

	@Test
	void fromAnswerKeepsAStoredHeaderThatHasTheNameOfOneTheServerAdds() {
		Headers answer = new Headers().add("Nats-Subject", "stored")
			.add("Nats-Stream", "S")
			.add("Nats-Subject", "a.b")
			.add("Nats-Sequence", "1")
			.add("Nats-Time-Stamp", "2026-12-02T17:41:37Z")
			.add("Nats-Num-Pending", "0")
			.add("Nats-Last-Sequence", "0");
		DirectMessage message = DirectMessage.fromAnswer(answer, new byte[0]);
		assertThat(message.subject()).isEqualTo("a.b");
		assertThat(message.header("Nats-Subject")).hasValue("stored");
	}

	@Test
	void fromAnswerWithoutASequenceIsARetrievalFailure() {
		Headers answer = new Headers().add("Nats-Subject", "a.b").add("Nats-Time-Stamp", "2026-12-02T17:41:37Z");
		assertThatExceptionOfType(DataRetrievalFailureException.class)
			.isThrownBy(() -> DirectMessage.fromAnswer(answer, new byte[0]))
			.withMessageContaining("Nats-Sequence");
	}

	@Test
	void fromAnswerWithAnUnreadableTimeIsARetrievalFailure() {
		Headers answer = new Headers().add("Nats-Subject", "a.b")
			.add("Nats-Sequence", "7")
			.add("Nats-Time-Stamp", "yesterday");
		assertThatExceptionOfType(DataRetrievalFailureException.class)
			.isThrownBy(() -> DirectMessage.fromAnswer(answer, new byte[0]))
			.withMessageContaining("'yesterday'");
	}

	@Test
	void deleteAndPurgeMarkersOfAKeyValueBucketAreRecognised() {
		assertThat(kv("DEL").isKvDeleteOrPurge()).isTrue();
		assertThat(kv("PURGE").isKvDeleteOrPurge()).isTrue();
		assertThat(kv("PUT").isKvDeleteOrPurge()).isFalse();
		assertThat(new DirectMessage("$KV.b.k", 1, Instant.EPOCH, Map.of(), new byte[0]).isKvDeleteOrPurge()).isFalse();
	}

	@Test
	void kvKeyIsTheSubjectAfterTheBucket() {
		assertThat(message("$KV.users.1234.name").kvKey()).hasValue("1234.name");
		assertThat(message("$KV.users").kvKey()).isEmpty();
		assertThat(message("$KV.users.").kvKey()).isEmpty();
		assertThat(message("cim.events.x").kvKey()).isEmpty();
	}

	@Test
	void messagesWithEqualBodiesAreEqual() {
		DirectMessage one = new DirectMessage("a", 1, Instant.EPOCH, Map.of(), new byte[] { 1 });
		assertThat(one).isEqualTo(new DirectMessage("a", 1, Instant.EPOCH, Map.of(), new byte[] { 1 }))
			.hasSameHashCodeAs(new DirectMessage("a", 1, Instant.EPOCH, Map.of(), new byte[] { 1 }))
			.isNotEqualTo(new DirectMessage("a", 1, Instant.EPOCH, Map.of(), new byte[] { 2 }));
		assertThat(one.toString()).contains("1 bytes");
	}

	private static DirectMessage kv(String operation) {
		return new DirectMessage("$KV.b.k", 1, Instant.EPOCH, Map.of("KV-Operation", List.of(operation)), new byte[0]);
	}

	private static DirectMessage message(String subject) {
		return new DirectMessage(subject, 1, Instant.EPOCH, Map.of(), new byte[0]);
	}

}
