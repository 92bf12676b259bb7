package dev.cim.persistence.repository.support;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import dev.cim.persistence.ipld.Cid;
import dev.cim.persistence.ipld.IpldCodec;
import org.jspecify.annotations.Nullable;
import dev.cim.persistence.repository.AggregateRef;

/**
 * What the state stream holds for an aggregate whose state is too large for one message:
 * the aggregate's id, the version, sequence and event CID the state would have covered,
 * and the state's encoded size. It replaces the last state that fitted, so that nothing
 * reads that older state as the newest: a load knows there is no current state to repair,
 * and a query loads the aggregate instead.
 *
 * @param id the aggregate's id
 * @param version the version whose state is too large
 * @param sequence the stream sequence of that version's event
 * @param covers the CID of that event, {@code null} when content addressing is off
 * @param size the encoded size of the state document
 */
record OversizedState(String id, long version, long sequence, @Nullable Cid covers, long size) {

	private static final String TOO_LARGE = "stateTooLarge";

	static OversizedState of(AggregateRef ref, StateDocument document, long size) {
		return new OversizedState(ref.id(), document.version(), document.sequence(), document.covers(), size);
	}

	byte[] encode(IpldCodec codec) {
		Map<String, @Nullable Object> map = new LinkedHashMap<>();
		map.put(TOO_LARGE, this.size);
		map.put("id", this.id);
		map.put("version", this.version);
		map.put("sequence", this.sequence);
		if (this.covers != null) {
			map.put("covers", this.covers);
		}
		return codec.encode(map);
	}

	/**
	 * Read a state stream message as a marker.
	 * @param bytes the message body
	 * @return the marker, or empty when the body is something else
	 */
	static Optional<OversizedState> decode(byte[] bytes) {
		Map<?, ?> map = SmallRecords.decode(bytes).orElse(null);
		if (map == null || !(map.get(TOO_LARGE) instanceof Long size) || !(map.get("id") instanceof String id)
				|| !(map.get("version") instanceof Long version) || !(map.get("sequence") instanceof Long sequence)) {
			return Optional.empty();
		}
		Object covers = map.get("covers");
		return Optional.of(new OversizedState(id, version, sequence, (covers instanceof Cid cid) ? cid : null, size));
	}

	/**
	 * Whether a state stream message is a marker for exactly this head: the state at the
	 * head is known to be too large, there is nothing to repair.
	 */
	static boolean marksHead(byte[] bytes, EventHead head) {
		return decode(bytes)
			.filter((marker) -> marker.version() == head.version() && Objects.equals(marker.covers(), head.cid()))
			.isPresent();
	}

}
