package dev.cim.persistence.repository.support;

import io.nats.client.Connection;
import io.nats.client.Nats;
import io.nats.client.Options;

/**
 * Opens further connections to the server an existing connection talks to.
 */
final class NatsTestServerConnections {

	private NatsTestServerConnections() {
	}

	static Connection open(Connection existing) throws Exception {
		return Nats.connect(Options.builder().server(existing.getConnectedUrl()).build());
	}

}
