package dev.cim.persistence.autoconfigure.metrics;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import dev.cim.persistence.readmodel.ProjectionFailure;
import dev.cim.persistence.readmodel.ProjectionObserver;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * A {@link ProjectionObserver} that records what the projections do as Micrometer meters:
 * events applied, skipped as already applied, and failed, and each projection's lag.
 */
public class MicrometerProjectionObserver implements ProjectionObserver {

	/** Counter of events applied to read models. */
	public static final String APPLIED = "cim.persistence.projection.applied";

	/**
	 * Counter of redelivered events skipped because their entry had already applied them.
	 */
	public static final String SKIPPED = "cim.persistence.projection.skipped";

	/** Counter of events that failed every attempt. */
	public static final String FAILED = "cim.persistence.projection.failed";

	/** Gauge of the events a projection still has to process. */
	public static final String LAG = "cim.persistence.projection.lag";

	private static final String PROJECTION = "projection";

	private final MeterRegistry registry;

	private final Map<String, AtomicLong> lags = new ConcurrentHashMap<>();

	/**
	 * Create an observer.
	 * @param registry the registry the meters are registered in
	 */
	public MicrometerProjectionObserver(MeterRegistry registry) {
		this.registry = registry;
	}

	@Override
	public void applied(String projection, String eventType, long sequence) {
		Counter.builder(APPLIED)
			.description("Events applied to read models")
			.tag(PROJECTION, projection)
			.tag("event", eventType)
			.register(this.registry)
			.increment();
	}

	@Override
	public void skipped(String projection, long sequence) {
		Counter.builder(SKIPPED)
			.description("Redelivered events skipped because their entry had already applied them")
			.tag(PROJECTION, projection)
			.register(this.registry)
			.increment();
	}

	@Override
	public void failed(String projection, ProjectionFailure failure) {
		Counter.builder(FAILED)
			.description("Events that could not be applied after every attempt")
			.tag(PROJECTION, projection)
			.register(this.registry)
			.increment();
	}

	@Override
	public void lag(String projection, long lag) {
		this.lags.computeIfAbsent(projection, (name) -> {
			AtomicLong value = new AtomicLong();
			Gauge.builder(LAG, value, AtomicLong::get)
				.description("Events a projection still has to process")
				.tag(PROJECTION, name)
				.register(this.registry);
			return value;
		}).set(lag);
	}

}
