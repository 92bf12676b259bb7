package dev.cim.persistence.autoconfigure;

import dev.cim.persistence.nats.UnsupportedNatsServerVersionException;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains an {@link UnsupportedNatsServerVersionException}.
 */
class UnsupportedNatsServerVersionFailureAnalyzer
		extends AbstractFailureAnalyzer<UnsupportedNatsServerVersionException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, UnsupportedNatsServerVersionException cause) {
		String description = "The NATS server at " + cause.getServer() + " is version " + cause.getVersion()
				+ ", but CIM persistence needs " + cause.getMinimumVersion()
				+ " or newer (atomic batch publish and per-subject expected sequences).";
		String action = "Upgrade the server to nats-server " + cause.getMinimumVersion()
				+ " or newer (scripts/install-nats-server.sh installs one), or point cim.persistence.nats.url "
				+ "at a newer server.";
		return new FailureAnalysis(description, action, cause);
	}

}
