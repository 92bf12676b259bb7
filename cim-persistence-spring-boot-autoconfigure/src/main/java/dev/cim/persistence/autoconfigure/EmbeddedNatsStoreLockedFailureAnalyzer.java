package dev.cim.persistence.autoconfigure;

import dev.cim.persistence.embedded.StoreDirectoryLockedException;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains a {@link StoreDirectoryLockedException}: the embedded server's store directory
 * is in use by another server.
 */
class EmbeddedNatsStoreLockedFailureAnalyzer extends AbstractFailureAnalyzer<StoreDirectoryLockedException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, StoreDirectoryLockedException cause) {
		String description = "The embedded nats-server was not started: " + cause.getMessage() + ".";
		StringBuilder action = new StringBuilder();
		if (cause.getOwnerPid() > 0) {
			action.append("Stop the process ").append(cause.getOwnerPid()).append(" that uses it, or give");
		}
		else {
			action.append("Stop the server that uses it, or give");
		}
		action.append(" this application its own directory with cim.persistence.nats.embedded.store-dir");
		if (cause.getOwnerUrl() != null) {
			action.append(", or connect it to the running server with cim.persistence.nats.url=")
				.append(cause.getOwnerUrl());
		}
		action.append('.');
		return new FailureAnalysis(description, action.toString(), cause);
	}

}
