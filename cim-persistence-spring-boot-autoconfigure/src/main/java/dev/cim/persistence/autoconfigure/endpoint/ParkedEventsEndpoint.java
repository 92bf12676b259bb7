package dev.cim.persistence.autoconfigure.endpoint;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.cim.persistence.eventroute.EventRouteRunner;
import dev.cim.persistence.eventroute.ParkedEvent;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.annotation.DeleteOperation;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;

/**
 * The {@code cimparked} Actuator endpoint: lists the events parked by routed handler
 * groups ({@code GET /actuator/cimparked}, {@code GET /actuator/cimparked/{group}}),
 * retries one ({@code POST /actuator/cimparked/{group}/{sequence}}: the group's handlers
 * that failed on it are called again, and success removes it) or drops one ({@code DELETE
 * /actuator/cimparked/{group}/{sequence}}).
 */
@Endpoint(id = "cimparked")
public class ParkedEventsEndpoint {

	private final EventRouteRunner runner;

	/**
	 * Create the endpoint.
	 * @param runner the handler groups
	 */
	public ParkedEventsEndpoint(EventRouteRunner runner) {
		this.runner = runner;
	}

	/**
	 * The parked events of every group, with the count per group.
	 * @return the counts ({@code groups}) and the events ({@code events})
	 */
	@ReadOperation
	public Map<String, Object> parked() {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("groups", this.runner.parkedCounts());
		body.put("events", this.runner.parkedEvents());
		return body;
	}

	/**
	 * The parked events of one group.
	 * @param group the group
	 * @return its parked events, by sequence
	 */
	@ReadOperation
	public List<ParkedEvent> parkedOf(@Selector String group) {
		return this.runner.parkedEvents(group);
	}

	/**
	 * Retry a parked event: hand it again to the group's handlers that failed on it.
	 * @param group the group
	 * @param sequence the event's stream sequence
	 * @return {@code found}, {@code delivered}, and the event as still parked when the
	 * retry failed
	 */
	@WriteOperation
	public Map<String, Object> retry(@Selector String group, @Selector long sequence) {
		EventRouteRunner.RetryResult result;
		try {
			result = this.runner.retry(group, sequence);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted while retrying " + group + "." + sequence, ex);
		}
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("found", result.found());
		body.put("delivered", result.succeeded());
		@Nullable ParkedEvent stillParked = result.stillParked();
		if (stillParked != null) {
			body.put("parked", stillParked);
		}
		return body;
	}

	/**
	 * Drop a parked event: it will not be handled.
	 * @param group the group
	 * @param sequence the event's stream sequence
	 * @return {@code dropped}: whether it was parked
	 */
	@DeleteOperation
	public Map<String, Object> drop(@Selector String group, @Selector long sequence) {
		return Map.of("dropped", this.runner.drop(group, sequence));
	}

}
