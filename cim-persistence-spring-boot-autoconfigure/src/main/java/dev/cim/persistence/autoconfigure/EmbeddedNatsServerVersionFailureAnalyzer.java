package dev.cim.persistence.autoconfigure;

import dev.cim.persistence.embedded.NatsServerVersion;
import dev.cim.persistence.embedded.NatsServerVersionException;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains a {@link NatsServerVersionException}: the nats-server found for the embedded
 * server is too old.
 */
class EmbeddedNatsServerVersionFailureAnalyzer extends AbstractFailureAnalyzer<NatsServerVersionException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, NatsServerVersionException cause) {
		String description = "The nats-server found for the embedded server, " + cause.getPath() + ", is version "
				+ cause.getVersion() + ", but CIM persistence needs " + NatsServerVersion.MINIMUM + " or newer.";
		String action = "Install nats-server " + NatsServerVersion.MINIMUM
				+ " or newer (scripts/install-nats-server.sh does), or set cim.persistence.nats.embedded.binary "
				+ "to a newer one, or set cim.persistence.nats.url to a running server.";
		return new FailureAnalysis(description, action, cause);
	}

}
