package dev.cim.persistence.autoconfigure;

import io.nats.client.Connection;
import io.nats.client.ConnectionListener;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.context.ApplicationEventPublisher;

/**
 * Marks the application {@link ReadinessState#REFUSING_TRAFFIC not ready} while its NATS
 * connection is lost, and ready again when the connection comes back, so that the
 * readiness probe turns traffic away from an instance whose store is unreachable (its
 * liveness is left alone: a restart would not bring the store back). It only changes a
 * ready application, and only undoes its own change: an application that is starting or
 * shutting down keeps the state Spring Boot gave it.
 */
final class NatsConnectionReadiness implements ConnectionListener, DisposableBean {

	private final Connection connection;

	private final ApplicationEventPublisher publisher;

	private final ApplicationAvailability availability;

	private boolean refused;

	NatsConnectionReadiness(Connection connection, ApplicationEventPublisher publisher,
			ApplicationAvailability availability) {
		this.connection = connection;
		this.publisher = publisher;
		this.availability = availability;
		connection.addConnectionListener(this);
	}

	@Override
	public void connectionEvent(Connection connection, Events type, @Nullable Long time, @Nullable String uriDetails) {
		onEvent(type);
	}

	@Override
	@SuppressWarnings("deprecation") // still abstract in the client's interface
	public void connectionEvent(Connection connection, Events type) {
		onEvent(type);
	}

	private void onEvent(Events type) {
		if (type == Events.DISCONNECTED) {
			refuse();
		}
		else if (type == Events.RECONNECTED || type == Events.CONNECTED) {
			accept();
		}
	}

	private synchronized void refuse() {
		if (!this.refused && this.availability.getReadinessState() == ReadinessState.ACCEPTING_TRAFFIC) {
			this.refused = true;
			AvailabilityChangeEvent.publish(this.publisher, this, ReadinessState.REFUSING_TRAFFIC);
		}
	}

	private synchronized void accept() {
		if (!this.refused) {
			return;
		}
		this.refused = false;
		@Nullable AvailabilityChangeEvent<ReadinessState> last = this.availability.getLastChangeEvent(ReadinessState.class);
		if (last != null && last.getSource() == this && last.getState() == ReadinessState.REFUSING_TRAFFIC) {
			AvailabilityChangeEvent.publish(this.publisher, this, ReadinessState.ACCEPTING_TRAFFIC);
		}
	}

	@Override
	public void destroy() {
		this.connection.removeConnectionListener(this);
	}

}
