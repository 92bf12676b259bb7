package dev.cim.persistence.repository.support;

import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cim.persistence.event.DataModelTrees;
import dev.cim.persistence.ipld.Cid;
import dev.cim.persistence.event.EventBlockCodec;
import dev.cim.persistence.ipld.IpldCodec;
import dev.cim.persistence.ipld.IpldCodecException;
import org.jspecify.annotations.Nullable;

/**
 * An aggregate's state as written to the state stream and to snapshots: an IPLD block (in
 * the store's codec) holding the state, the version and stream sequence it reflects, the
 * CID of the event it covers, the fingerprint of the aggregate class's shape and the CID
 * of the state block. Self-validating: {@link #problem(String)} says why a document must
 * not be trusted.
 *
 * @param version the aggregate version the state reflects
 * @param sequence the stream sequence of that version's event
 * @param covers the CID of that event; {@code null} when content addressing is off
 * @param fingerprint the aggregate class's shape when the state was written
 * @param state the state
 * @param stateCid the CID of the state's own DAG-JSON block, as written
 */
record StateDocument(long version, long sequence, @Nullable Cid covers, String fingerprint, JsonNode state,
		Cid stateCid) {

	/**
	 * A document for a state, computing its state CID.
	 */
	static StateDocument of(JsonNode state, EventHead head, String fingerprint, IpldCodec codec) {
		byte[] stateBlock = codec.encode(DataModelTrees.toDataModel(state, "state"));
		return new StateDocument(head.version(), head.sequence(), head.cid(), fingerprint, state,
				Cid.of(codec.code(), stateBlock));
	}

	EventHead head() {
		return new EventHead(this.version, this.sequence, this.covers);
	}

	byte[] encode() {
		Map<String, @Nullable Object> map = new LinkedHashMap<>();
		map.put("version", this.version);
		map.put("sequence", this.sequence);
		if (this.covers != null) {
			map.put("covers", this.covers);
		}
		map.put("fingerprint", this.fingerprint);
		map.put("state", DataModelTrees.toDataModel(this.state, "state"));
		map.put("stateCid", this.stateCid);
		return IpldCodec.forCode(this.stateCid.codec()).orElse(IpldCodec.DAG_JSON).encode(map);
	}

	/**
	 * Decode a document.
	 * @throws IllegalArgumentException when the bytes are not a well-formed document
	 */
	static StateDocument decode(byte[] bytes) {
		Object decoded;
		try {
			decoded = EventBlockCodec.codecOf(bytes).decode(bytes);
		}
		catch (IpldCodecException ex) {
			throw new IllegalArgumentException("not a canonical IPLD block: " + ex.getMessage(), ex);
		}
		if (!(decoded instanceof Map<?, ?> map)) {
			throw new IllegalArgumentException("not a map");
		}
		Object covers = map.get("covers");
		if (covers != null && !(covers instanceof Cid)) {
			throw new IllegalArgumentException("'covers' is not a link");
		}
		if (!(map.get("stateCid") instanceof Cid stateCid)) {
			throw new IllegalArgumentException("'stateCid' is not a link");
		}
		if (!(map.get("fingerprint") instanceof String fingerprint)) {
			throw new IllegalArgumentException("'fingerprint' is not a string");
		}
		if (!(map.get("version") instanceof Long version) || !(map.get("sequence") instanceof Long sequence)) {
			throw new IllegalArgumentException("'version' or 'sequence' is not an integer");
		}
		if (!map.containsKey("state")) {
			throw new IllegalArgumentException("'state' is missing");
		}
		return new StateDocument(version, sequence, (Cid) covers, fingerprint, DataModelTrees.toTree(map.get("state")),
				stateCid);
	}

	/**
	 * Why this document must not be trusted for a class of the given shape.
	 * @return the problem, or {@code null} when the document is sound
	 */
	@Nullable String problem(String expectedFingerprint) {
		if (!this.fingerprint.equals(expectedFingerprint)) {
			return "written for another class shape (fingerprint " + this.fingerprint + ", expected "
					+ expectedFingerprint + ")";
		}
		IpldCodec codec = IpldCodec.forCode(this.stateCid.codec()).orElse(null);
		if (codec == null) {
			return "state CID " + this.stateCid + " has an unknown codec";
		}
		Cid actual;
		try {
			actual = Cid.of(codec.code(), codec.encode(DataModelTrees.toDataModel(this.state, "state")));
		}
		catch (RuntimeException ex) {
			return "state cannot be encoded: " + ex.getMessage();
		}
		if (!actual.equals(this.stateCid)) {
			return "state does not match its CID (" + this.stateCid + ", computed " + actual + ")";
		}
		if (this.version < 1 || this.sequence < 1) {
			return "version or sequence below 1";
		}
		return null;
	}

}
