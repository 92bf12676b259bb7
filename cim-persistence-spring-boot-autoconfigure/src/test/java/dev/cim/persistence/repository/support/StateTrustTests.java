package dev.cim.persistence.repository.support;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cim.persistence.event.EventMeta;
import dev.cim.persistence.ipld.Cid;
import dev.cim.persistence.ipld.IpldCodec;
import dev.cim.persistence.repository.AggregateRef;
import dev.cim.persistence.testsupport.NatsIntegrationTest;
import dev.cim.persistence.testsupport.ProvisionedStore;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which stored states {@link StateTrust} trusts, and when the events after a base link to
 * it.
 */
@NatsIntegrationTest
class StateTrustTests {

	private static final String FINGERPRINT = "shape-1";

	private static final AggregateRef REF = AggregateRef.of("bank", "account", "a1");

	private static final JsonNode STATE = new ObjectMapper().createObjectNode().put("balance", "10");

	private final CountingObserver observer = new CountingObserver();

	private static Cid cid(String text) {
		return Cid.of(IpldCodec.DAG_JSON.code(), ("{\"e\":\"" + text + "\"}").getBytes(StandardCharsets.UTF_8));
	}

	private static StateDocument document(long version, long sequence, @Nullable Cid covers, String fingerprint) {
		return StateDocument.of(STATE, new EventHead(version, sequence, covers), fingerprint, IpldCodec.DAG_JSON);
	}

	private static RecordedEvent event(long version, long sequence, @Nullable Cid prev) {
		return new RecordedEvent(REF, version, "Deposited", 1, STATE, cid("e" + version), prev,
				new EventMeta("id-" + version, Instant.EPOCH, null, null, Map.of()), sequence, Instant.EPOCH, "events",
				new byte[0]);
	}

	private StateTrust trust(ProvisionedStore store) {
		return new StateTrust(FINGERPRINT, new SnapshotStore(store.connection(), store.config()), this.observer,
				"account");
	}

	@Test
	void aStateAtTheHeadCoveringTheHeadsEventIsTrusted(ProvisionedStore store) {
		StateDocument document = document(3, 30, cid("e3"), FINGERPRINT);
		StateDocument trusted = trust(store).state(document.encode(), new EventHead(3, 30, cid("e3")));
		assertThat(trusted).isEqualTo(document);
	}

	@Test
	void aStateBehindTheHeadIsTrustedWhateverItCovers(ProvisionedStore store) {
		StateDocument document = document(2, 20, cid("e2"), FINGERPRINT);
		assertThat(trust(store).state(document.encode(), new EventHead(3, 30, cid("e3")))).isEqualTo(document);
	}

	@Test
	void aStateWrittenForAnotherClassShapeIsDiscarded(ProvisionedStore store) {
		StateDocument document = document(3, 30, cid("e3"), "shape-0");
		assertThat(trust(store).state(document.encode(), new EventHead(3, 30, cid("e3")))).isNull();
	}

	@Test
	void aStateClaimingAVersionBeyondTheHeadIsDiscarded(ProvisionedStore store) {
		StateDocument document = document(4, 40, cid("e4"), FINGERPRINT);
		assertThat(trust(store).state(document.encode(), new EventHead(3, 30, cid("e3")))).isNull();
	}

	@Test
	void aStateAtTheHeadsVersionCoveringAnotherEventIsDiscarded(ProvisionedStore store) {
		StateDocument document = document(3, 30, cid("other"), FINGERPRINT);
		assertThat(trust(store).state(document.encode(), new EventHead(3, 30, cid("e3")))).isNull();
	}

	@Test
	void anUnreadableStateIsDiscardedWithoutCountingASnapshot(ProvisionedStore store) {
		assertThat(trust(store).state("not a document".getBytes(StandardCharsets.UTF_8), new EventHead(3, 30, null)))
			.isNull();
		assertThat(this.observer.count("snapshot.discarded")).isZero();
	}

	@Test
	void anUntrustedSnapshotIsCountedAsDiscarded(ProvisionedStore store) {
		StateDocument document = document(4, 40, cid("e4"), FINGERPRINT);
		assertThat(trust(store).snapshot(document.encode(), new EventHead(3, 30, cid("e3")))).isNull();
		assertThat(this.observer.count("snapshot.discarded")).isEqualTo(1);
		assertThat(this.observer.reasons).singleElement().asString().contains("beyond the head");
	}

	@Test
	void anEmptyTailLinksWithoutAHead() {
		assertThat(StateTrust.linksTo(List.of(), document(2, 20, cid("e2"), FINGERPRINT), null)).isTrue();
	}

	@Test
	void anEmptyTailLinksOnlyWhenTheBaseIsTheHead() {
		StateDocument base = document(2, 20, cid("e2"), FINGERPRINT);
		assertThat(StateTrust.linksTo(List.of(), base, new EventHead(2, 20, cid("e2")))).isTrue();
		assertThat(StateTrust.linksTo(List.of(), base, new EventHead(3, 30, cid("e3")))).isFalse();
		assertThat(StateTrust.linksTo(List.of(), base, new EventHead(2, 20, cid("other")))).isFalse();
	}

	@Test
	void aTailStartingRightAfterTheBaseAndLinkingToItsEventLinks() {
		StateDocument base = document(2, 20, cid("e2"), FINGERPRINT);
		List<RecordedEvent> tail = List.of(event(3, 21, cid("e2")), event(4, 22, cid("e3")));
		assertThat(StateTrust.linksTo(tail, base, new EventHead(4, 22, cid("e4")))).isTrue();
	}

	@Test
	void aTailNotStartingRightAfterTheBaseDoesNotLink() {
		StateDocument base = document(2, 20, cid("e2"), FINGERPRINT);
		assertThat(StateTrust.linksTo(List.of(event(4, 21, cid("e2"))), base, null)).isFalse();
		assertThat(StateTrust.linksTo(List.of(event(2, 21, cid("e2"))), base, null)).isFalse();
	}

	@Test
	void aTailStoredBeforeTheBasesEventDoesNotLink() {
		StateDocument base = document(2, 20, cid("e2"), FINGERPRINT);
		assertThat(StateTrust.linksTo(List.of(event(3, 20, cid("e2"))), base, null)).isFalse();
		assertThat(StateTrust.linksTo(List.of(event(3, 19, cid("e2"))), base, null)).isFalse();
	}

	@Test
	void aTailWithAGapDoesNotLink() {
		StateDocument base = document(2, 20, cid("e2"), FINGERPRINT);
		List<RecordedEvent> tail = new ArrayList<>(List.of(event(3, 21, cid("e2")), event(5, 22, cid("e4"))));
		assertThat(StateTrust.linksTo(tail, base, null)).isFalse();
	}

	@Test
	void aTailWhoseFirstEventLinksToAnotherEventDoesNotLink() {
		StateDocument base = document(2, 20, cid("e2"), FINGERPRINT);
		assertThat(StateTrust.linksTo(List.of(event(3, 21, cid("other"))), base, null)).isFalse();
		assertThat(StateTrust.linksTo(List.of(event(3, 21, null)), base, null)).isFalse();
	}

	@Test
	void withoutContentAddressingATailLinksByVersionsAlone() {
		StateDocument base = document(2, 20, null, FINGERPRINT);
		assertThat(StateTrust.linksTo(List.of(event(3, 21, null), event(4, 22, null)), base, null)).isTrue();
	}

}
