package dev.cim.persistence.repository.support;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import dev.cim.persistence.ipld.IpldCodec;
import org.jspecify.annotations.Nullable;

/**
 * What the snapshot bucket holds for a snapshot too large for one message: the name of
 * the object holding it in the snapshot object bucket, the version it reflects and the
 * digest and size of its bytes. The bucket entry stays the authority on which snapshot is
 * the newest: an object is read only through the pointer in the entry, and only when its
 * digest is the one the pointer names.
 *
 * @param object the object's name
 * @param version the aggregate version the snapshot reflects
 * @param digest the object's digest as the object store reports it ({@code SHA-256=...})
 * @param size the size of the snapshot document in bytes
 */
record SnapshotPointer(String object, long version, String digest, long size) {

	/** The key that tells a pointer from a snapshot document. */
	private static final String OBJECT = "snapshotObject";

	byte[] encode(IpldCodec codec) {
		Map<String, @Nullable Object> map = new LinkedHashMap<>();
		map.put(OBJECT, this.object);
		map.put("version", this.version);
		map.put("digest", this.digest);
		map.put("size", this.size);
		return codec.encode(map);
	}

	/**
	 * Read a snapshot bucket entry as a pointer.
	 * @param bytes the entry's value
	 * @return the pointer, or empty when the entry is something else (a snapshot
	 * document, or bytes that are not a pointer)
	 */
	static Optional<SnapshotPointer> decode(byte[] bytes) {
		Map<?, ?> map = SmallRecords.decode(bytes).orElse(null);
		if (map == null || !(map.get(OBJECT) instanceof String object) || !(map.get("version") instanceof Long version)
				|| !(map.get("digest") instanceof String digest) || !(map.get("size") instanceof Long size)) {
			return Optional.empty();
		}
		return Optional.of(new SnapshotPointer(object, version, digest, size));
	}

}
