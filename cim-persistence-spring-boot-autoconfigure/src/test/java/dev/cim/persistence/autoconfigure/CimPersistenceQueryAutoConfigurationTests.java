package dev.cim.persistence.autoconfigure;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.cim.persistence.autoconfigure.counter.CounterApplication;
import dev.cim.persistence.autoconfigure.counter.CounterTotal;
import dev.cim.persistence.autoconfigure.metrics.CimPersistenceMetricsAutoConfiguration;
import dev.cim.persistence.autoconfigure.metrics.MicrometerQueryObserver;
import dev.cim.persistence.nats.NatsRepositoryConfig;
import dev.cim.persistence.query.QueryObserver;
import dev.cim.persistence.query.QueryOptimizer;
import dev.cim.persistence.query.QueryPerformance;
import dev.cim.persistence.query.QueryTarget;
import dev.cim.persistence.readmodel.ReadModelQuery;
import dev.cim.persistence.readmodel.ReadModelStore;
import dev.cim.persistence.testsupport.NatsIntegrationTest;
import dev.cim.persistence.testsupport.NatsTestServer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.nats.client.Connection;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.annotation.UserConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link CimPersistenceQueryAutoConfiguration}.
 */
@NatsIntegrationTest
class CimPersistenceQueryAutoConfigurationTests {

	private static final String QUERY = "subject:cim.events.>";

	private static NatsTestServer server;

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(CimPersistenceAutoConfiguration.class,
				CimPersistenceReadModelsAutoConfiguration.class, CimPersistenceQueryAutoConfiguration.class,
				CimPersistenceMetricsAutoConfiguration.class))
		.withConfiguration(UserConfigurations.of(CounterApplication.class));

	@BeforeAll
	static void server(NatsTestServer natsTestServer) {
		server = natsTestServer;
	}

	private static Connection connection() {
		try {
			return server.connect();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private ApplicationContextRunner connected() {
		return this.contextRunner.withPropertyValues("cim.persistence.nats.url=" + server.url());
	}

	@Test
	void defaultsPublishAnOptimizerThatCachesResults() {
		connected().run((context) -> {
			assertThat(context).hasNotFailed().hasSingleBean(QueryOptimizer.class);
			QueryOptimizer optimizer = context.getBean(QueryOptimizer.class);
			assertThat(optimizer.execute(QUERY).performance().cacheHit()).isFalse();
			assertThat(optimizer.execute(QUERY).performance().cacheHit()).isTrue();
		});
	}

	@Test
	void withAMeterRegistryQueriesAreMetered() {
		connected().withBean(MeterRegistry.class, SimpleMeterRegistry::new).run((context) -> {
			assertThat(context).hasSingleBean(MicrometerQueryObserver.class);
			QueryOptimizer optimizer = context.getBean(QueryOptimizer.class);
			optimizer.execute(QUERY);
			optimizer.execute(QUERY);
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			assertThat(registry.get(MicrometerQueryObserver.QUERIES).tag("target", "events").timers())
				.extracting((timer) -> timer.count())
				.containsOnly(1L);
			assertThat(registry.get(MicrometerQueryObserver.RESULT_CACHE).tag("result", "hit").counter().count())
				.isEqualTo(1);
			assertThat(registry.get(MicrometerQueryObserver.PLAN_CACHE).tag("result", "miss").counter().count())
				.isEqualTo(1);
		});
	}

	@Test
	void aCacheSizeOfZeroCachesNothing() {
		connected().withPropertyValues("cim.persistence.query.cache-size=0", "cim.persistence.query.plan-ttl=1m")
			.run((context) -> {
				CimPersistenceProperties.Query query = context.getBean(CimPersistenceProperties.class).getQuery();
				assertThat(query.getPlanTtl()).isEqualTo(Duration.ofMinutes(1));
				assertThat(query.toQueryCaching().enabled()).isFalse();
				QueryOptimizer optimizer = context.getBean(QueryOptimizer.class);
				optimizer.execute(QUERY);
				assertThat(optimizer.execute(QUERY).performance().cacheHit()).isFalse();
			});
	}

	@Test
	void theOptimizerCanBeSwitchedOff() {
		connected().withPropertyValues("cim.persistence.query.enabled=false")
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(QueryOptimizer.class));
	}

	@Test
	void aUserOptimizerWins() {
		connected()
			.withBean("userOptimizer", QueryOptimizer.class,
					() -> new QueryOptimizer(connection(), NatsRepositoryConfig.defaults()))
			.run((context) -> assertThat(context).hasSingleBean(QueryOptimizer.class)
				.hasBean("userOptimizer")
				.doesNotHaveBean("queryOptimizer"));
	}

	@Test
	void aUserObserverIsToldOfQueries() {
		int[] executed = new int[1];
		QueryObserver observer = new QueryObserver() {
			@Override
			public void executed(QueryTarget target, QueryPerformance performance) {
				executed[0]++;
			}
		};
		connected().withBean(QueryObserver.class, () -> observer).run((context) -> {
			context.getBean(QueryOptimizer.class).execute(QUERY);
			assertThat(executed[0]).isEqualTo(1);
		});
	}

	@Test
	void theReadModelStoresQueriesGoThroughTheOptimizer() {
		List<QueryTarget> targets = new CopyOnWriteArrayList<>();
		QueryObserver observer = new QueryObserver() {
			@Override
			public void executed(QueryTarget target, QueryPerformance performance) {
				targets.add(target);
			}
		};
		connected().withBean(QueryObserver.class, () -> observer).run((context) -> {
			context.getBean(ReadModelStore.class).findAll(CounterTotal.class, ReadModelQuery.all());
			assertThat(targets).containsExactly(QueryTarget.READ_MODEL);
		});
		targets.clear();
		connected().withBean(QueryObserver.class, () -> observer)
			.withPropertyValues("cim.persistence.query.enabled=false")
			.run((context) -> {
				context.getBean(ReadModelStore.class).findAll(CounterTotal.class, ReadModelQuery.all());
				assertThat(targets).isEmpty();
			});
	}

	@Test
	void withSeveralConnectionsAndNoPrimaryThereIsNoOptimizer() {
		this.contextRunner.withBean("first", Connection.class, () -> connection())
			.withBean("second", Connection.class, () -> connection())
			.run((context) -> assertThat(context).doesNotHaveBean(QueryOptimizer.class));
	}

}
