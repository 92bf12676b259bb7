package dev.cim.persistence.repository.support;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.cim.persistence.event.EncodedEvent;
import dev.cim.persistence.event.EventBlock;
import dev.cim.persistence.event.EventBlockCodec;
import dev.cim.persistence.event.EventMeta;
import dev.cim.persistence.ipld.Cid;
import dev.cim.persistence.ipld.IpldCodec;
import dev.cim.persistence.nats.StoreSubjects;
import dev.cim.persistence.repository.AggregateRef;
import dev.cim.persistence.repository.ChainProblem;
import dev.cim.persistence.repository.ChainProblem.Kind;
import dev.cim.persistence.repository.ChainVerification;
import io.nats.client.Message;
import io.nats.client.impl.Headers;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ChainVerifier} on stored messages built in memory, one defect at a
 * time: each test asserts the one kind of problem the defect must produce, and nothing
 * else.
 */
class ChainVerifierTests {

	private static final AggregateRef ACCOUNT = new AggregateRef("bank", "Account", "a-1");

	private static final StoreSubjects SUBJECTS = new StoreSubjects("cim");

	private final EventBlockCodec codec = new EventBlockCodec(true, IpldCodec.DAG_JSON);

	private final ChainVerifier verifier = new ChainVerifier(this.codec, SUBJECTS);

	private final EventMessages messages = new EventMessages(SUBJECTS, this.codec.contentType());

	@Test
	void aSoundChainHasNoProblemAndItsHeadIsTheLastCid() {
		List<RawEvent> chain = chain(3);
		ChainVerification verification = this.verifier.verify(ACCOUNT, chain);
		assertThat(verification.valid()).isTrue();
		assertThat(verification.problems()).isEmpty();
		assertThat(verification.length()).isEqualTo(3);
		assertThat(verification.head()).isEqualTo(this.codec.cidOf(chain.get(2).body()).toString());
		for (Kind kind : Kind.values()) {
			assertThat(verification.problems(kind)).isEmpty();
		}
	}

	@Test
	void aMessageIdOtherThanTheCidIsAHeaderMismatch() {
		List<RawEvent> chain = chain(2);
		chain.set(1, withHeader(chain.get(1), "Nats-Msg-Id", "not-the-cid"));
		ChainVerification verification = this.verifier.verify(ACCOUNT, chain);
		assertOnly(verification, Kind.HEADER_MISMATCH, 2);
		assertThat(verification.problems().get(0).message()).startsWith("Nats-Msg-Id not-the-cid differs from Cim-Cid");
	}

	@Test
	void aCidHeaderOtherThanTheHashOfTheBytesIsAlteredContent() {
		List<RawEvent> chain = chain(2);
		String other = this.codec.cidOf(chain.get(0).body()).toString();
		chain.set(1, withHeaders(chain.get(1), (headers) -> {
			headers.put("Cim-Cid", other);
			headers.put("Nats-Msg-Id", other);
			return headers;
		}));
		ChainVerification verification = this.verifier.verify(ACCOUNT, chain);
		assertOnly(verification, Kind.CONTENT_ALTERED, 2);
		assertThat(verification.problems().get(0).message()).contains("stored under CID " + other);
	}

	@Test
	void anEventTypeHeaderOtherThanTheBodyIsAHeaderMismatch() {
		List<RawEvent> chain = chain(2);
		chain.set(0, withHeader(chain.get(0), "Cim-Event-Type", "Withdrawn"));
		ChainVerification verification = this.verifier.verify(ACCOUNT, chain);
		assertOnly(verification, Kind.HEADER_MISMATCH, 1);
		assertThat(verification.problems().get(0).message())
			.isEqualTo("header Cim-Event-Type is Withdrawn, the body says Deposited");
	}

	@Test
	void aSchemaHeaderOtherThanTheBodyIsAHeaderMismatch() {
		List<RawEvent> chain = chain(1);
		chain.set(0, withHeader(chain.get(0), "Cim-Schema", "2"));
		assertOnly(this.verifier.verify(ACCOUNT, chain), Kind.HEADER_MISMATCH, 1);
	}

	@Test
	void aPrevHeaderOtherThanTheBodyIsAHeaderMismatch() {
		List<RawEvent> chain = chain(3);
		String first = this.codec.cidOf(chain.get(0).body()).toString();
		chain.set(2, withHeader(chain.get(2), "Cim-Prev-Cid", first));
		ChainVerification verification = this.verifier.verify(ACCOUNT, chain);
		assertOnly(verification, Kind.HEADER_MISMATCH, 3);
		assertThat(verification.problems().get(0).message()).startsWith("header Cim-Prev-Cid is " + first);
	}

