package dev.cim.persistence.embedded;

import java.util.List;

/**
 * No nats-server executable was found in any of the places searched. The message lists
 * them and says how to install one.
 */
public class NatsServerNotFoundException extends EmbeddedNatsServerException {

	private static final long serialVersionUID = 1L;

	private final List<String> searched;

	/**
	 * Create an exception.
	 * @param searched the places searched, in order, each with what was found there
	 */
	public NatsServerNotFoundException(List<String> searched) {
		super(message(searched));
		this.searched = List.copyOf(searched);
	}

	private static String message(List<String> searched) {
		StringBuilder message = new StringBuilder("No nats-server executable was found. Searched:\n");
		searched.forEach((place) -> message.append("  - ").append(place).append('\n'));
		return message.append(NatsServerInstallHint.TEXT).toString();
	}

	/**
	 * The places searched, in order.
	 * @return a description of each place and what was found there
	 */
	public List<String> getSearched() {
		return this.searched;
	}

}
