package dev.cim.persistence.autoconfigure.testcontainers;

import java.util.List;

import dev.cim.persistence.autoconfigure.NatsConnectionDetails;
import org.jspecify.annotations.Nullable;
import org.testcontainers.containers.Container;

import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.testcontainers.service.connection.ContainerConnectionDetailsFactory;
import org.springframework.boot.testcontainers.service.connection.ContainerConnectionSource;

/**
 * {@link ContainerConnectionDetailsFactory} that turns a NATS container (a container
 * whose image is {@code nats}, or one annotated {@code @ServiceConnection("nats")}) into
 * {@link NatsConnectionDetails}. The container must run nats-server 2.12 or newer with
 * JetStream, for example {@code new GenericContainer<>("nats:2.12").withCommand("-js")
 * .withExposedPorts(4222)}.
 */
class NatsContainerConnectionDetailsFactory
		extends ContainerConnectionDetailsFactory<Container<?>, NatsConnectionDetails> {

	private static final int NATS_PORT = 4222;

	NatsContainerConnectionDetailsFactory() {
		super("nats");
	}

	@Override
	protected NatsConnectionDetails getContainerConnectionDetails(ContainerConnectionSource<Container<?>> source) {
		return new NatsContainerConnectionDetails(source);
	}

	/**
	 * {@link NatsConnectionDetails} backed by a {@link ContainerConnectionSource}.
	 */
	static final class NatsContainerConnectionDetails extends ContainerConnectionDetails<Container<?>>
			implements NatsConnectionDetails {

		NatsContainerConnectionDetails(ContainerConnectionSource<Container<?>> source) {
			super(source);
		}

		@Override
		public List<String> getServers() {
			Container<?> container = getContainer();
			String scheme = (getSslBundle() != null) ? "tls" : "nats";
			return List.of(scheme + "://" + container.getHost() + ":" + container.getMappedPort(NATS_PORT));
		}

		@Override
		public @Nullable SslBundle getSslBundle() {
			return super.getSslBundle();
		}

	}

}
