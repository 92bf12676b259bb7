package dev.cim.persistence.autoconfigure.health;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.cim.persistence.autoconfigure.CimPersistenceAutoConfiguration;
import dev.cim.persistence.autoconfigure.CimPersistenceReadModelsAutoConfiguration;
import dev.cim.persistence.autoconfigure.CimPersistenceRepositoriesAutoConfiguration;
import dev.cim.persistence.autoconfigure.health.poison.PoisonApplication;
import dev.cim.persistence.embedded.EmbeddedNatsServer;
import dev.cim.persistence.testsupport.NatsIntegrationTest;
import dev.cim.persistence.testsupport.NatsTestServer;
import io.nats.client.Connection;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import dev.cim.persistence.repository.AggregateRef;
import dev.cim.persistence.repository.support.EventHead;
import dev.cim.persistence.repository.support.EventStore;
import dev.cim.persistence.repository.support.NewEvent;

/**
 * Tests for {@link CimPersistenceHealthContributorAutoConfiguration}.
 */
@NatsIntegrationTest
class CimPersistenceHealthContributorAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(CimPersistenceAutoConfiguration.class,
				CimPersistenceRepositoriesAutoConfiguration.class, CimPersistenceReadModelsAutoConfiguration.class,
				CimPersistenceHealthContributorAutoConfiguration.class));

	@Test
	void healthIsUpWithDetailsWhenConnectedAndProvisioned(NatsTestServer server) {
		this.contextRunner.withPropertyValues("cim.persistence.nats.url=nats://alice:secret@" + hostPort(server.url()))
			.run((context) -> {
				assertThat(context).hasNotFailed().hasBean("cimPersistenceHealthIndicator");
				Health health = context.getBean("cimPersistenceHealthIndicator", HealthIndicator.class).health();
				assertThat(health.getStatus()).isEqualTo(Status.UP);
				assertThat(health.getDetails()).containsEntry("connection", "CONNECTED")
					.containsEntry("url", "nats://" + hostPort(server.url()));
				assertThat(health.getDetails().toString()).doesNotContain("secret").doesNotContain("alice");
				assertThat(health.getDetails().get("streams"))
					.asInstanceOf(InstanceOfAssertFactories.map(String.class, Object.class))
					.containsKeys("EVENTS", "AGGREGATES");
				assertThat(health.getDetails().get("buckets"))
					.asInstanceOf(InstanceOfAssertFactories.map(String.class, Object.class))
					.containsKeys("snapshots", "readmodels", "cim-snapshots");
			});
	}

	@Test
	void healthBacksOffWhenTwoConnectionsHaveNoPrimary(NatsTestServer server) throws Exception {
		Connection first = server.connect();
		Connection second = server.connect();
		this.contextRunner.withBean("firstConnection", Connection.class, () -> first)
			.withBean("secondConnection", Connection.class, () -> second)
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean("cimPersistenceHealthIndicator"));
	}

	@Test
	void healthIsDownWhenAStreamIsMissing(NatsTestServer server) {
		this.contextRunner
			.withPropertyValues("cim.persistence.nats.url=" + server.url(), "cim.persistence.provision=false",
					"cim.persistence.event-stream-name=MISSING_EVENTS")
			.run((context) -> {
				Health health = context.getBean("cimPersistenceHealthIndicator", HealthIndicator.class).health();
				assertThat(health.getStatus()).isEqualTo(Status.DOWN);
				assertThat(health.getDetails().get("streams")).isInstanceOfSatisfying(Map.class,
						(streams) -> assertThat(streams.get("MISSING_EVENTS")).isEqualTo(Map.of("exists", false)));
			});
	}

	@Test
	void healthIsDownAfterTheServerStops(NatsTestServer server) {
		EmbeddedNatsServer own = server.startAnother();
		this.contextRunner.withPropertyValues("cim.persistence.nats.url=" + own.url()).run((context) -> {
			HealthIndicator indicator = context.getBean("cimPersistenceHealthIndicator", HealthIndicator.class);
			assertThat(indicator.health().getStatus()).isEqualTo(Status.UP);
			own.stop();
			await().atMost(Duration.ofSeconds(10))
				.untilAsserted(() -> assertThat(indicator.health().getStatus()).isEqualTo(Status.DOWN));
		});
	}

	@Test
	void healthIsDownWhenAProjectionFailed(NatsTestServer server) {
		this.contextRunner.withUserConfiguration(PoisonApplication.class)
			.withPropertyValues("cim.persistence.nats.url=" + server.url(), "cim.persistence.subject-prefix=poison",
					"cim.persistence.event-stream-name=POISON_EVENTS",
					"cim.persistence.aggregate-stream-name=POISON_AGGREGATES",
					"cim.persistence.read-model-bucket=poison_readmodels",
					"cim.persistence.snapshot-bucket=poison_snapshots",
					"cim.persistence.projections.status-bucket=poison_projections",
					"cim.persistence.projections.failure-policy=stop", "cim.persistence.projections.handler-attempts=1")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				HealthIndicator indicator = context.getBean("cimPersistenceHealthIndicator", HealthIndicator.class);
				assertThat(indicator.health().getStatus()).isEqualTo(Status.UP);
				context.getBean(EventStore.class)
					.append(AggregateRef.of("test", "Thing", "t-1"), EventHead.NONE,
							List.of(NewEvent.of("Poison", JsonNodeFactory.instance.objectNode().put("note", "x"))));
				await().atMost(Duration.ofSeconds(10))
					.untilAsserted(() -> assertThat(indicator.health().getStatus()).isEqualTo(Status.DOWN));
				assertThat(indicator.health().getDetails().get("projections"))
					.asInstanceOf(InstanceOfAssertFactories.map(String.class, Object.class))
					.extractingByKey("PoisonModel")
					.asInstanceOf(InstanceOfAssertFactories.map(String.class, Object.class))
					.containsEntry("state", "FAILED")
					.containsEntry("healthy", false);
			});
	}

	@Test
	void healthIndicatorCanBeSwitchedOff(NatsTestServer server) {
		this.contextRunner
			.withPropertyValues("cim.persistence.nats.url=" + server.url(),
					"management.health.cim-persistence.enabled=false")
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean("cimPersistenceHealthIndicator"));
	}

	@Test
	void userHealthIndicatorWins(NatsTestServer server) {
		HealthIndicator user = () -> Health.up().build();
		this.contextRunner.withPropertyValues("cim.persistence.nats.url=" + server.url())
			.withBean("cimPersistenceHealthIndicator", HealthIndicator.class, () -> user)
			.run((context) -> assertThat(context.getBean("cimPersistenceHealthIndicator")).isSameAs(user));
	}

	private static String hostPort(String url) {
		return url.substring(url.indexOf("://") + 3);
	}

}