	@Test
	void aPrevHeaderOnTheFirstEventIsAHeaderMismatch() {
		List<RawEvent> chain = chain(2);
		chain.set(0, withHeader(chain.get(0), "Cim-Prev-Cid", this.codec.cidOf(chain.get(1).body()).toString()));
		assertOnly(this.verifier.verify(ACCOUNT, chain), Kind.HEADER_MISMATCH, 1);
	}

	@Test
	void anEventOfAnotherAggregateIsAHeaderMismatch() {
		List<RawEvent> chain = chain(1);
		AggregateRef other = new AggregateRef("bank", "Account", "a-2");
		ChainVerification verification = this.verifier.verify(other, chain);
		assertOnly(verification, Kind.HEADER_MISMATCH, 1);
		assertThat(verification.problems().get(0).message()).contains("does not match the body");
	}

	@Test
	void aMissingVersionIsAGap() {
		List<RawEvent> chain = chain(4);
		chain.remove(1);
		chain.remove(1);
		ChainVerification verification = this.verifier.verify(ACCOUNT, chain);
		// The event after the gap links to the missing version 3, not to version 1.
		assertThat(verification.problems()).extracting(ChainProblem::kind).containsExactly(Kind.GAP);
		assertThat(verification.problems(Kind.GAP)).singleElement().satisfies((problem) -> {
			assertThat(problem.version()).isEqualTo(4);
			assertThat(problem.sequence()).isEqualTo(4);
			assertThat(problem.message()).isEqualTo("2 version(s) missing: 2..3");
		});
	}

	@Test
	void aSecondEventForAVersionIsAFork() {
		List<RawEvent> chain = chain(2);
		List<RawEvent> fork = chain(2);
		chain.add(new RawEvent(fork.get(1).subject(), fork.get(1).headers(), fork.get(1).body(), 3, Instant.EPOCH));
		ChainVerification verification = this.verifier.verify(ACCOUNT, chain);
		assertThat(verification.problems(Kind.FORK)).singleElement()
			.satisfies((problem) -> assertThat(problem.message())
				.isEqualTo("a second event for version 2 (the chain had reached 2)"));
		assertThat(verification.problems(Kind.GAP)).isEmpty();
	}

	@Test
	void aFirstEventWithAPrevIsABrokenLink() {
		Cid elsewhere = this.codec.cidOf("elsewhere".getBytes(StandardCharsets.UTF_8));
		List<RawEvent> chain = new ArrayList<>();
		chain.add(raw(encode(1, elsewhere), 1));
		ChainVerification verification = this.verifier.verify(ACCOUNT, chain);
		assertOnly(verification, Kind.BROKEN_LINK, 1);
		assertThat(verification.problems().get(0).message()).contains("it must have no prev");
	}

	@Test
	void aLaterEventWithoutPrevIsABrokenLink() {
		List<RawEvent> chain = chain(1);
		chain.add(raw(encode(2, null), 2));
		ChainVerification verification = this.verifier.verify(ACCOUNT, chain);
		assertOnly(verification, Kind.BROKEN_LINK, 2);
		assertThat(verification.problems().get(0).message()).isEqualTo("the event has no prev link");
	}

	@Test
	void aPrevThatIsNotThePreviousEventIsABrokenLink() {
		List<RawEvent> chain = chain(2);
		Cid elsewhere = this.codec.cidOf("elsewhere".getBytes(StandardCharsets.UTF_8));
		chain.add(raw(encode(3, elsewhere), 3));
		ChainVerification verification = this.verifier.verify(ACCOUNT, chain);
		assertOnly(verification, Kind.BROKEN_LINK, 3);
		assertThat(verification.problems().get(0).message()).startsWith("prev links to " + elsewhere);
	}

