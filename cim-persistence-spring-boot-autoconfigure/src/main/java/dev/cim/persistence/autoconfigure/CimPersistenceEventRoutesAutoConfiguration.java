package dev.cim.persistence.autoconfigure;

import dev.cim.persistence.eventroute.EventRoute;
import dev.cim.persistence.eventroute.EventRouteObserver;
import dev.cim.persistence.eventroute.EventRouteRunner;
import dev.cim.persistence.nats.NatsRepositoryConfig;
import io.nats.client.Connection;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.context.annotation.Bean;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration
 * Auto-configuration} of routed event handlers: the {@link EventRoute @EventRoute}
 * methods of every bean are found as the beans are created, and an
 * {@link EventRouteRunner} hands them the stored events once the application context is
 * refreshed, stopping before the connection closes. Switched off with
 * {@code cim.persistence.routes.enabled=false}.
 */
@AutoConfiguration(after = CimPersistenceAutoConfiguration.class)
@ConditionalOnClass(Connection.class)
@ConditionalOnBooleanProperty(name = "cim.persistence.enabled", matchIfMissing = true)
@ConditionalOnSingleCandidate(Connection.class)
@ConditionalOnBean(CimPersistenceStoreInitializer.class)
public final class CimPersistenceEventRoutesAutoConfiguration {

	CimPersistenceEventRoutesAutoConfiguration() {
	}

	@Bean
	static EventRouteMethodsPostProcessor eventRouteMethodsPostProcessor() {
		return new EventRouteMethodsPostProcessor();
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBooleanProperty(name = "cim.persistence.routes.enabled", matchIfMissing = true)
	EventRouteRunner eventRouteRunner(Connection connection, NatsRepositoryConfig config,
			CimPersistenceStoreInitializer storeInitializer, CimPersistenceProperties properties,
			EventRouteMethodsPostProcessor methods, ObjectProvider<EventRouteObserver> observer) {
		// The initializer is a parameter so that the streams exist before groups start;
		// the handlers are taken when the runner starts, after every bean is created.
		return new EventRouteRunner(connection, config, methods::handlers, properties.getRoutes().toEventRouteOptions(),
				observer.getIfAvailable(() -> EventRouteObserver.NONE));
	}

	@Bean
	RunnerLifecycle eventRouteRunnerLifecycle(ObjectProvider<EventRouteRunner> runner) {
		EventRouteRunner available = runner.getIfAvailable();
		return (available != null) ? RunnerLifecycle.of(available::start, available::stop, available::isRunning)
				: RunnerLifecycle.none();
	}

}
