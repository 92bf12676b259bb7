package dev.cim.persistence.ipld;

import java.util.Arrays;

import org.jspecify.annotations.Nullable;

/**
 * A content identifier: an immutable value made of a version (0 or 1), the multicodec
 * code of the content's codec, and the multihash of the content's bytes.
 * <p>
 * The binary form of a CIDv1 is {@code varint(1) varint(codec) multihash}, and its string
 * form is that in multibase base32 lower case ({@code bafy…} for DAG-CBOR,
 * {@code baguqee…} for DAG-JSON). A CIDv0 is always DAG-PB over sha2-256: its binary form
 * is the bare multihash and its string form the base58btc text of it ({@code Qm…}).
 * Equality is that of the binary form.
 */
public final class Cid {

	/**
	 * The multicodec code of DAG-JSON.
	 */
	public static final long DAG_JSON = 0x0129;

	/**
	 * The multicodec code of DAG-CBOR.
	 */
	public static final long DAG_CBOR = 0x71;

	/**
	 * The multicodec code of raw bytes.
	 */
	public static final long RAW = 0x55;

	/**
	 * The multicodec code of DAG-PB, the only codec of CIDv0.
	 */
	public static final long DAG_PB = 0x70;

	private static final int V0_LENGTH = 34;

	private static final int V0_STRING_LENGTH = 46;

	/**
	 * The longest CID string parsed, far more than any hash function's CID takes (about
	 * 60 characters for sha2-256, a few hundred for an identity CID of a small block).
	 * Decoding base58btc takes time quadratic in the length, so longer text is refused
	 * unread.
	 */
	public static final int MAX_STRING_LENGTH = 1024;

	private final int version;

	private final long codec;

	private final Multihash multihash;

	private final byte[] bytes;

	private Cid(int version, long codec, Multihash multihash) {
		this.version = version;
		this.codec = codec;
		this.multihash = multihash;
		this.bytes = (version == 0) ? multihash.bytes()
				: concat(Varint.encode(1), Varint.encode(codec), multihash.bytes());
	}

	/**
	 * Return the CIDv1 of a block: sha2-256 over exactly the given bytes.
	 * @param codec the multicodec code of the block's codec, such as {@link #DAG_JSON}
	 * @param block the encoded block
	 * @return the CID
	 * @throws IllegalArgumentException when the codec is negative
	 */
	public static Cid of(long codec, byte[] block) {
		return v1(codec, Multihash.sha256(block));
	}

	/**
	 * Create a CIDv1.
	 * @param codec the multicodec code of the content's codec
	 * @param multihash the multihash of the content
	 * @return the CID
	 * @throws IllegalArgumentException when the codec is negative
	 */
	public static Cid v1(long codec, Multihash multihash) {
		if (codec < 0) {
			throw new IllegalArgumentException("codec must not be negative: " + codec);
		}
		return new Cid(1, codec, multihash);
	}

	/**
	 * Create a CIDv0 of DAG-PB content.
	 * @param multihash the sha2-256 multihash of the content
	 * @return the CID
	 * @throws IllegalArgumentException when the multihash is not sha2-256
	 */
	public static Cid v0(Multihash multihash) {
		if (multihash.code() != Multihash.SHA2_256) {
			throw new IllegalArgumentException(
					"a CIDv0 needs a sha2-256 multihash, not code 0x" + Long.toHexString(multihash.code()));
		}
		return new Cid(0, DAG_PB, multihash);
	}

	/**
	 * Parse the string form of a CID: a 46-character CIDv0 ({@code Qm…}), or a CIDv1 in
	 * multibase base32 lower case ({@code b…}) or base58btc ({@code z…}).
	 * @param text the string
	 * @return the CID
	 * @throws IllegalArgumentException when the string is not a CID in one of these
	 * forms, or is longer than {@link #MAX_STRING_LENGTH}
	 */
	public static Cid parse(String text) {
		if (text.length() > MAX_STRING_LENGTH) {
			throw new IllegalArgumentException("not a CID string: " + text.length() + " characters, more than the "
					+ MAX_STRING_LENGTH + " a CID string may have");
		}
		if (text.length() == V0_STRING_LENGTH && text.startsWith("Qm")) {
			return decode(Base58.decode(text));
		}
		byte[] bytes;
		try {
			bytes = Multibase.decode(text);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException("not a CID string: \"" + text + "\": " + ex.getMessage(), ex);
		}
		Cid cid = decode(bytes);
		if (cid.version == 0) {
			throw new IllegalArgumentException("not a CID string: \"" + text
					+ "\": a CIDv0 is written in bare base58btc, without a multibase prefix");
		}
		return cid;
	}

	/**
	 * Decode the binary form of a CID.
	 * @param bytes a bare sha2-256 multihash (CIDv0) or
	 * {@code varint(1) varint(codec) multihash} (CIDv1)
	 * @return the CID
	 * @throws IllegalArgumentException when the bytes are not exactly one CID
	 */
	public static Cid decode(byte[] bytes) {
		if (bytes.length == V0_LENGTH && bytes[0] == Multihash.SHA2_256 && bytes[1] == 32) {
			return v0(Multihash.decode(bytes));
		}
		try {
			long version = Varint.decode(bytes, 0);
			if (version != 1) {
				throw new IllegalArgumentException("unsupported CID version " + version);
			}
			int offset = Varint.sizeOf(version);
			long codec = Varint.decode(bytes, offset);
			offset += Varint.sizeOf(codec);
			Multihash multihash = Multihash.decode(bytes, offset);
			offset += multihash.size();
			if (offset != bytes.length) {
				throw new IllegalArgumentException((bytes.length - offset) + " bytes follow the multihash");
			}
			return v1(codec, multihash);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException("not a binary CID: " + ex.getMessage(), ex);
		}
	}

	/**
	 * Return the version.
	 * @return 0 or 1
	 */
	public int version() {
		return this.version;
	}

	/**
	 * Return the multicodec code of the content's codec.
	 * @return the codec, {@link #DAG_PB} for a CIDv0
	 */
	public long codec() {
		return this.codec;
	}

	/**
	 * Return the multihash of the content.
	 * @return the multihash
	 */
	public Multihash multihash() {
		return this.multihash;
	}

	/**
	 * Return the binary form.
	 * @return a copy of the binary form
	 */
	public byte[] bytes() {
		return this.bytes.clone();
	}

	/**
	 * Return the canonical string form: base32 lower case with prefix {@code b} for a
	 * CIDv1, bare base58btc for a CIDv0.
	 * @return the string form
	 */
	@Override
	public String toString() {
		return (this.version == 0) ? Base58.encode(this.bytes) : Multibase.encodeBase32(this.bytes);
	}

	@Override
	public boolean equals(@Nullable Object other) {
		return other instanceof Cid that && Arrays.equals(this.bytes, that.bytes);
	}

	@Override
	public int hashCode() {
		return Arrays.hashCode(this.bytes);
	}

	private static byte[] concat(byte[]... parts) {
		int length = 0;
		for (byte[] part : parts) {
			length += part.length;
		}
		byte[] all = new byte[length];
		int offset = 0;
		for (byte[] part : parts) {
			System.arraycopy(part, 0, all, offset, part.length);
			offset += part.length;
		}
		return all;
	}

}
