package dev.cim.persistence.ipld;

/**
 * A value cannot be encoded, or bytes cannot be decoded, by an IPLD codec. The message
 * says what was wrong and, when decoding, at which byte offset. It is an
 * {@link IllegalArgumentException}, as the value or the bytes given are what is wrong.
 */
public class IpldCodecException extends IllegalArgumentException {

	private static final long serialVersionUID = 1L;

	private final int offset;

	/**
	 * Create an exception that is not tied to a position in the input.
	 * @param message what was wrong
	 */
	public IpldCodecException(String message) {
		super(message);
		this.offset = -1;
	}

	/**
	 * Create an exception about the input at a byte offset.
	 * @param message what was wrong
	 * @param offset the byte offset in the input where the problem was found
	 */
	public IpldCodecException(String message, int offset) {
		super(message + " at byte offset " + offset);
		this.offset = offset;
	}

	/**
	 * Create an exception about the input at a byte offset, with a cause.
	 * @param message what was wrong
	 * @param offset the byte offset in the input where the problem was found
	 * @param cause the cause
	 */
	public IpldCodecException(String message, int offset, Throwable cause) {
		super(message + " at byte offset " + offset, cause);
		this.offset = offset;
	}

	/**
	 * Return the byte offset in the input where the problem was found.
	 * @return the offset, or -1 when the problem is not tied to a position
	 */
	public int offset() {
		return this.offset;
	}

}
