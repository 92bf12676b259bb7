package dev.cim.persistence.autoconfigure.metrics;

import java.time.Duration;

import dev.cim.persistence.query.QueryPerformance;
import dev.cim.persistence.query.QueryStrategy;
import dev.cim.persistence.query.QueryTarget;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link MicrometerQueryObserver}.
 */
class MicrometerQueryObserverTests {

	private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

	private final MicrometerQueryObserver observer = new MicrometerQueryObserver(this.registry);

	@Test
	void executionsAreTimedAndTheirReadsSummarizedByStrategyAndTarget() {
		this.observer.executed(QueryTarget.READ_MODEL,
				new QueryPerformance(QueryStrategy.KEY_PATTERN, Duration.ofMillis(3), 12, 400, 2, false));
		this.observer.executed(QueryTarget.READ_MODEL,
				new QueryPerformance(QueryStrategy.KEY_PATTERN, Duration.ofMillis(5), 8, 300, 2, false));
		this.observer.executed(QueryTarget.EVENTS,
				new QueryPerformance(QueryStrategy.SUBJECT_PATTERN, Duration.ofMillis(1), 0, 0, 4, true));
		Timer keys = this.registry.get(MicrometerQueryObserver.QUERIES)
			.tag("strategy", "KEY_PATTERN")
			.tag("target", "readmodel")
			.tag("cached", "false")
			.timer();
		assertThat(keys.count()).isEqualTo(2);
		assertThat(keys.totalTime(java.util.concurrent.TimeUnit.MILLISECONDS)).isEqualTo(8);
		DistributionSummary read = this.registry.get(MicrometerQueryObserver.MESSAGES_READ)
			.tag("strategy", "KEY_PATTERN")
			.tag("target", "readmodel")
			.summary();
		assertThat(read.count()).isEqualTo(2);
		assertThat(read.totalAmount()).isEqualTo(20);
		assertThat(this.registry.get(MicrometerQueryObserver.QUERIES)
			.tag("target", "events")
			.tag("cached", "true")
			.timer()
			.count()).isEqualTo(1);
	}

	@Test
	void cacheLookupsAreCountedAsHitsAndMisses() {
		this.observer.planCache(true);
		this.observer.planCache(false);
		this.observer.planCache(true);
		this.observer.resultCache(false);
		assertThat(this.registry.get(MicrometerQueryObserver.PLAN_CACHE).tag("result", "hit").counter().count())
			.isEqualTo(2);
		assertThat(this.registry.get(MicrometerQueryObserver.PLAN_CACHE).tag("result", "miss").counter().count())
			.isEqualTo(1);
		assertThat(this.registry.get(MicrometerQueryObserver.RESULT_CACHE).tag("result", "miss").counter().count())
			.isEqualTo(1);
		assertThat(this.registry.get(MicrometerQueryObserver.RESULT_CACHE).tag("result", "hit").counter().count())
			.isZero();
	}

	@Test
	void targetsHaveFewLowerCaseTagValues() {
		assertThat(QueryTarget.values()).extracting(QueryTarget::tagValue)
			.containsExactly("events", "readmodel", "aggregate");
	}

}
