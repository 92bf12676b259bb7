package dev.cim.persistence.autoconfigure.metrics;

import dev.cim.persistence.eventroute.EventRouteObserver;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * An {@link EventRouteObserver} that records what routed handlers do as Micrometer
 * counters tagged with the handler group: events handled, handler calls that failed, and
 * events parked.
 */
public class MicrometerEventRouteObserver implements EventRouteObserver {

	/** Counter of events whose handlers all succeeded. */
	public static final String HANDLED = "cim.persistence.routes.handled";

	/** Counter of handler calls that threw (each attempt counts). */
	public static final String FAILED = "cim.persistence.routes.failed";

	/** Counter of events parked after their retries. */
	public static final String PARKED = "cim.persistence.routes.parked";

	private static final String GROUP = "group";

	private final MeterRegistry registry;

	/**
	 * Create an observer.
	 * @param registry the registry the meters are registered in
	 */
	public MicrometerEventRouteObserver(MeterRegistry registry) {
		this.registry = registry;
	}

	@Override
	public void handled(String group) {
		Counter.builder(HANDLED)
			.description("Events whose routed handlers all succeeded")
			.tag(GROUP, group)
			.register(this.registry)
			.increment();
	}

	@Override
	public void failed(String group) {
		Counter.builder(FAILED)
			.description("Routed handler calls that threw")
			.tag(GROUP, group)
			.register(this.registry)
			.increment();
	}

	@Override
	public void parked(String group) {
		Counter.builder(PARKED)
			.description("Events parked after their handlers' retries")
			.tag(GROUP, group)
			.register(this.registry)
			.increment();
	}

}
