package dev.cim.persistence.repository.support;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.cim.persistence.event.EncodedEvent;
import dev.cim.persistence.event.EventBlock;
import dev.cim.persistence.event.EventBlockCodec;
import dev.cim.persistence.event.EventFormatException;
import dev.cim.persistence.ipld.Car;
import dev.cim.persistence.ipld.Cid;
import dev.cim.persistence.repository.ChainImportException;

/**
 * Puts the blocks of a CAR in chain order: from the head, the newest event, back through
 * each event's {@code prev} link to the first. The head is the CAR's root or, in a CAR
 * without roots (a bundle of blocks, as {@code @ipld/car} writes one), the one block that
 * no other block's {@code prev} names. Every block must be on that chain, once.
 */
final class CarChain {

	private static final int NAMED_IN_MESSAGE = 3;

	private CarChain() {
	}

	/**
	 * Decode the blocks of a CAR and order them from the first event to the head.
	 * @param car the archive, its blocks already checked against their CIDs
	 * @param codec the codec that decodes event blocks
	 * @return the events, oldest first
	 * @throws ChainImportException when a block is not an event block, appears twice or
	 * is not on the chain, when a link leads out of the CAR, or when there is not exactly
	 * one head
	 */
	static List<EncodedEvent> inChainOrder(Car car, EventBlockCodec codec) {
		if (car.blocks().isEmpty()) {
			throw new ChainImportException("the CAR has no blocks: a history has at least one event");
		}
		if (car.roots().size() > 1) {
			throw new ChainImportException("the CAR has " + car.roots().size()
					+ " roots: the history of one aggregate has one head, its root");
		}
		Map<Cid, EncodedEvent> events = decode(car, codec);
		Cid head = car.roots().isEmpty() ? headOf(events) : car.roots().get(0);
		if (!events.containsKey(head)) {
			throw new ChainImportException("the CAR's root " + head + " is not one of its blocks");
		}
		List<EncodedEvent> chain = new ArrayList<>(events.size());
		Cid next = head;
		while (next != null) {
			EncodedEvent event = events.get(next);
			if (event == null) {
				EncodedEvent last = chain.get(chain.size() - 1);
				throw new ChainImportException("block " + last.cid() + " (version " + last.block().version()
						+ ") links to " + next + ", which is not in the CAR");
			}
			if (chain.size() == events.size()) {
				throw new ChainImportException("the prev links of the CAR's blocks form a cycle");
			}
			chain.add(event);
			next = event.block().prev();
		}
		if (chain.size() < events.size()) {
			Set<Cid> onChain = new HashSet<>();
			chain.forEach((event) -> onChain.add(event.cid()));
			List<Cid> off = events.keySet().stream().filter((cid) -> !onChain.contains(cid)).toList();
			throw new ChainImportException(
					off.size() + " block(s) of the CAR are not on the chain that ends at " + head + ": " + named(off));
		}
		Collections.reverse(chain);
		return chain;
	}

	private static Map<Cid, EncodedEvent> decode(Car car, EventBlockCodec codec) {
		Map<Cid, EncodedEvent> events = new LinkedHashMap<>();
		for (Car.Block block : car.blocks()) {
			EventBlock event;
			try {
				event = codec.decode(block.data());
			}
			catch (EventFormatException ex) {
				throw new ChainImportException("block " + block.cid() + " is not an event block: " + ex.getMessage(),
						ex);
			}
			if (events.put(block.cid(), new EncodedEvent(event, block.data(), block.cid())) != null) {
				throw new ChainImportException("block " + block.cid() + " appears twice in the CAR");
			}
		}
		return events;
	}

	/**
	 * Find the head of a CAR without roots: the one block that is no other block's
	 * {@code prev}.
	 */
	private static Cid headOf(Map<Cid, EncodedEvent> events) {
		Set<Cid> linked = new HashSet<>();
		for (EncodedEvent event : events.values()) {
			if (event.block().prev() != null) {
				linked.add(event.block().prev());
			}
		}
		List<Cid> heads = events.keySet().stream().filter((cid) -> !linked.contains(cid)).toList();
		if (heads.size() != 1) {
			throw new ChainImportException("the CAR has no root, and "
					+ ((heads.isEmpty()) ? "every block is" : heads.size() + " blocks are not")
					+ " the prev of another block (" + ((heads.isEmpty()) ? "a cycle" : named(heads))
					+ "): a history without a root needs exactly one such block, its head");
		}
		return heads.get(0);
	}

	private static String named(List<Cid> cids) {
		List<String> names = cids.stream().limit(NAMED_IN_MESSAGE).map(Cid::toString).toList();
		return String.join(", ", names) + ((cids.size() > NAMED_IN_MESSAGE) ? ", …" : "");
	}

}
