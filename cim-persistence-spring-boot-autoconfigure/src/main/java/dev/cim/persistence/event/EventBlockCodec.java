package dev.cim.persistence.event;

import java.math.BigInteger;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

import dev.cim.persistence.ipld.Cid;
import dev.cim.persistence.ipld.IpldCodec;
import dev.cim.persistence.ipld.IpldCodecException;
import org.jspecify.annotations.Nullable;

/**
 * Encodes event blocks as message bodies and decodes them back.
 *
 * <p>
 * With content addressing on, a body is the block of the event in the configured codec:
 * DAG-JSON (multicodec 0x0129, the default) or DAG-CBOR (0x71), canonical bytes with
 * {@code prev} as an IPLD link; its CID is CIDv1 over sha2-256 of exactly those bytes.
 * With it off, the body is the canonical JSON of the same map without {@code prev}, and
 * there is no CID. Reading tells the two codecs apart by the body's first byte (a JSON
 * object starts with '{', a CBOR map with a major type 5 byte), so a stream written with
 * both stays readable.
 */
public final class EventBlockCodec {

	/** The content type of a DAG-JSON body. */
	public static final String DAG_JSON_CONTENT_TYPE = "application/vnd.ipld.dag-json";

	/** The content type of a canonical JSON body (content addressing off). */
	public static final String JSON_CONTENT_TYPE = "application/json";

	private final boolean ipld;

	private final IpldCodec codec;

	/**
	 * Create a DAG-JSON codec.
	 * @param ipld whether events are content-addressed
	 */
	public EventBlockCodec(boolean ipld) {
		this(ipld, IpldCodec.DAG_JSON);
	}

	/**
	 * Create a codec.
	 * @param ipld whether events are content-addressed
	 * @param codec the codec blocks are written with when they are
	 */
	public EventBlockCodec(boolean ipld, IpldCodec codec) {
		this.ipld = ipld;
		this.codec = codec;
	}

	/**
	 * The codec blocks are written with.
	 * @return the codec; DAG-JSON for canonical JSON without content addressing
	 */
	public IpldCodec codec() {
		return this.ipld ? this.codec : IpldCodec.DAG_JSON;
	}

	/**
	 * The codec a stored body was written with.
	 * @param body the body
	 * @return the codec
	 */
	public static IpldCodec codecOf(byte[] body) {
		return (body.length > 0 && body[0] == '{') ? IpldCodec.DAG_JSON : IpldCodec.DAG_CBOR;
	}

	/**
	 * Whether this codec writes content-addressed blocks.
	 * @return {@code true} with IPLD on
	 */
	public boolean isContentAddressed() {
		return this.ipld;
	}

	/**
	 * The content type of the bodies this codec writes.
	 * @return the content type
	 */
	public String contentType() {
		return this.ipld ? this.codec.contentType() : JSON_CONTENT_TYPE;
	}

	/**
	 * Encode a block.
	 * @param block the block
	 * @return the block with its bytes and, with IPLD on, its CID
	 * @throws IllegalArgumentException when the data cannot be represented exactly
	 */
	public EncodedEvent encode(EventBlock block) {
		byte[] bytes = codec().encode(toMap(block));
		return new EncodedEvent(block, bytes, this.ipld ? Cid.of(codec().code(), bytes) : null);
	}

	/**
	 * The CID of a body as this codec would compute it.
	 * @param body the body
	 * @return the CID, or {@code null} with IPLD off
	 */
	public @Nullable Cid cidOf(byte[] body) {
		return this.ipld ? Cid.of(codecOf(body).code(), body) : null;
	}

	/**
	 * The CID of a body as this codec would compute it, as text.
	 * @param body the body
	 * @return the CID in base32 lower case ({@code bafy…} or {@code baguqee…}), or
	 * {@code null} with IPLD off
	 */
	public @Nullable String cidTextOf(byte[] body) {
		Cid cid = cidOf(body);
		return (cid != null) ? cid.toString() : null;
	}

