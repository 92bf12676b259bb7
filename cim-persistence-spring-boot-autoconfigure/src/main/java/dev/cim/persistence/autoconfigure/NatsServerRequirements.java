package dev.cim.persistence.autoconfigure;

import dev.cim.persistence.embedded.NatsServerVersion;
import io.nats.client.api.ServerInfo;

/**
 * Checks that the server connected to can hold the store: JetStream enabled, version at
 * least {@link NatsServerVersion#MINIMUM}.
 */
final class NatsServerRequirements {

	private NatsServerRequirements() {
	}

	/**
	 * Check what a server reported about itself.
	 * @param info the server's INFO
	 * @param url the server's URL, shown in messages
	 * @throws UnsupportedNatsServerVersionException when the server is too old
	 * @throws JetStreamNotEnabledException when JetStream is disabled
	 */
	static void check(ServerInfo info, String url) {
		String server = NatsUrls.withoutCredentials(url);
		String minimum = NatsServerVersion.MINIMUM.toString();
		String version = info.getVersion();
		if (version == null || version.isBlank() || info.isOlderThanVersion(minimum)) {
			throw new UnsupportedNatsServerVersionException(server, (version != null) ? version : "unknown", minimum);
		}
		if (!info.isJetStreamAvailable()) {
			throw new JetStreamNotEnabledException(server);
		}
	}

}
