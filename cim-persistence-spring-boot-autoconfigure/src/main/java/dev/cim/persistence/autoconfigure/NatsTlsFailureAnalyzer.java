package dev.cim.persistence.autoconfigure;

import java.security.cert.CertificateException;

import javax.net.ssl.SSLException;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains a {@link NatsServerUnavailableException} caused by TLS: a server certificate
 * the SSL bundle does not trust, a server that requires TLS from a client without a
 * bundle, or a bundle for a server that does not offer TLS. The server is there; the TLS
 * settings are wrong.
 */
class NatsTlsFailureAnalyzer extends AbstractFailureAnalyzer<NatsServerUnavailableException> {

	private static final String SERVER_REQUIRES_TLS = "SSL required by server";

	private static final String SERVER_WITHOUT_TLS = "SSL connection wanted by client";

	@Override
	protected @Nullable FailureAnalysis analyze(Throwable rootFailure, NatsServerUnavailableException cause) {
		if (!isTlsFailure(cause)) {
			return null;
		}
		String servers = String.join(", ", cause.getServers());
		String reason = cause.getReason();
		if (reason.contains(SERVER_REQUIRES_TLS)) {
			return new FailureAnalysis("The NATS server at " + servers + " requires TLS and the connection has none.",
					"Set cim.persistence.nats.ssl.bundle to the name of an SSL bundle (spring.ssl.bundle.*) whose "
							+ "truststore holds the certificate of the authority that signed the server's certificate.",
					cause);
		}
		if (reason.contains(SERVER_WITHOUT_TLS)) {
			return new FailureAnalysis(
					"cim.persistence.nats.ssl.bundle asks for TLS but the NATS server at " + servers
							+ " does not offer it.",
					"Configure TLS on the server (a tls block with cert_file and key_file), or remove "
							+ "cim.persistence.nats.ssl.bundle.",
					cause);
		}
		return new FailureAnalysis(
				"The TLS handshake with the NATS server at " + servers + " failed. Reason: " + reason,
				"Check the SSL bundle named by cim.persistence.nats.ssl.bundle: its truststore must hold the "
						+ "certificate of the authority that signed the server's certificate; the server's certificate "
						+ "must be valid now and name the host of cim.persistence.nats.url; and if the server verifies "
						+ "clients, the bundle's keystore must hold a client certificate it accepts.",
				cause);
	}

	/**
	 * Whether TLS made the connection fail, as opposed to a server that is not there or
	 * refused the credentials.
	 * @param ex the failure to connect
	 * @return {@code true} for a failed handshake or mismatched TLS settings
	 */
	static boolean isTlsFailure(NatsServerUnavailableException ex) {
		String reason = ex.getReason();
		if (reason.contains(SERVER_REQUIRES_TLS) || reason.contains(SERVER_WITHOUT_TLS)) {
			return true;
		}
		for (Throwable current = ex.getCause(); current != null; current = current.getCause()) {
			if (current instanceof SSLException || current instanceof CertificateException) {
				return true;
			}
		}
		return false;
	}

}
