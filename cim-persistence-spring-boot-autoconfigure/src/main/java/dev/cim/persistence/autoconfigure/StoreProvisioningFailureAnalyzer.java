package dev.cim.persistence.autoconfigure;

import dev.cim.persistence.nats.StoreProvisioningException;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains a {@link StoreProvisioningException}: a stream or bucket contradicts the
 * configuration, or could not be created.
 */
class StoreProvisioningFailureAnalyzer extends AbstractFailureAnalyzer<StoreProvisioningException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, StoreProvisioningException cause) {
		if (cause.getSetting() == null) {
			String description = "CIM persistence could not prepare " + cause.getResource() + ": " + cause.getMessage();
			String action = "Check that the server has JetStream enabled with enough storage and that the "
					+ "connection's user may manage streams, or create " + cause.getResource()
					+ " yourself and set cim.persistence.provision=false.";
			return new FailureAnalysis(description, action, cause);
		}
		String description = cause.getResource() + " exists with settings that contradict the configuration:\n"
				+ "    setting:  " + cause.getSetting() + "\n    expected: " + cause.getExpected() + "\n    found:    "
				+ cause.getFound() + "\nExisting streams and buckets are never changed automatically.";
		String action = "Change " + cause.getSetting() + " of " + cause.getResource() + " to " + cause.getExpected()
				+ " (for example with the nats CLI), or configure another name "
				+ "(cim.persistence.event-stream-name, aggregate-stream-name, snapshot-bucket, read-model-bucket, index-bucket).";
		return new FailureAnalysis(description, action, cause);
	}

}
