package dev.cim.persistence.ipld;

/**
 * A block in a CAR archive does not hash to the CID it is stored under: its bytes were
 * altered, or it was written under the wrong CID.
 */
public class CarBlockMismatchException extends CarFormatException {

	private static final long serialVersionUID = 1L;

	// Binary forms, since Cid is not serializable.
	private final byte[] cid;

	private final byte[] actual;

	private final int index;

	/**
	 * Create an exception about one block.
	 * @param cid the CID the block is stored under
	 * @param actual the CID its bytes hash to, with the same version, codec and hash
	 * function
	 * @param index the position of the block in the archive, from 0
	 * @param offset the byte offset in the stream where the block's section starts
	 */
	public CarBlockMismatchException(Cid cid, Cid actual, int index, long offset) {
		super("block " + index + " is stored under CID " + cid + " but its bytes hash to " + actual, offset);
		this.cid = cid.bytes();
		this.actual = actual.bytes();
		this.index = index;
	}

	/**
	 * Return the CID the block is stored under.
	 * @return the claimed CID
	 */
	public Cid cid() {
		return Cid.decode(this.cid);
	}

	/**
	 * Return the CID the block's bytes hash to.
	 * @return the computed CID
	 */
	public Cid actual() {
		return Cid.decode(this.actual);
	}

	/**
	 * Return the position of the block in the archive.
	 * @return the index, from 0 for the first block after the header
	 */
	public int index() {
		return this.index;
	}

}
