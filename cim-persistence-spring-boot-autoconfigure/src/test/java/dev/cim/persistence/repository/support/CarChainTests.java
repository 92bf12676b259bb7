package dev.cim.persistence.repository.support;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.cim.persistence.event.EncodedEvent;
import dev.cim.persistence.event.EventBlock;
import dev.cim.persistence.event.EventBlockCodec;
import dev.cim.persistence.event.EventMeta;
import dev.cim.persistence.ipld.Car;
import dev.cim.persistence.ipld.Cid;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import dev.cim.persistence.repository.ChainImportException;

/**
 * How an import puts a CAR's blocks in chain order, with a root or without one.
 */
class CarChainTests {

	private static final EventBlockCodec CODEC = new EventBlockCodec(true);

	@Test
	void withoutRootsTheHeadIsTheBlockNoOtherBlockLinksTo() {
		List<EncodedEvent> history = history("a-1", 4, null);
		for (List<EncodedEvent> order : List.of(history, reversed(history),
				List.of(history.get(2), history.get(0), history.get(3), history.get(1)))) {
			assertThat(cids(CarChain.inChainOrder(car(List.of(), order), CODEC))).isEqualTo(cids(history));
		}
	}

	@Test
	void withARootTheBlocksMayComeInAnyOrder() {
		List<EncodedEvent> history = history("a-1", 3, null);
		Cid head = history.get(2).cid();
		assertThat(cids(CarChain.inChainOrder(car(List.of(head), reversed(history)), CODEC))).isEqualTo(cids(history));
		assertThat(cids(CarChain.inChainOrder(car(List.of(), history.subList(0, 1)), CODEC)))
			.isEqualTo(cids(history.subList(0, 1)));
	}

	@Test
	void withoutRootsTwoHeadsAreRefusedNamingThem() {
		List<EncodedEvent> history = history("a-1", 2, null);
		List<EncodedEvent> blocks = new ArrayList<>(history);
		// A second version 2 on the same version 1: a fork with two heads.
		EncodedEvent fork = event("a-1", 2, history.get(0).cid(), "7");
		blocks.add(fork);
		assertThatExceptionOfType(ChainImportException.class)
			.isThrownBy(() -> CarChain.inChainOrder(car(List.of(), blocks), CODEC))
			.withMessageContaining("the CAR has no root, and 2 blocks are not the prev of another block")
			.withMessageContaining(history.get(1).cid().toString())
			.withMessageContaining(fork.cid().toString());
		List<EncodedEvent> twoHistories = new ArrayList<>(history);
		twoHistories.addAll(history("a-2", 1, null));
		assertThatExceptionOfType(ChainImportException.class)
			.isThrownBy(() -> CarChain.inChainOrder(car(List.of(), twoHistories), CODEC))
			.withMessageContaining("2 blocks are not the prev of another block");
	}

	@Test
	void aBlockOffTheChainOfTheRootIsRefused() {
		List<EncodedEvent> history = history("a-1", 3, null);
		Cid root = history.get(1).cid();
		assertThatExceptionOfType(ChainImportException.class)
			.isThrownBy(() -> CarChain.inChainOrder(car(List.of(root), history), CODEC))
			.withMessageContaining("1 block(s) of the CAR are not on the chain that ends at " + root)
			.withMessageContaining(history.get(2).cid().toString());
	}

	@Test
	void aLinkOutOfTheCarIsRefused() {
		List<EncodedEvent> history = history("a-1", 3, null);
		assertThatExceptionOfType(ChainImportException.class)
			.isThrownBy(() -> CarChain.inChainOrder(car(List.of(), history.subList(1, 3)), CODEC))
			.withMessageContaining("links to " + history.get(0).cid() + ", which is not in the CAR");
	}

	@Test
	void rootsBlocksAndDuplicatesAreChecked() {
		List<EncodedEvent> history = history("a-1", 2, null);
		Cid head = history.get(1).cid();
		assertThatExceptionOfType(ChainImportException.class)
			.isThrownBy(() -> CarChain.inChainOrder(car(List.of(head, head), history), CODEC))
			.withMessageContaining("the CAR has 2 roots");
		assertThatExceptionOfType(ChainImportException.class)
			.isThrownBy(() -> CarChain.inChainOrder(car(List.of(), List.of()), CODEC))
			.withMessageContaining("the CAR has no blocks");
		assertThatExceptionOfType(ChainImportException.class)
			.isThrownBy(() -> CarChain.inChainOrder(car(List.of(head), history.subList(0, 1)), CODEC))
			.withMessageContaining("the CAR's root " + head + " is not one of its blocks");
		List<EncodedEvent> twice = List.of(history.get(0), history.get(1), history.get(1));
		assertThatExceptionOfType(ChainImportException.class)
			.isThrownBy(() -> CarChain.inChainOrder(car(List.of(), twice), CODEC))
			.withMessageContaining("block " + head + " appears twice");
		Car notAnEvent = new Car(List.of(), List.of(Car.Block.of(Cid.RAW, new byte[] { 1 })));
		assertThatExceptionOfType(ChainImportException.class).isThrownBy(() -> CarChain.inChainOrder(notAnEvent, CODEC))
			.withMessageContaining("is not an event block");
	}

	static List<EncodedEvent> history(String id, int versions, @Nullable Cid prev) {
		List<EncodedEvent> events = new ArrayList<>();
		Cid previous = prev;
		for (int version = 1; version <= versions; version++) {
			EncodedEvent event = event(id, version, previous, Integer.toString(version));
			events.add(event);
			previous = event.cid();
		}
		return events;
	}

	private static EncodedEvent event(String id, long version, @Nullable Cid prev, String amount) {
		EventMeta meta = new EventMeta("0190f5d2-6b1e-7c3a-8f00-00000000000" + version,
				Instant.parse("2026-11-27T05:00:00Z"), null, null, Map.of());
		return CODEC.encode(new EventBlock("Deposited", 1, "bank", "Account", id, version,
				JsonNodeFactory.instance.objectNode().put("amount", amount), prev, meta));
	}

	private static Car car(List<Cid> roots, List<EncodedEvent> events) {
		return new Car(roots, events.stream().map((event) -> new Car.Block(event.cid(), event.bytes())).toList());
	}

	private static List<EncodedEvent> reversed(List<EncodedEvent> events) {
		List<EncodedEvent> copy = new ArrayList<>(events);
		java.util.Collections.reverse(copy);
		return copy;
	}

	private static List<Cid> cids(List<EncodedEvent> events) {
		return events.stream().map(EncodedEvent::cid).toList();
	}

}
