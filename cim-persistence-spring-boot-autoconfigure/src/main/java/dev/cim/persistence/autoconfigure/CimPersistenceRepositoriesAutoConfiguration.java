package dev.cim.persistence.autoconfigure;

import io.nats.client.Connection;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.context.annotation.Import;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration
 * Auto-configuration} of the aggregate repositories: one per
 * {@link dev.cim.persistence.repository.Aggregate @Aggregate} class found (see
 * {@link CimPersistenceScan @CimPersistenceScan}), unless the application defines an
 * {@code AggregateRepository} of that class. Switched off with
 * {@code cim.persistence.repositories.enabled=false}.
 */
@AutoConfiguration(after = CimPersistenceAutoConfiguration.class)
@ConditionalOnClass(Connection.class)
@ConditionalOnBooleanProperty(name = "cim.persistence.enabled", matchIfMissing = true)
@ConditionalOnBooleanProperty(name = "cim.persistence.repositories.enabled", matchIfMissing = true)
@ConditionalOnSingleCandidate(Connection.class)
@Import(AggregateRepositoriesRegistrar.class)
public final class CimPersistenceRepositoriesAutoConfiguration {

	CimPersistenceRepositoriesAutoConfiguration() {
	}

}
