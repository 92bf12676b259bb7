package dev.cim.persistence.ipld;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a CARv1 archive from a stream, block by block, and checks each block against its
 * CID as it goes: a block whose bytes do not hash to its CID is never returned.
 * <p>
 * The header must be a DAG-CBOR map of exactly {@code version} 1 and a list of
 * {@code roots}, which may be empty: the specification leaves that open,
 * {@code @ipld/car} writes {@code roots: []} for a bundle of blocks, and go-car reads it
 * on request. Blocks may be under a CIDv0 or a CIDv1; their hash function must be
 * sha2-256 or identity, the ones this package can recompute. The reader does not close
 * the stream.
 */
public final class CarReader {

	/**
	 * The largest header or section accepted, 32 MiB, so that a forged length cannot
	 * exhaust memory (the limit of the reference Go implementation).
	 */
	public static final int MAX_SECTION_SIZE = 32 << 20;

	/**
	 * The multicodec code of the identity hash, whose digest is the data itself.
	 */
	private static final long IDENTITY = 0x00;

	private static final Set<String> HEADER_KEYS = Set.of("roots", "version");

	private final InputStream in;

	private final List<Cid> roots;

	private long position;

	private int index;

	private CarReader(InputStream in, List<Cid> roots, long position) {
		this.in = in;
		this.roots = roots;
		this.position = position;
	}

	/**
	 * Start reading an archive by reading its header.
	 * @param in the stream, positioned at the start of the archive
	 * @return a reader for the blocks
	 * @throws IOException when the stream cannot be read
	 * @throws CarFormatException when the header is missing, truncated, not DAG-CBOR, not
	 * version 1, or without a list of roots
	 */
	public static CarReader open(InputStream in) throws IOException {
		CarReader reader = new CarReader(in, List.of(), 0);
		long length = reader.readLength("header");
		if (length < 0) {
			throw new CarFormatException("empty stream: a CARv1 archive starts with a header", 0);
		}
		long start = reader.position;
		byte[] header = reader.readSection(length, "header");
		return new CarReader(in, header(header, start), reader.position);
	}

	/**
	 * Return the roots of the archive, from its header.
	 * @return the root CIDs, possibly none
	 */
	public List<Cid> roots() {
		return this.roots;
	}

	/**
	 * Read the next block and check it against its CID.
	 * @return the block, or empty at the end of the archive
	 * @throws IOException when the stream cannot be read
	 * @throws CarFormatException when the section is truncated or malformed, or its CID
	 * uses a hash function that cannot be recomputed
	 * @throws CarBlockMismatchException when the block does not hash to its CID
	 */
	public Optional<Car.Block> next() throws IOException {
		long start = this.position;
		long length = readLength("block " + this.index);
		if (length < 0) {
			return Optional.empty();
		}
		byte[] section = readSection(length, "block " + this.index);
		int cidLength = cidLength(section, start);
		Cid cid;
		try {
			cid = Cid.decode(Arrays.copyOfRange(section, 0, cidLength));
		}
		catch (IllegalArgumentException ex) {
			throw new CarFormatException("block " + this.index + " has an invalid CID: " + ex.getMessage(), start, ex);
		}
		byte[] data = Arrays.copyOfRange(section, cidLength, section.length);
		Cid actual;
		try {
			actual = rehash(cid, data);
		}
		catch (IllegalArgumentException ex) {
			throw new CarFormatException(
					"block " + this.index + " (CID " + cid + ") cannot be verified: " + ex.getMessage(), start, ex);
		}
		if (!actual.equals(cid)) {
			throw new CarBlockMismatchException(cid, actual, this.index, start);
		}
		this.index++;
		return Optional.of(new Car.Block(cid, data));
	}

	/**
	 * Return the CID that a block's bytes hash to, with the version, codec and hash
	 * function of the CID it claims.
	 * @throws IllegalArgumentException when the hash function is neither sha2-256 nor
	 * identity
	 */
	static Cid rehash(Cid cid, byte[] data) {
		long code = cid.multihash().code();
		Multihash multihash;
		if (code == Multihash.SHA2_256) {
			multihash = Multihash.sha256(data);
		}
		else if (code == IDENTITY) {
			multihash = Multihash.of(IDENTITY, data);
		}
		else {
			throw new IllegalArgumentException("its hash function, multihash code 0x" + Long.toHexString(code)
					+ ", is not one this reader can recompute (sha2-256 and identity)");
		}
		return (cid.version() == 0) ? Cid.v0(multihash) : Cid.v1(cid.codec(), multihash);
	}

