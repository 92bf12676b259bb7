package dev.cim.persistence.autoconfigure;

import dev.cim.persistence.eventroute.EventRoute;
import dev.cim.persistence.eventroute.EventRouteObserver;
import dev.cim.persistence.eventroute.EventRouteRunner;
import dev.cim.persistence.nats.NatsRepositoryConfig;
import io.nats.client.Connection;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.context.SmartLifecycle;
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
	EventRouteRunnerLifecycle eventRouteRunnerLifecycle(ObjectProvider<EventRouteRunner> runner) {
		return new EventRouteRunnerLifecycle(runner.getIfAvailable());
	}

	/**
	 * Starts the handler groups once the application context is refreshed and stops them,
	 * letting each finish the events in hand, before the connection closes.
	 */
	static final class EventRouteRunnerLifecycle implements SmartLifecycle {

		private final @Nullable EventRouteRunner runner;

		EventRouteRunnerLifecycle(@Nullable EventRouteRunner runner) {
			this.runner = runner;
		}

		@Override
		public void start() {
			if (this.runner != null) {
				this.runner.start();
			}
		}

		@Override
		public void stop() {
			if (this.runner != null) {
				this.runner.stop();
			}
		}

		@Override
		public boolean isRunning() {
			return this.runner != null && this.runner.isRunning();
		}

	}

}
