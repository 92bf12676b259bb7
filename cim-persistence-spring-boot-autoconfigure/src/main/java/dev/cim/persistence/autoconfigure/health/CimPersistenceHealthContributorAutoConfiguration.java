package dev.cim.persistence.autoconfigure.health;

import dev.cim.persistence.autoconfigure.CimPersistenceAutoConfiguration;
import dev.cim.persistence.autoconfigure.CimPersistenceEventRoutesAutoConfiguration;
import dev.cim.persistence.autoconfigure.CimPersistenceProperties;
import dev.cim.persistence.autoconfigure.CimPersistenceReadModelsAutoConfiguration;
import dev.cim.persistence.eventroute.EventRouteRunner;
import dev.cim.persistence.nats.NatsRepositoryConfig;
import dev.cim.persistence.readmodel.ProjectionRunner;
import io.nats.client.Connection;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration
 * Auto-configuration} of the {@code cimPersistence} health contributor
 * ({@link CimPersistenceHealthIndicator}) and, when routed event handlers run, the
 * {@code cimRoutes} contributor ({@link EventRoutesHealthIndicator}). It can be switched
 * off with {@code management.health.cim-persistence.enabled=false}.
 */
@AutoConfiguration(after = { CimPersistenceAutoConfiguration.class, CimPersistenceReadModelsAutoConfiguration.class,
		CimPersistenceEventRoutesAutoConfiguration.class })
@ConditionalOnClass({ HealthIndicator.class, Connection.class })
@ConditionalOnSingleCandidate(Connection.class)
@ConditionalOnBean(NatsRepositoryConfig.class)
@ConditionalOnEnabledHealthIndicator("cim-persistence")
public final class CimPersistenceHealthContributorAutoConfiguration {

	CimPersistenceHealthContributorAutoConfiguration() {
	}

	@Bean
	@ConditionalOnMissingBean(name = "cimPersistenceHealthIndicator")
	CimPersistenceHealthIndicator cimPersistenceHealthIndicator(Connection connection, NatsRepositoryConfig config,
			ObjectProvider<ProjectionRunner> projections, ObjectProvider<CimPersistenceProperties> properties) {
		CimPersistenceProperties settings = properties.getIfAvailable();
		long lagThreshold = (settings != null) ? settings.getProjections().getLagThreshold() : Long.MAX_VALUE;
		return new CimPersistenceHealthIndicator(connection, config, projections.getIfAvailable(), lagThreshold);
	}

	@Bean
	@ConditionalOnBean(EventRouteRunner.class)
	@ConditionalOnMissingBean(name = "cimRoutesHealthIndicator")
	EventRoutesHealthIndicator cimRoutesHealthIndicator(EventRouteRunner runner) {
		return new EventRoutesHealthIndicator(runner);
	}

}
