package dev.cim.persistence.embedded;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A nats-server process exited or did not become ready in time. The message ends with the
 * last lines the server printed.
 */
public class NatsServerStartupException extends EmbeddedNatsServerException {

	private static final long serialVersionUID = 1L;

	private final List<String> output;

	/**
	 * Create an exception.
	 * @param reason what went wrong
	 * @param output the last lines the server printed, oldest first
	 * @param cause the cause, if any
	 */
	public NatsServerStartupException(String reason, List<String> output, @Nullable Throwable cause) {
		super(message(reason, output), cause);
		this.output = List.copyOf(output);
	}

	private static String message(String reason, List<String> output) {
		if (output.isEmpty()) {
			return reason + " (the server printed nothing)";
		}
		return reason + ". Last output of the server:\n  " + String.join("\n  ", output);
	}

	/**
	 * The last lines the server printed.
	 * @return the lines, oldest first
	 */
	public List<String> getOutput() {
		return this.output;
	}

}
