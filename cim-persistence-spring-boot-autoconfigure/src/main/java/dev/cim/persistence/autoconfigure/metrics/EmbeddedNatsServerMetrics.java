package dev.cim.persistence.autoconfigure.metrics;

import dev.cim.persistence.embedded.EmbeddedNatsServer;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Registers the meters of the embedded nats-server: {@value #RESTARTS}, how many times it
 * was restarted after its process exited unexpectedly.
 */
public class EmbeddedNatsServerMetrics {

	/**
	 * Name of the restart counter.
	 */
	public static final String RESTARTS = "cim.persistence.embedded.restarts";

	/**
	 * Register the meters of a server.
	 * @param registry the registry
	 * @param server the embedded server
	 */
	public EmbeddedNatsServerMetrics(MeterRegistry registry, EmbeddedNatsServer server) {
		FunctionCounter.builder(RESTARTS, server, EmbeddedNatsServer::restarts)
			.description("Restarts of the embedded nats-server after its process exited unexpectedly")
			.register(registry);
	}

}
