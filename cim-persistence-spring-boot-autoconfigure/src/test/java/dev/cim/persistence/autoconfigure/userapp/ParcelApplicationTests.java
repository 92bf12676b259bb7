package dev.cim.persistence.autoconfigure.userapp;

import java.util.UUID;

import dev.cim.persistence.embedded.EmbeddedNatsServer;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;
import dev.cim.persistence.repository.AggregateRepository;

/**
 * A user's application with the starter, two properties and an {@code @Aggregate} class
 * gets an injectable {@code NatsRepository<Parcel>}, here on an embedded nats-server.
 */
@SpringBootTest(properties = { "cim.persistence.nats.embedded.enabled=true", "cim.persistence.snapshots.every=10" })
class ParcelApplicationTests {

	@Autowired
	private ParcelService service;

	@Autowired
	private AggregateRepository<Parcel> repository;

	@Autowired
	private EmbeddedNatsServer server;

	@Test
	void savesAndLoadsAnAggregateThroughTheInjectedRepository() {
		String id = "p-" + UUID.randomUUID();
		this.service.register(id, "Lisbon");
		assertThat(this.service.destinationOf(id)).isEqualTo("Lisbon");
		assertThat(this.repository.load(id).version()).isEqualTo(1);
		assertThat(this.server.isRunning()).isTrue();
	}

}
