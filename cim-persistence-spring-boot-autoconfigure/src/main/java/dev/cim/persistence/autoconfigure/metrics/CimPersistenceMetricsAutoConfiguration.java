package dev.cim.persistence.autoconfigure.metrics;

import dev.cim.persistence.autoconfigure.CimPersistenceAutoConfiguration;
import dev.cim.persistence.embedded.EmbeddedNatsServer;
import dev.cim.persistence.eventroute.EventRouteObserver;
import dev.cim.persistence.query.QueryObserver;
import dev.cim.persistence.readmodel.ProjectionObserver;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.observation.ObservationRegistry;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import dev.cim.persistence.repository.RepositoryObserver;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration
 * Auto-configuration} of Micrometer metrics for CIM persistence: a
 * {@link MicrometerRepositoryObserver} that the repositories report to, a
 * {@link MicrometerProjectionObserver}, a {@link MicrometerEventRouteObserver}, a
 * {@link MicrometerQueryObserver} for the query optimizer, and the meters of the embedded
 * nats-server when one runs.
 */
@AutoConfiguration(after = CimPersistenceAutoConfiguration.class, afterName = {
		"org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
		"org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
		"org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration",
		"org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration" })
@ConditionalOnClass({ MeterRegistry.class, RepositoryObserver.class })
@ConditionalOnBean(MeterRegistry.class)
@ConditionalOnBooleanProperty(name = "cim.persistence.enabled", matchIfMissing = true)
public final class CimPersistenceMetricsAutoConfiguration {

	CimPersistenceMetricsAutoConfiguration() {
	}

	@Bean
	@ConditionalOnMissingBean(RepositoryObserver.class)
	MicrometerRepositoryObserver micrometerRepositoryObserver(MeterRegistry meterRegistry) {
		return new MicrometerRepositoryObserver(meterRegistry);
	}

	/**
	 * The repositories' save and load timers come from their observations. An application
	 * with Boot's observation support has a registry that records them as meters (and
	 * spans, with tracing); one without gets this registry, which records only the
	 * meters.
	 */
	@Bean
	@ConditionalOnMissingBean(ObservationRegistry.class)
	ObservationRegistry cimPersistenceObservationRegistry(MeterRegistry meterRegistry) {
		ObservationRegistry registry = ObservationRegistry.create();
		registry.observationConfig().observationHandler(new DefaultMeterObservationHandler(meterRegistry));
		return registry;
	}

	@Bean
	@ConditionalOnMissingBean(ProjectionObserver.class)
	MicrometerProjectionObserver micrometerProjectionObserver(MeterRegistry meterRegistry) {
		return new MicrometerProjectionObserver(meterRegistry);
	}

	@Bean
	@ConditionalOnMissingBean(EventRouteObserver.class)
	MicrometerEventRouteObserver micrometerEventRouteObserver(MeterRegistry meterRegistry) {
		return new MicrometerEventRouteObserver(meterRegistry);
	}

	@Bean
	@ConditionalOnMissingBean(QueryObserver.class)
	MicrometerQueryObserver micrometerQueryObserver(MeterRegistry meterRegistry) {
		return new MicrometerQueryObserver(meterRegistry);
	}

	@Bean
	@ConditionalOnBean(EmbeddedNatsServer.class)
	@ConditionalOnMissingBean
	EmbeddedNatsServerMetrics embeddedNatsServerMetrics(MeterRegistry meterRegistry, EmbeddedNatsServer server) {
		return new EmbeddedNatsServerMetrics(meterRegistry, server);
	}

}
