package dev.cim.persistence.nats;

import org.jspecify.annotations.Nullable;

/**
 * A stream or bucket the store needs exists with settings that contradict the
 * configuration, or could not be created. The store never edits an existing stream: the
 * operator decides.
 */
public class StoreProvisioningException extends IllegalStateException {

	private static final long serialVersionUID = 1L;

	private final String resource;

	private final @Nullable String setting;

	private final @Nullable String expected;

	private final @Nullable String found;

	/**
	 * Create an exception for a setting that contradicts the configuration.
	 * @param resource the stream or bucket, for example {@code stream EVENTS}
	 * @param setting the setting, in the server's words (for example
	 * {@code allow_atomic})
	 * @param expected the value the configuration requires
	 * @param found the value the server has
	 */
	public StoreProvisioningException(String resource, String setting, String expected, String found) {
		super(resource + " exists with " + setting + " = " + found + ", but the configuration requires " + setting
				+ " = " + expected + ". Existing streams are never changed automatically: edit " + resource
				+ " (for example with the nats CLI), or configure another name");
		this.resource = resource;
		this.setting = setting;
		this.expected = expected;
		this.found = found;
	}

	/**
	 * Create an exception for a resource that could not be created or read.
	 * @param resource the stream or bucket
	 * @param message what went wrong
	 * @param cause the cause
	 */
	public StoreProvisioningException(String resource, String message, Throwable cause) {
		super(resource + ": " + message, cause);
		this.resource = resource;
		this.setting = null;
		this.expected = null;
		this.found = null;
	}

	/**
	 * The stream or bucket concerned.
	 * @return its description, for example {@code stream EVENTS}
	 */
	public String getResource() {
		return this.resource;
	}

	/**
	 * The setting that contradicts the configuration.
	 * @return the setting, or {@code null} when the problem is not a mismatch
	 */
	public @Nullable String getSetting() {
		return this.setting;
	}

	/**
	 * The value the configuration requires.
	 * @return the value, or {@code null} when the problem is not a mismatch
	 */
	public @Nullable String getExpected() {
		return this.expected;
	}

	/**
	 * The value found on the server.
	 * @return the value, or {@code null} when the problem is not a mismatch
	 */
	public @Nullable String getFound() {
		return this.found;
	}

}