	private static List<Cid> header(byte[] bytes, long start) {
		Object value;
		try {
			value = DagCbor.decode(bytes);
		}
		catch (IpldCodecException ex) {
			throw new CarFormatException("header is not canonical DAG-CBOR: " + ex.getMessage(),
					start + Math.max(ex.offset(), 0), ex);
		}
		if (!(value instanceof Map<?, ?> map)) {
			throw new CarFormatException("header is not a map", start);
		}
		Object version = map.get("version");
		if (version == null) {
			throw new CarFormatException("header has no version", start);
		}
		if (!version.equals(1L)) {
			throw new CarFormatException("header has version " + version + ": only CARv1 (version 1) is supported"
					+ (version.equals(2L) ? ", CARv2 is not" : ""), start);
		}
		for (Object key : map.keySet()) {
			if (!HEADER_KEYS.contains(key)) {
				throw new CarFormatException("header has an unknown field \"" + key + "\"", start);
			}
		}
		if (!(map.get("roots") instanceof List<?> list)) {
			throw new CarFormatException("header has no list of roots: a CARv1 header has one, possibly empty", start);
		}
		List<Cid> roots = new ArrayList<>(list.size());
		for (Object root : list) {
			if (!(root instanceof Cid cid)) {
				throw new CarFormatException("header root " + roots.size() + " is not a link", start);
			}
			roots.add(cid);
		}
		return List.copyOf(roots);
	}

	/**
	 * Return the length of the CID at the start of a section: 34 bytes for a CIDv0, which
	 * starts {@code 0x12 0x20}, otherwise {@code varint(1) varint(codec) multihash}.
	 */
	private int cidLength(byte[] section, long start) {
		if (section.length >= 2 && section[0] == Multihash.SHA2_256 && section[1] == 32) {
			if (section.length < 34) {
				throw new CarFormatException("block " + this.index + " is shorter than its CIDv0", start);
			}
			return 34;
		}
		try {
			long version = Varint.decode(section, 0);
			int offset = Varint.sizeOf(version);
			long codec = Varint.decode(section, offset);
			offset += Varint.sizeOf(codec);
			return offset + Multihash.decode(section, offset).size();
		}
		catch (IllegalArgumentException ex) {
			throw new CarFormatException("block " + this.index + " has an invalid CID: " + ex.getMessage(), start, ex);
		}
	}

	/**
	 * Read the unsigned varint that starts a header or section.
	 * @return the length, or -1 when the stream ends before its first byte
	 */
	private long readLength(String what) throws IOException {
		long start = this.position;
		long value = 0;
		for (int i = 0; i < Varint.MAX_BYTES; i++) {
			int b = this.in.read();
			if (b < 0) {
				if (i == 0) {
					return -1;
				}
				throw new CarFormatException("stream ends inside the length of " + what, start);
			}
			this.position++;
			value |= ((long) (b & 0x7F)) << (7 * i);
			if ((b & 0x80) == 0) {
				if (b == 0 && i > 0) {
					throw new CarFormatException("length of " + what + " is not a minimal varint", start);
				}
				return value;
			}
		}
		throw new CarFormatException("length of " + what + " is longer than " + Varint.MAX_BYTES + " bytes", start);
	}

	private byte[] readSection(long length, String what) throws IOException {
		long start = this.position;
		if (length == 0) {
			throw new CarFormatException(what + " is empty", start);
		}
		if (length > MAX_SECTION_SIZE) {
			throw new CarFormatException(
					what + " declares " + length + " bytes, more than the limit of " + MAX_SECTION_SIZE, start);
		}
		// readNBytes grows its buffer as bytes arrive, so a forged length costs nothing.
		byte[] bytes = this.in.readNBytes((int) length);
		this.position += bytes.length;
		if (bytes.length < length) {
			throw new CarFormatException("stream is truncated: " + what + " declares " + length
					+ " bytes but the stream ends after " + bytes.length, start);
		}
		return bytes;
	}

	/**
	 * Return how many blocks were read.
	 * @return the number of blocks returned by {@link #next()}
	 */
	public int blockCount() {
		return this.index;
	}

	@Override
	public String toString() {
		return "CarReader[roots=" + this.roots + ", blocksRead=" + this.index + "]";
	}

}
