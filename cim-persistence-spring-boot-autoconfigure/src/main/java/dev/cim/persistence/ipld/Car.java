package dev.cim.persistence.ipld;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * A whole CARv1 archive in memory: its root CIDs and its blocks in archive order. Use
 * {@link CarReader} and {@link CarWriter} to stream an archive instead.
 * <p>
 * An archive read may have no root: {@code roots: []} is what {@code @ipld/car} writes
 * for a bundle of blocks, and what the IPLD codec fixtures ship. One is written only with
 * at least one root.
 *
 * @param roots the root CIDs of the header, possibly none
 * @param blocks the blocks, in the order they appear in the archive
 */
public record Car(List<Cid> roots, List<Block> blocks) {

	/**
	 * Create an archive.
	 * @param roots the root CIDs of the header, possibly none (copied)
	 * @param blocks the blocks, in order (copied)
	 */
	public Car {
		roots = List.copyOf(roots);
		blocks = List.copyOf(blocks);
	}

	/**
	 * Read a whole archive, checking every block against its CID.
	 * @param in the stream, read to its end and not closed
	 * @return the archive
	 * @throws IOException when the stream cannot be read
	 * @throws CarFormatException when the stream is not a well-formed CARv1 archive
	 * @throws CarBlockMismatchException when a block does not hash to its CID
	 */
	public static Car read(InputStream in) throws IOException {
		CarReader reader = CarReader.open(in);
		List<Block> blocks = new ArrayList<>();
		for (Optional<Block> block = reader.next(); block.isPresent(); block = reader.next()) {
			blocks.add(block.get());
		}
		return new Car(reader.roots(), blocks);
	}

	/**
	 * Write the archive: the header, then each block in order.
	 * @param out the stream, flushed and not closed
	 * @throws IOException when the stream cannot be written
	 * @throws IllegalArgumentException when the archive has no root, or a block does not
	 * hash to its CID
	 */
	public void write(OutputStream out) throws IOException {
		CarWriter writer = CarWriter.create(out, this.roots);
		for (Block block : this.blocks) {
			writer.write(block);
		}
		writer.flush();
	}

	/**
	 * Return the first block stored under a CID.
	 * @param cid the CID
	 * @return the block, or empty when the archive has none under that CID
	 */
	public Optional<Block> block(Cid cid) {
		return this.blocks.stream().filter((block) -> block.cid().equals(cid)).findFirst();
	}

	/**
	 * One block of an archive: the bytes of an IPLD block and the CID they are stored
	 * under.
	 *
	 * @param cid the CID of the block
	 * @param data the bytes of the block
	 */
	public record Block(Cid cid, byte[] data) {

		/**
		 * Create a block; the bytes are copied, and are checked against the CID when the
		 * block is written or read.
		 * @param cid the CID of the block
		 * @param data the bytes of the block
		 */
		public Block {
			data = data.clone();
		}

		/**
		 * Create a block under its CIDv1 over sha2-256.
		 * @param codec the multicodec code of the block's codec, such as
		 * {@link Cid#DAG_CBOR}
		 * @param data the bytes of the block
		 * @return the block
		 */
		public static Block of(long codec, byte[] data) {
			return new Block(Cid.of(codec, data), data);
		}

		/**
		 * Return the bytes of the block.
		 * @return a copy of the bytes
		 */
		@Override
		public byte[] data() {
			return this.data.clone();
		}

		/**
		 * Return the number of bytes of the block, without copying them.
		 * @return the size
		 */
		public int size() {
			return this.data.length;
		}

		@Override
		public boolean equals(@Nullable Object other) {
			return other instanceof Block that && this.cid.equals(that.cid) && Arrays.equals(this.data, that.data);
		}

		@Override
		public int hashCode() {
			return 31 * this.cid.hashCode() + Arrays.hashCode(this.data);
		}

		@Override
		public String toString() {
			return "Block[cid=" + this.cid + ", size=" + this.data.length + "]";
		}

	}

}
