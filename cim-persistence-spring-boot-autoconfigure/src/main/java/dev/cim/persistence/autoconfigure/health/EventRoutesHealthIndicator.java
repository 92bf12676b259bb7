package dev.cim.persistence.autoconfigure.health;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.cim.persistence.eventroute.EventRouteRunner;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * Health of routed event handlers: each group with its consumer and the number of its
 * parked events, and the total.
 *
 * <p>
 * Parked events leave the status {@code UP}: the application still serves requests and
 * its groups still handle newer events, and neither a restart nor taking the instance out
 * of a load balancer (what {@code DOWN} leads to) would handle a parked event; an
 * operator has to retry or drop it. So they are reported as details, to alert on. The
 * status is {@code DOWN} only when the parked-events bucket cannot be read.
 */
public class EventRoutesHealthIndicator extends AbstractHealthIndicator {

	private final EventRouteRunner runner;

	/**
	 * Create a health indicator.
	 * @param runner the handler groups
	 */
	public EventRoutesHealthIndicator(EventRouteRunner runner) {
		super("CIM routed handlers health check failed");
		this.runner = runner;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		Map<String, Long> counts = this.runner.parkedCounts();
		Map<String, Object> groups = new LinkedHashMap<>();
		long total = 0;
		for (Map.Entry<String, Long> entry : counts.entrySet()) {
			Map<String, Object> group = new LinkedHashMap<>();
			group.put("consumer", this.runner.consumerName(entry.getKey()));
			group.put("parked", entry.getValue());
			groups.put(entry.getKey(), group);
			total += entry.getValue();
		}
		builder.up()
			.withDetail("running", this.runner.isRunning())
			.withDetail("parked", total)
			.withDetail("groups", groups);
	}

}
