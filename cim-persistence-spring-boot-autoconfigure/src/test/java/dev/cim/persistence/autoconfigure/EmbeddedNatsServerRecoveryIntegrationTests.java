package dev.cim.persistence.autoconfigure;

import java.time.Duration;
import java.util.UUID;
import java.util.function.BooleanSupplier;

import dev.cim.persistence.autoconfigure.counter.Counter;
import dev.cim.persistence.autoconfigure.counter.CounterApplication;
import dev.cim.persistence.autoconfigure.metrics.CimPersistenceMetricsAutoConfiguration;
import dev.cim.persistence.autoconfigure.metrics.EmbeddedNatsServerMetrics;
import dev.cim.persistence.embedded.EmbeddedNatsServer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.nats.client.Connection;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.availability.ApplicationAvailabilityAutoConfiguration;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.LivenessState;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.context.annotation.UserConfigurations;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.ResolvableType;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import dev.cim.persistence.nats.StoreUnavailableException;
import dev.cim.persistence.repository.AggregateRepository;
import dev.cim.persistence.repository.LoadOptions;
import dev.cim.persistence.repository.LoadedAggregate;

/**
 * An application on an embedded nats-server whose process is killed: the repository
 * reports the store unavailable and the application refuses traffic while the server is
 * down, and both work again, with no application restart, once the server is restarted.
 */
class EmbeddedNatsServerRecoveryIntegrationTests {

