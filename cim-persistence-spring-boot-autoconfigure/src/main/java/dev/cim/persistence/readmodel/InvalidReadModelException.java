package dev.cim.persistence.readmodel;

/**
 * A {@link ReadModel} class cannot be used: a missing annotation, an invalid type or
 * version, or an {@link Apply} method with a signature that cannot be called.
 */
public class InvalidReadModelException extends IllegalArgumentException {

	private static final long serialVersionUID = 1L;

	/**
	 * Create the exception.
	 * @param message what is wrong and where
	 */
	public InvalidReadModelException(String message) {
		super(message);
	}

}