	private Map<String, @Nullable Object> toMap(EventBlock block) {
		Map<String, @Nullable Object> map = new LinkedHashMap<>();
		map.put("type", block.type());
		map.put("schema", (long) block.schema());
		Map<String, Object> aggregate = new LinkedHashMap<>();
		aggregate.put("context", block.context());
		aggregate.put("type", block.aggregateType());
		aggregate.put("id", block.aggregateId());
		map.put("aggregate", aggregate);
		map.put("version", block.version());
		map.put("data", DataModelTrees.toDataModel(block.data(), "data"));
		if (this.ipld && block.prev() != null) {
			map.put("prev", block.prev());
		}
		Map<String, Object> meta = new LinkedHashMap<>();
		EventMeta source = block.meta();
		meta.put("eventId", source.eventId());
		meta.put("timestamp", DateTimeFormatter.ISO_INSTANT.format(source.timestamp()));
		if (source.correlationId() != null) {
			meta.put("correlationId", source.correlationId());
		}
		if (source.causationId() != null) {
			meta.put("causationId", source.causationId());
		}
		if (!source.user().isEmpty()) {
			meta.put("user", new TreeMap<>(source.user()));
		}
		map.put("meta", meta);
		return map;
	}

	/**
	 * Decode a body.
	 * @param body the message body
	 * @return the block
	 * @throws EventFormatException when the body is not a well-formed event block
	 */
	public EventBlock decode(byte[] body) {
		Object decoded;
		try {
			decoded = codecOf(body).decode(body);
		}
		catch (IpldCodecException ex) {
			throw new EventFormatException("event body is not canonical " + codecOf(body) + ": " + ex.getMessage(), ex);
		}
		Map<?, ?> map = asMap(decoded, "event");
		Map<?, ?> aggregate = asMap(map.get("aggregate"), "aggregate");
		Map<?, ?> meta = asMap(map.get("meta"), "meta");
		Object prev = map.get("prev");
		if (prev != null && !(prev instanceof Cid)) {
			throw new EventFormatException("event field 'prev' is not a link");
		}
		Map<String, String> user = new TreeMap<>();
		Object userValue = meta.get("user");
		if (userValue != null) {
			for (Map.Entry<?, ?> entry : asMap(userValue, "meta.user").entrySet()) {
				user.put((String) entry.getKey(), string(entry.getValue(), "meta.user." + entry.getKey()));
			}
		}
		if (!map.containsKey("data")) {
			throw new EventFormatException("event field 'data' is missing");
		}
		try {
			EventMeta eventMeta = new EventMeta(string(meta.get("eventId"), "meta.eventId"),
					instant(meta.get("timestamp")), optionalString(meta.get("correlationId"), "meta.correlationId"),
					optionalString(meta.get("causationId"), "meta.causationId"), user);
			return new EventBlock(string(map.get("type"), "type"), schema(map.get("schema")),
					string(aggregate.get("context"), "aggregate.context"),
					string(aggregate.get("type"), "aggregate.type"), string(aggregate.get("id"), "aggregate.id"),
					integer(map.get("version"), "version"), DataModelTrees.toTree(map.get("data")), (Cid) prev,
					eventMeta);
		}
		catch (IllegalArgumentException ex) {
			throw new EventFormatException("event block is invalid: " + ex.getMessage(), ex);
		}
	}

	private static Map<?, ?> asMap(@Nullable Object value, String field) {
		if (value instanceof Map<?, ?> map) {
			return map;
		}
		throw new EventFormatException("event field '" + field + "' is not a map");
	}

	private static String string(@Nullable Object value, String field) {
		if (value instanceof String s) {
			return s;
		}
		throw new EventFormatException("event field '" + field + "' is not a string");
	}

	private static @Nullable String optionalString(@Nullable Object value, String field) {
		return (value != null) ? string(value, field) : null;
	}

	private static long integer(@Nullable Object value, String field) {
		if (value instanceof Long l) {
			return l;
		}
		if (value instanceof BigInteger) {
			throw new EventFormatException("event field '" + field + "' is out of range");
		}
		throw new EventFormatException("event field '" + field + "' is not an integer");
	}

	private static int schema(@Nullable Object value) {
		long schema = integer(value, "schema");
		if (schema < Integer.MIN_VALUE || schema > Integer.MAX_VALUE) {
			throw new EventFormatException("event field 'schema' is out of range: " + schema);
		}
		return (int) schema;
	}

	private static Instant instant(@Nullable Object value) {
		try {
			return Instant.parse(string(value, "meta.timestamp"));
		}
		catch (DateTimeParseException ex) {
			throw new EventFormatException("event field 'meta.timestamp' is not an RFC 3339 UTC time", ex);
		}
	}

}
