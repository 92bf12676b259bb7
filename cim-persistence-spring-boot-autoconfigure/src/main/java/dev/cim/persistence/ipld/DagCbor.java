package dev.cim.persistence.ipld;

import org.jspecify.annotations.Nullable;

/**
 * The DAG-CBOR codec (multicodec {@code 0x71}), canonical on encode and strict on decode.
 * <p>
 * Values of the IPLD data model are represented in Java as for {@link DagJson}:
 * {@code null}, {@link Boolean}, integers as {@link Long} or {@link java.math.BigInteger}
 * ({@link Integer}, {@link Short} and {@link Byte} are accepted when encoding), floats as
 * {@link Double}, {@link String}, {@code byte[]}, {@link java.util.List},
 * {@link java.util.Map} with {@link String} keys, and {@link Cid} for links.
 * <p>
 * Encoding follows the DAG-CBOR specification: integers (major types 0 and 1, from
 * {@code -2^64} to {@code 2^64-1}) and the lengths of strings, bytes, lists and maps in
 * their shortest form; map keys sorted as RFC 7049 canonical CBOR does, the shorter key
 * first and keys of the same length by their UTF-8 bytes, whatever the order of the given
 * map; floats always as 64-bit (never NaN or Infinity); links as tag 42 over a byte
 * string of {@code 0x00} and the binary CID; no other tag, no indefinite length, no
 * simple value but false, true and null.
 * <p>
 * Decoding accepts only what encoding produces, so that a block's bytes and its CID are
 * determined by its value: non-shortest integers and lengths, unsorted or repeated keys,
 * keys that are not strings, other tags, indefinite lengths, {@code undefined}, 16- and
 * 32-bit floats, NaN, Infinity, invalid UTF-8 and trailing bytes are rejected.
 */
public final class DagCbor {

	/**
	 * The multicodec code of DAG-CBOR.
	 */
	public static final long CODEC = Cid.DAG_CBOR;

	private DagCbor() {
	}

	/**
	 * Encode a value as canonical DAG-CBOR.
	 * @param value a value of the data model
	 * @return the canonical bytes
	 * @throws IpldCodecException when the value, or a value inside it, is of an
	 * unsupported type, is an integer outside {@code -2^64 .. 2^64-1}, is a float that is
	 * NaN or infinite, or holds a string that is not valid Unicode
	 */
	public static byte[] encode(@Nullable Object value) {
		return new DagCborWriter().write(value);
	}

	/**
	 * Decode canonical DAG-CBOR. Maps are returned in key order, and maps and lists are
	 * unmodifiable; integers are {@link Long} when they fit and
	 * {@link java.math.BigInteger} otherwise.
	 * @param bytes the bytes of a block
	 * @return the value
	 * @throws IpldCodecException when the bytes are not canonical DAG-CBOR; the message
	 * says what is wrong and at which byte offset
	 */
	public static @Nullable Object decode(byte[] bytes) {
		return new DagCborReader(bytes).read();
	}

	/**
	 * Return the CID of a value encoded as DAG-CBOR.
	 * @param value a value of the data model
	 * @return {@code Cid.of(Cid.DAG_CBOR, encode(value))}
	 * @throws IpldCodecException when the value cannot be encoded
	 */
	public static Cid cid(@Nullable Object value) {
		return Cid.of(Cid.DAG_CBOR, encode(value));
	}

}
