package dev.cim.persistence.autoconfigure;

import dev.cim.persistence.nats.JetStreamNotEnabledException;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains a {@link JetStreamNotEnabledException}.
 */
class JetStreamNotEnabledFailureAnalyzer extends AbstractFailureAnalyzer<JetStreamNotEnabledException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, JetStreamNotEnabledException cause) {
		String description = "The NATS server at " + cause.getServer()
				+ " has JetStream disabled, and CIM persistence keeps its events in JetStream streams.";
		String action = "Start the server with JetStream enabled: 'nats-server -js' (or 'jetstream {}' in its "
				+ "configuration file), or point cim.persistence.nats.url at a server that has it.";
		return new FailureAnalysis(description, action, cause);
	}

}
