package dev.cim.persistence.autoconfigure;

import dev.cim.persistence.nats.NatsRepositoryConfig;
import dev.cim.persistence.query.OptimizedReadModelQueries;
import dev.cim.persistence.query.QueryObserver;
import dev.cim.persistence.query.QueryOptimizer;
import dev.cim.persistence.query.ReadModelSecondaryIndexes;
import dev.cim.persistence.query.SecondaryIndexes;
import dev.cim.persistence.readmodel.ReadModelQueryExecutor;
import dev.cim.persistence.readmodel.ReadModelStore;
import io.nats.client.Connection;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.InitializingBean;
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
 * Auto-configuration} of the {@link QueryOptimizer}: plans and executes queries over the
 * events, the aggregate states and the read models, with the plan and result caches of
 * {@code cim.persistence.query.*}, the application's {@link SecondaryIndexes} when it has
 * them (else the read-model indexes the projection runner keeps), and the
 * {@link QueryObserver} of the metrics auto-configuration when Micrometer is present.
 * Switched off with {@code cim.persistence.query.enabled=false}.
 */
@AutoConfiguration(after = { CimPersistenceAutoConfiguration.class, CimPersistenceReadModelsAutoConfiguration.class })
@ConditionalOnClass(Connection.class)
@ConditionalOnBooleanProperty(name = "cim.persistence.enabled", matchIfMissing = true)
@ConditionalOnSingleCandidate(Connection.class)
@ConditionalOnBean(CimPersistenceStoreInitializer.class)
public final class CimPersistenceQueryAutoConfiguration {

	CimPersistenceQueryAutoConfiguration() {
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBooleanProperty(name = "cim.persistence.query.enabled", matchIfMissing = true)
	QueryOptimizer queryOptimizer(Connection connection, NatsRepositoryConfig config,
			CimPersistenceStoreInitializer storeInitializer, CimPersistenceProperties properties,
			ObjectProvider<SecondaryIndexes> indexes, ObjectProvider<ReadModelStore> readModels,
			ObjectProvider<QueryObserver> observer) {
		// The initializer is a parameter so that the streams exist before the first
		// query.
		return new QueryOptimizer(connection, config, indexes.getIfUnique(() -> readModelIndexes(readModels)),
				properties.getQuery().toQueryCaching(), observer.getIfUnique(() -> QueryObserver.NONE));
	}

	@Bean
	@ConditionalOnBean({ QueryOptimizer.class, ReadModelStore.class })
	@ConditionalOnMissingBean
	ReadModelQueryRouting readModelQueryRouting(QueryOptimizer optimizer, ReadModelStore readModels) {
		return new ReadModelQueryRouting(readModels, new OptimizedReadModelQueries(optimizer));
	}

	/**
	 * Lets the query optimizer answer the read-model store's queries while both beans
	 * live: set when the context starts, taken back before either is destroyed.
	 */
	static final class ReadModelQueryRouting implements InitializingBean, DisposableBean {

		private final ReadModelStore store;

		private final ReadModelQueryExecutor executor;

		ReadModelQueryRouting(ReadModelStore store, ReadModelQueryExecutor executor) {
			this.store = store;
			this.executor = executor;
		}

		@Override
		public void afterPropertiesSet() {
			this.store.useQueryExecutor(this.executor);
		}

		@Override
		public void destroy() {
			this.store.useQueryExecutor(null);
		}

	}

	// The indexes the projection runner keeps, when there is a read-model store.
	private static SecondaryIndexes readModelIndexes(ObjectProvider<ReadModelStore> readModels) {
		ReadModelStore store = readModels.getIfUnique();
		return (store != null) ? new ReadModelSecondaryIndexes(store.indexes()) : SecondaryIndexes.none();
	}

}