	@Test
	void anUndecodableBodyIsAlteredContentAndTheChainGoesOnFromItsClaimedCid() {
		List<RawEvent> chain = chain(3);
		RawEvent second = chain.get(1);
		chain.set(1, new RawEvent(second.subject(), second.headers(), "{not a block".getBytes(StandardCharsets.UTF_8),
				second.sequence(), second.storedAt()));
		ChainVerification verification = this.verifier.verify(ACCOUNT, chain);
		assertThat(verification.problems()).extracting(ChainProblem::kind)
			.containsExactly(Kind.CONTENT_ALTERED, Kind.CONTENT_ALTERED);
		assertThat(verification.problems()).extracting(ChainProblem::version).containsOnly(2L);
		assertThat(verification.problems().get(1).message()).startsWith("the body is not a valid event block");
		// The third event links to the CID the second was stored under: no broken link.
		assertThat(verification.problems(Kind.BROKEN_LINK)).isEmpty();
	}

	@Test
	void problemsOfAKindAreOnlyThoseOfThatKind() {
		List<RawEvent> chain = chain(4);
		chain.set(0, withHeader(chain.get(0), "Cim-Schema", "9"));
		chain.remove(2);
		ChainVerification verification = this.verifier.verify(ACCOUNT, chain);
		assertThat(verification.problems(Kind.HEADER_MISMATCH)).extracting(ChainProblem::version).containsExactly(1L);
		assertThat(verification.problems(Kind.GAP)).extracting(ChainProblem::version).containsExactly(4L);
		assertThat(verification.problems(Kind.FORK)).isEmpty();
		assertThat(verification.valid()).isFalse();
	}

	@Test
	void withoutContentAddressingThereIsNothingToVerify() {
		EventBlockCodec plain = new EventBlockCodec(false, IpldCodec.DAG_JSON);
		ChainVerification verification = new ChainVerifier(plain, SUBJECTS).verify(ACCOUNT, chain(2));
		assertOnly(verification, Kind.NOT_CONTENT_ADDRESSED, 0);
		assertThat(verification.head()).isNull();
		assertThat(verification.length()).isEqualTo(2);
	}

	@Test
	void aProblemNamesItsKindVersionAndSequence() {
		ChainProblem problem = new ChainProblem(Kind.GAP, 4, 17, "2 version(s) missing: 2..3");
		assertThat(problem).hasToString("GAP at version 4 (sequence 17): 2 version(s) missing: 2..3");
	}

	private static void assertOnly(ChainVerification verification, Kind kind, long version) {
		assertThat(verification.valid()).isFalse();
		assertThat(verification.problems()).as("%s", verification.problems()).singleElement().satisfies((problem) -> {
			assertThat(problem.kind()).isEqualTo(kind);
			assertThat(problem.version()).isEqualTo(version);
		});
		assertThat(verification.problems(kind)).hasSize(1);
	}

	/** A sound chain of deposits, sequences 1..n. */
	private List<RawEvent> chain(int length) {
		List<RawEvent> chain = new ArrayList<>();
		Cid prev = null;
		for (int version = 1; version <= length; version++) {
			EncodedEvent event = encode(version, prev);
			chain.add(raw(event, version));
			prev = event.cid();
		}
		return chain;
	}

	private EncodedEvent encode(long version, @Nullable Cid prev) {
		EventBlock block = new EventBlock("Deposited", 1, ACCOUNT.context(), ACCOUNT.type(), ACCOUNT.id(), version,
				JsonNodeFactory.instance.objectNode().put("amount", Long.toString(version)), prev,
				new EventMeta("e-" + version, Instant.parse("2026-01-01T00:00:00Z"), null, null, Map.of()));
		return this.codec.encode(block);
	}

	/** The message as the store writes it, read back at a sequence. */
	private RawEvent raw(EncodedEvent event, long sequence) {
		EventHead expected = (event.block().version() == 1) ? EventHead.NONE
				: new EventHead(event.block().version() - 1, sequence - 1, event.block().prev());
		Message message = this.messages.of(new PreparedAppend(ACCOUNT, expected, List.of(event))).get(0);
		return new RawEvent(message.getSubject(), message.getHeaders(), event.bytes(), sequence, Instant.EPOCH);
	}

	private static RawEvent withHeader(RawEvent event, String name, String value) {
		return withHeaders(event, (headers) -> {
			headers.put(name, value);
			return headers;
		});
	}

	private static RawEvent withHeaders(RawEvent event, UnaryOperator<Headers> change) {
		Headers headers = new Headers();
		if (event.headers() != null) {
			event.headers().entrySet().forEach((entry) -> headers.put(entry.getKey(), entry.getValue()));
		}
		return new RawEvent(event.subject(), change.apply(headers), event.body(), event.sequence(), event.storedAt());
	}

}