	private static final Duration EVENTUALLY = Duration.ofSeconds(30);

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(CimPersistenceAutoConfiguration.class,
				CimPersistenceRepositoriesAutoConfiguration.class, CimPersistenceReadModelsAutoConfiguration.class,
				CimPersistenceMetricsAutoConfiguration.class))
		.withConfiguration(UserConfigurations.of(CounterApplication.class))
		.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
		.withPropertyValues("cim.persistence.nats.embedded.enabled=true", "cim.persistence.projections.enabled=false");

	@Test
	void whileTheServerIsDownSaveAndLoadThrowStoreUnavailable() {
		this.contextRunner.withPropertyValues("cim.persistence.nats.embedded.restart.enabled=false").run((context) -> {
			AggregateRepository<Counter> repository = repository(context);
			String id = "down-" + UUID.randomUUID();
			Counter counter = Counter.create();
			repository.save(counter, Counter.start(id));
			killServer(context);
			Connection connection = context.getBean(Connection.class);
			awaitTrue(() -> connection.getStatus() != Connection.Status.CONNECTED, "the client sees the server gone");
			long saveStarted = System.nanoTime();
			assertThatExceptionOfType(StoreUnavailableException.class)
				.isThrownBy(() -> repository.save(counter, counter.add(1)));
			long loadStarted = System.nanoTime();
			assertThatExceptionOfType(StoreUnavailableException.class)
				.isThrownBy(() -> repository.load(id, LoadOptions.defaults().withoutCache()));
			long done = System.nanoTime();
			System.out.printf("store unavailable: save failed after %d ms, load after %d ms%n",
					Duration.ofNanos(loadStarted - saveStarted).toMillis(),
					Duration.ofNanos(done - loadStarted).toMillis());
		});
	}

	@Test
	void killedServerIsRestartedAndTheRepositoryWorksAgain() {
		this.contextRunner.run((context) -> {
			AggregateRepository<Counter> repository = repository(context);
			EmbeddedNatsServer server = context.getBean(EmbeddedNatsServer.class);
			String id = "restart-" + UUID.randomUUID();
			repository.save(Counter.create(), Counter.start(id));
			killServer(context);
			awaitTrue(() -> server.restarts() == 1 && server.isRunning(), "the server is restarted");
			MeterRegistry meters = context.getBean(MeterRegistry.class);
			assertThat(meters.get(EmbeddedNatsServerMetrics.RESTARTS).functionCounter().count()).isEqualTo(1);
			awaitTrue(() -> addOne(repository, id), "a save succeeds after the restart");
			assertThat(repository.load(id, LoadOptions.defaults().withoutCache()).aggregate().value()).isEqualTo(1);
		});
	}

	@Test
	void readinessRefusesTrafficWhileTheConnectionIsLostAndAcceptsItAgainAfter() {
		this.contextRunner.withConfiguration(AutoConfigurations.of(ApplicationAvailabilityAutoConfiguration.class))
			.withPropertyValues("cim.persistence.nats.embedded.restart.enabled=false")
			.run((context) -> {
				ApplicationAvailability availability = context.getBean(ApplicationAvailability.class);
				AvailabilityChangeEvent.publish(context, LivenessState.CORRECT);
				AvailabilityChangeEvent.publish(context, ReadinessState.ACCEPTING_TRAFFIC);
				killServer(context);
				awaitTrue(() -> availability.getReadinessState() == ReadinessState.REFUSING_TRAFFIC,
						"the application refuses traffic");
				assertThat(availability.getLivenessState()).isEqualTo(LivenessState.CORRECT);
				context.getBean(EmbeddedNatsServer.class).start();
				awaitTrue(() -> availability.getReadinessState() == ReadinessState.ACCEPTING_TRAFFIC,
						"the application accepts traffic again");
			});
	}

	@Test
	void readinessOfAnApplicationThatIsNotReadyIsLeftAlone() {
		this.contextRunner.withConfiguration(AutoConfigurations.of(ApplicationAvailabilityAutoConfiguration.class))
			.withPropertyValues("cim.persistence.nats.embedded.restart.initial-backoff=200ms")
			.run((context) -> {
				ApplicationAvailability availability = context.getBean(ApplicationAvailability.class);
				AvailabilityChangeEvent.publish(context, ReadinessState.REFUSING_TRAFFIC);
				EmbeddedNatsServer server = context.getBean(EmbeddedNatsServer.class);
				Connection connection = context.getBean(Connection.class);
				killServer(context);
				awaitTrue(() -> server.restarts() == 1 && connection.getStatus() == Connection.Status.CONNECTED,
						"the server is back and the client reconnected");
				assertThat(availability.getLastChangeEvent(ReadinessState.class).getSource()).isSameAs(context);
				assertThat(availability.getReadinessState()).isEqualTo(ReadinessState.REFUSING_TRAFFIC);
			});
	}

	@Test
	void readinessFollowingTheConnectionCanBeSwitchedOff() {
		this.contextRunner.withConfiguration(AutoConfigurations.of(ApplicationAvailabilityAutoConfiguration.class))
			.withPropertyValues("cim.persistence.nats.readiness-follows-connection=false")
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(NatsConnectionReadiness.class));
	}

	private static boolean addOne(AggregateRepository<Counter> repository, String id) {
		try {
			LoadedAggregate<Counter> loaded = repository.load(id, LoadOptions.defaults().withoutCache());
			repository.save(loaded, loaded.aggregate().add(1));
			return true;
		}
		catch (StoreUnavailableException ex) {
			return false;
		}
	}

	private static void killServer(AssertableApplicationContext context) {
		EmbeddedNatsServer server = context.getBean(EmbeddedNatsServer.class);
		ProcessHandle.of(server.pid()).orElseThrow().destroyForcibly();
	}

	@SuppressWarnings("unchecked")
	private static AggregateRepository<Counter> repository(AssertableApplicationContext context) {
		return (AggregateRepository<Counter>) context
			.getBeanProvider(ResolvableType.forClassWithGenerics(AggregateRepository.class, Counter.class))
			.getObject();
	}

	private static void awaitTrue(BooleanSupplier condition, String what) {
		long deadline = System.nanoTime() + EVENTUALLY.toNanos();
		while (!condition.getAsBoolean()) {
			if (System.nanoTime() - deadline > 0) {
				throw new AssertionError("Not seen within " + EVENTUALLY + ": " + what);
			}
			try {
				Thread.sleep(20);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new AssertionError("Interrupted while waiting until " + what, ex);
			}
		}
	}

}
