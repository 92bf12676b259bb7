package dev.cim.persistence.ipld;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

import org.jspecify.annotations.Nullable;

/**
 * A self-describing hash: the multicodec code of the hash function and the digest. Its
 * binary form is {@code varint(code) varint(length) digest}. Any code is carried;
 * {@link #sha256(byte[])} is the only function this package computes.
 */
public final class Multihash {

	/**
	 * The multicodec code of sha2-256.
	 */
	public static final long SHA2_256 = 0x12;

	private static final int SHA2_256_LENGTH = 32;

	private final long code;

	private final byte[] digest;

	private Multihash(long code, byte[] digest) {
		this.code = code;
		this.digest = digest;
	}

	/**
	 * Create a multihash from a code and a digest that was computed elsewhere.
	 * @param code the multicodec code of the hash function, not negative
	 * @param digest the digest (copied)
	 * @return the multihash
	 * @throws IllegalArgumentException when the code is negative, or the code is sha2-256
	 * and the digest is not 32 bytes
	 */
	public static Multihash of(long code, byte[] digest) {
		if (code < 0) {
			throw new IllegalArgumentException("multihash code must not be negative: " + code);
		}
		if (code == SHA2_256 && digest.length != SHA2_256_LENGTH) {
			throw new IllegalArgumentException("a sha2-256 digest has 32 bytes, not " + digest.length);
		}
		return new Multihash(code, digest.clone());
	}

	/**
	 * Hash data with sha2-256.
	 * @param data the data
	 * @return the sha2-256 multihash of exactly those bytes
	 */
	public static Multihash sha256(byte[] data) {
		try {
			return new Multihash(SHA2_256, MessageDigest.getInstance("SHA-256").digest(data));
		}
		catch (NoSuchAlgorithmException ex) {
			// Every Java platform is required to provide SHA-256.
			throw new IllegalStateException("SHA-256 is not available", ex);
		}
	}

	/**
	 * Decode the binary form of a multihash that spans the whole array.
	 * @param bytes {@code varint(code) varint(length) digest}
	 * @return the multihash
	 * @throws IllegalArgumentException when the bytes are not exactly one multihash
	 */
	public static Multihash decode(byte[] bytes) {
		Multihash multihash = decode(bytes, 0);
		int size = multihash.size();
		if (size != bytes.length) {
			throw new IllegalArgumentException(
					"multihash takes " + size + " bytes but " + (bytes.length - size) + " bytes follow it");
		}
		return multihash;
	}

	/**
	 * Decode the multihash that starts at an offset; it takes {@link #size()} bytes.
	 * @param bytes the bytes to read from
	 * @param offset where the multihash starts
	 * @return the multihash
	 * @throws IllegalArgumentException when there is no complete multihash at the offset
	 */
	static Multihash decode(byte[] bytes, int offset) {
		long code = Varint.decode(bytes, offset);
		int lengthOffset = offset + Varint.sizeOf(code);
		long length = Varint.decode(bytes, lengthOffset);
		int digestOffset = lengthOffset + Varint.sizeOf(length);
		if (length > bytes.length - digestOffset) {
			throw new IllegalArgumentException("multihash digest is declared as " + length + " bytes but only "
					+ (bytes.length - digestOffset) + " bytes are left");
		}
		byte[] digest = Arrays.copyOfRange(bytes, digestOffset, digestOffset + (int) length);
		if (code == SHA2_256 && digest.length != SHA2_256_LENGTH) {
			throw new IllegalArgumentException("a sha2-256 digest has 32 bytes, not " + digest.length);
		}
		return new Multihash(code, digest);
	}

	/**
	 * Return the multicodec code of the hash function.
	 * @return the code, for example {@link #SHA2_256}
	 */
	public long code() {
		return this.code;
	}

	/**
	 * Return the digest.
	 * @return a copy of the digest
	 */
	public byte[] digest() {
		return this.digest.clone();
	}

	/**
	 * Return the binary form.
	 * @return {@code varint(code) varint(length) digest}
	 */
	public byte[] bytes() {
		byte[] code = Varint.encode(this.code);
		byte[] length = Varint.encode(this.digest.length);
		byte[] bytes = new byte[code.length + length.length + this.digest.length];
		System.arraycopy(code, 0, bytes, 0, code.length);
		System.arraycopy(length, 0, bytes, code.length, length.length);
		System.arraycopy(this.digest, 0, bytes, code.length + length.length, this.digest.length);
		return bytes;
	}

	/**
	 * Return the size of the binary form.
	 * @return the number of bytes {@link #bytes()} returns
	 */
	public int size() {
		return Varint.sizeOf(this.code) + Varint.sizeOf(this.digest.length) + this.digest.length;
	}

	@Override
	public boolean equals(@Nullable Object other) {
		return other instanceof Multihash that && this.code == that.code && Arrays.equals(this.digest, that.digest);
	}

	@Override
	public int hashCode() {
		return 31 * Long.hashCode(this.code) + Arrays.hashCode(this.digest);
	}

	@Override
	public String toString() {
		return "Multihash[code=0x" + Long.toHexString(this.code) + ", digest=" + HexFormat.of().formatHex(this.digest)
				+ "]";
	}

}
