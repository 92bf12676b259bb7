package dev.cim.persistence.autoconfigure;

import dev.cim.persistence.embedded.NatsServerNotFoundException;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains a {@link NatsServerNotFoundException}: no nats-server was found for the
 * embedded server.
 */
class EmbeddedNatsServerNotFoundFailureAnalyzer extends AbstractFailureAnalyzer<NatsServerNotFoundException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, NatsServerNotFoundException cause) {
		String description = "cim.persistence.nats.embedded.enabled is true, but no nats-server executable was "
				+ "found. Searched: " + String.join("; ", cause.getSearched()) + ".";
		String action = "Install nats-server 2.12 or newer (scripts/install-nats-server.sh does), or set "
				+ "cim.persistence.nats.embedded.binary to its path, or set cim.persistence.nats.url to a running "
				+ "server.";
		return new FailureAnalysis(description, action, cause);
	}

}
