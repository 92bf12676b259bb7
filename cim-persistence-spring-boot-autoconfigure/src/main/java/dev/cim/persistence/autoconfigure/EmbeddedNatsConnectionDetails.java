package dev.cim.persistence.autoconfigure;

import java.util.List;

import dev.cim.persistence.embedded.EmbeddedNatsServer;

/**
 * {@link NatsConnectionDetails} of the locally launched nats-server.
 */
class EmbeddedNatsConnectionDetails implements NatsConnectionDetails {

	private final EmbeddedNatsServer server;

	EmbeddedNatsConnectionDetails(EmbeddedNatsServer server) {
		this.server = server;
	}

	@Override
	public List<String> getServers() {
		return List.of(this.server.url());
	}

}
