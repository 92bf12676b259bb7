package dev.cim.persistence.autoconfigure.endpoint;

import dev.cim.persistence.autoconfigure.CimPersistenceEventRoutesAutoConfiguration;
import dev.cim.persistence.eventroute.EventRouteRunner;

import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration
 * Auto-configuration} of the {@code cimparked} Actuator endpoint
 * ({@link ParkedEventsEndpoint}) when routed event handlers run. Like every endpoint it
 * is reachable over HTTP once exposed
 * ({@code management.endpoints.web.exposure.include}).
 */
@AutoConfiguration(after = CimPersistenceEventRoutesAutoConfiguration.class)
@ConditionalOnClass({ Endpoint.class, EventRouteRunner.class })
public final class CimPersistenceEndpointAutoConfiguration {

	CimPersistenceEndpointAutoConfiguration() {
	}

	@Bean
	@ConditionalOnBean(EventRouteRunner.class)
	@ConditionalOnMissingBean
	ParkedEventsEndpoint parkedEventsEndpoint(EventRouteRunner runner) {
		return new ParkedEventsEndpoint(runner);
	}

}
