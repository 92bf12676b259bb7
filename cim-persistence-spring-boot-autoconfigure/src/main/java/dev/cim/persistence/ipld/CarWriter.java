package dev.cim.persistence.ipld;

import java.io.Flushable;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;

/**
 * Writes a CARv1 archive to a stream: a header, the DAG-CBOR map {@code {"roots":
 * [CID...], "version": 1}} prefixed with its length as an unsigned varint, then one
 * section per block, {@code varint(length of CID and data)}, the binary CID and the data.
 * The writer does not close the stream.
 */
public final class CarWriter implements Flushable {

	private final OutputStream out;

	private int blocks;

	private CarWriter(OutputStream out) {
		this.out = out;
	}

	/**
	 * Start an archive by writing its header.
	 * @param out the stream to write to
	 * @param roots the root CIDs, at least one: readers may accept an archive without
	 * roots, but some (go-car among them) refuse it, so none is written
	 * @return a writer for the blocks
	 * @throws IOException when the stream cannot be written
	 * @throws IllegalArgumentException when there is no root
	 */
	public static CarWriter create(OutputStream out, List<Cid> roots) throws IOException {
		if (roots.isEmpty()) {
			throw new IllegalArgumentException(
					"a CARv1 archive is written with at least one root, which every reader accepts");
		}
		byte[] header = DagCbor.encode(Map.of("roots", List.copyOf(roots), "version", 1L));
		out.write(Varint.encode(header.length));
		out.write(header);
		return new CarWriter(out);
	}

	/**
	 * Append a block.
	 * @param block the block
	 * @return this writer
	 * @throws IOException when the stream cannot be written
	 * @throws IllegalArgumentException when the block does not hash to its CID, or its
	 * CID uses a hash function other than sha2-256 and identity
	 */
	public CarWriter write(Car.Block block) throws IOException {
		return write(block.cid(), block.data());
	}

	/**
	 * Append a block.
	 * @param cid the CID of the block
	 * @param data the bytes of the block
	 * @return this writer
	 * @throws IOException when the stream cannot be written
	 * @throws IllegalArgumentException when the bytes do not hash to the CID, or the CID
	 * uses a hash function other than sha2-256 and identity
	 */
	public CarWriter write(Cid cid, byte[] data) throws IOException {
		Cid actual = CarReader.rehash(cid, data);
		if (!actual.equals(cid)) {
			throw new IllegalArgumentException("block " + this.blocks + " is given CID " + cid
					+ " but its bytes hash to " + actual + ": the archive would not verify");
		}
		byte[] cidBytes = cid.bytes();
		this.out.write(Varint.encode((long) cidBytes.length + data.length));
		this.out.write(cidBytes);
		this.out.write(data);
		this.blocks++;
		return this;
	}

	/**
	 * Return how many blocks were written.
	 * @return the number of blocks
	 */
	public int blockCount() {
		return this.blocks;
	}

	/**
	 * Flush the underlying stream.
	 * @throws IOException when the stream cannot be flushed
	 */
	@Override
	public void flush() throws IOException {
		this.out.flush();
	}

}
