package dev.cim.persistence.ipld;

import org.jspecify.annotations.Nullable;

/**
 * The DAG-JSON codec (multicodec {@code 0x0129}), canonical on encode and strict on
 * decode.
 * <p>
 * Values of the IPLD data model are represented in Java as {@code null}, {@link Boolean},
 * integers as {@link Long} or {@link java.math.BigInteger} ({@link Integer},
 * {@link Short} and {@link Byte} are accepted when encoding), floats as {@link Double},
 * {@link String}, {@code byte[]}, {@link java.util.List}, {@link java.util.Map} with
 * {@link String} keys, and {@link Cid} for links.
 * <p>
 * Encoding follows the DAG-JSON specification: map keys sorted by their UTF-8 bytes
 * whatever the order of the given map, no whitespace, links as {@code {"/":"<cid>"}},
 * bytes as {@code {"/":{"bytes":"<base64 without padding>"}}}, floats always with a
 * decimal point or an exponent and in their shortest form, no NaN or Infinity. Strings
 * are escaped as the reference encoders do: {@code \"}, {@code \\}, {@code \b},
 * {@code \f}, {@code \n}, {@code \r}, {@code \t}, other control characters as a
 * backslash, {@code u00} and two lower-case hex digits, and everything else as UTF-8.
 * <p>
 * Decoding accepts only what encoding produces, so that a block's bytes and its CID are
 * determined by its value: unsorted or repeated keys, whitespace, non-canonical escapes,
 * numbers or links are rejected.
 */
public final class DagJson {

	/**
	 * The multicodec code of DAG-JSON.
	 */
	public static final long CODEC = Cid.DAG_JSON;

	private DagJson() {
	}

	/**
	 * Encode a value as canonical DAG-JSON.
	 * @param value a value of the data model
	 * @return the canonical bytes
	 * @throws IpldCodecException when the value, or a value inside it, is of an
	 * unsupported type, is a float that is NaN or infinite, holds a string that is not
	 * valid Unicode, or is a map that takes a form reserved for links and bytes
	 */
	public static byte[] encode(@Nullable Object value) {
		return new DagJsonWriter().write(value);
	}

	/**
	 * Decode canonical DAG-JSON. Maps are returned in key order, and maps and lists are
	 * unmodifiable; integers are {@link Long} when they fit and
	 * {@link java.math.BigInteger} otherwise.
	 * @param bytes the bytes of a block
	 * @return the value
	 * @throws IpldCodecException when the bytes are not canonical DAG-JSON; the message
	 * says what is wrong and at which byte offset
	 */
	public static @Nullable Object decode(byte[] bytes) {
		return new DagJsonReader(bytes).read();
	}

	/**
	 * Return the CID of a value encoded as DAG-JSON.
	 * @param value a value of the data model
	 * @return {@code Cid.of(Cid.DAG_JSON, encode(value))}
	 * @throws IpldCodecException when the value cannot be encoded
	 */
	public static Cid cid(@Nullable Object value) {
		return Cid.of(Cid.DAG_JSON, encode(value));
	}

}
