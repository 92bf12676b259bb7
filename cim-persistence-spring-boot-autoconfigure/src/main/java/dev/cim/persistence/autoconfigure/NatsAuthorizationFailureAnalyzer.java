package dev.cim.persistence.autoconfigure;

import java.util.Locale;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains a {@link NatsServerUnavailableException} whose server refused the credentials
 * ({@code Authorization Violation}): the server is there, the login is wrong.
 */
class NatsAuthorizationFailureAnalyzer extends AbstractFailureAnalyzer<NatsServerUnavailableException> {

	@Override
	protected @Nullable FailureAnalysis analyze(Throwable rootFailure, NatsServerUnavailableException cause) {
		if (!isAuthorizationFailure(cause)) {
			return null;
		}
		String description = "The NATS server at " + String.join(", ", cause.getServers())
				+ " refused the connection's credentials. Reason: " + cause.getReason();
		String action = "Check the credentials CIM persistence logs in with: cim.persistence.nats.username and "
				+ "cim.persistence.nats.password, cim.persistence.nats.token, cim.persistence.nats.credentials "
				+ "(a .creds file) or cim.persistence.nats.nkey (a seed), whichever the server's authorization "
				+ "uses; set only the ones it expects, and check that the user is allowed on that server.";
		return new FailureAnalysis(description, action, cause);
	}

	/**
	 * Whether the server refused the credentials, as opposed to not being reachable.
	 * @param ex the failure to connect
	 * @return {@code true} for an authorization violation or expired credentials
	 */
	static boolean isAuthorizationFailure(NatsServerUnavailableException ex) {
		String reason = ex.getReason().toLowerCase(Locale.ROOT);
		return reason.contains("authorization violation") || reason.contains("authentication expired")
				|| reason.contains("authentication timeout");
	}

}
