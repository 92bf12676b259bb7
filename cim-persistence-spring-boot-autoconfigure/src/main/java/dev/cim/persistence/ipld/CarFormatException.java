package dev.cim.persistence.ipld;

/**
 * A stream is not a well-formed CARv1 archive: its header is not a version 1 header with
 * a list of roots, a section is truncated or malformed, or a block's CID is not a CID or
 * uses a hash function that cannot be checked. The message says what was wrong and at
 * which byte offset of the stream.
 */
public class CarFormatException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final long offset;

	/**
	 * Create an exception about the stream at a byte offset.
	 * @param message what was wrong
	 * @param offset the byte offset in the stream where the problem was found
	 */
	public CarFormatException(String message, long offset) {
		super(message + " at byte offset " + offset);
		this.offset = offset;
	}

	/**
	 * Create an exception about the stream at a byte offset, with a cause.
	 * @param message what was wrong
	 * @param offset the byte offset in the stream where the problem was found
	 * @param cause the cause
	 */
	public CarFormatException(String message, long offset, Throwable cause) {
		super(message + " at byte offset " + offset, cause);
		this.offset = offset;
	}

	/**
	 * Return the byte offset in the stream where the problem was found.
	 * @return the offset
	 */
	public long offset() {
		return this.offset;
	}

}
