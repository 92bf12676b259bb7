package dev.cim.persistence.autoconfigure;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains a {@link NatsServerUnavailableException}: which URLs were tried and how to get
 * a server. A server that refused the credentials is left to
 * {@link NatsAuthorizationFailureAnalyzer}, a failed TLS handshake to
 * {@link NatsTlsFailureAnalyzer}.
 */
class NatsServerUnavailableFailureAnalyzer extends AbstractFailureAnalyzer<NatsServerUnavailableException> {

	@Override
	protected @Nullable FailureAnalysis analyze(Throwable rootFailure, NatsServerUnavailableException cause) {
		if (NatsAuthorizationFailureAnalyzer.isAuthorizationFailure(cause)
				|| NatsTlsFailureAnalyzer.isTlsFailure(cause)) {
			// The server was reached: NatsAuthorizationFailureAnalyzer or
			// NatsTlsFailureAnalyzer explains it.
			return null;
		}
		String description = "CIM persistence could not connect to a NATS server. URLs tried: "
				+ String.join(", ", cause.getServers()) + ". Reason: " + cause.getReason();
		String action = "Start a nats-server (2.12 or newer) with JetStream enabled at that address (for example "
				+ "'nats-server -js'), or set cim.persistence.nats.url to a reachable server, or set "
				+ "cim.persistence.nats.embedded.enabled=true to launch a local nats-server.";
		return new FailureAnalysis(description, action, cause);
	}

}
