package dev.cim.persistence.ipld;

import java.util.Base64;
import java.util.Collections;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The reserved namespace of DAG-JSON: a map whose first key is {@code "/"} is a link
 * ({@code {"/":"<cid>"}}) or bytes ({@code {"/":{"bytes":"<base64>"}}}) when its value
 * has that form, and is invalid when it has that form but more keys.
 */
final class DagJsonReservedForms {

	private static final String SLASH = "/";

	private static final String BYTES = "bytes";

	private DagJsonReservedForms() {
	}

	/**
	 * Return what a decoded map stands for: a Cid, a byte[], or the map itself.
	 * @param map a non-empty map in key order
	 * @param start the byte offset of the map
	 * @param valueOffset the byte offset of the map's first value
	 * @return the Cid, the bytes, or the map, unmodifiable
	 */
	static Object read(Map<String, @Nullable Object> map, int start, int valueOffset) {
		Map.Entry<String, @Nullable Object> first = map.entrySet().iterator().next();
		if (!first.getKey().equals(SLASH)) {
			return Collections.unmodifiableMap(map);
		}
		if (first.getValue() instanceof String text) {
			if (map.size() != 1) {
				throw new IpldCodecException(
						"a map whose first key is \"/\" with a string value is a link and must have no other key",
						start);
			}
			return link(text, valueOffset);
		}
		if (first.getValue() instanceof Map<?, ?> inner && !inner.isEmpty()) {
			Map.Entry<?, ?> innerFirst = inner.entrySet().iterator().next();
			if (innerFirst.getKey().equals(BYTES) && innerFirst.getValue() instanceof String text) {
				if (map.size() != 1 || inner.size() != 1) {
					throw new IpldCodecException(
							"a map of the form {\"/\":{\"bytes\":\"...\"}} is bytes and must have no other key", start);
				}
				return bytes(text, valueOffset);
			}
		}
		return Collections.unmodifiableMap(map);
	}

	/**
	 * Check that a map to encode, whose first entry in key order is given, does not take
	 * a reserved form: it would read back as a link or bytes, or be rejected, so the
	 * caller should have used a Cid or a byte[].
	 * @param key the first key in key order
	 * @param value its value
	 */
	static void checkNotReserved(String key, @Nullable Object value) {
		if (!key.equals(SLASH)) {
			return;
		}
		if (value instanceof String) {
			throw new IpldCodecException("a map whose first key is \"/\" with a string value is reserved for"
					+ " links in DAG-JSON: use a Cid for a link");
		}
		if (value instanceof Map<?, ?> inner && BYTES.equals(firstKey(inner)) && inner.get(BYTES) instanceof String) {
			throw new IpldCodecException("a map whose first key is \"/\" holding a map whose first key is"
					+ " \"bytes\" with a string value is reserved for bytes in DAG-JSON: use a byte[] for bytes");
		}
	}

	private static @Nullable String firstKey(Map<?, ?> map) {
		String first = null;
		for (Object key : map.keySet()) {
			if (key instanceof String s && (first == null || DagJsonWriter.UTF8_ORDER.compare(s, first) < 0)) {
				first = s;
			}
		}
		return first;
	}

	private static Cid link(String text, int offset) {
		Cid cid;
		try {
			cid = Cid.parse(text);
		}
		catch (IllegalArgumentException ex) {
			throw new IpldCodecException("invalid link: " + ex.getMessage(), offset, ex);
		}
		String canonical = cid.toString();
		if (!canonical.equals(text)) {
			throw new IpldCodecException("link \"" + text
					+ "\" is not in canonical form: a CIDv1 is written in base32 lower case, as \"" + canonical + "\"",
					offset);
		}
		return cid;
	}

	private static byte[] bytes(String text, int offset) {
		byte[] bytes;
		try {
			bytes = Base64.getDecoder().decode(text);
		}
		catch (IllegalArgumentException ex) {
			throw new IpldCodecException("invalid base64 bytes \"" + text + "\": " + ex.getMessage(), offset, ex);
		}
		if (!Base64.getEncoder().withoutPadding().encodeToString(bytes).equals(text)) {
			throw new IpldCodecException(
					"bytes \"" + text
							+ "\" are not in canonical form: standard base64 without padding, with zero trailing bits",
					offset);
		}
		return bytes;
	}

}
