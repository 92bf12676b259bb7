package dev.cim.persistence.eventroute;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cim.persistence.event.EventBlock;
import dev.cim.persistence.event.EventBlockCodec;
import dev.cim.persistence.event.EventMeta;
import dev.cim.persistence.event.StoreObjectMappers;

/**
 * Hands one stored event to the handlers of a group it matches, higher priority first,
 * and calls the ones that threw again after a back-off, up to the configured attempts.
 * Thread-safe.
 */
final class HandlerDispatcher {

	private final EventBlockCodec codec;

	private final ObjectMapper mapper = StoreObjectMappers.forEvents();

	private final EventRouteOptions options;

	private final EventRouteObserver observer;

	HandlerDispatcher(EventBlockCodec codec, EventRouteOptions options, EventRouteObserver observer) {
		this.codec = codec;
		this.options = options;
		this.observer = observer;
	}

	/**
	 * Dispatch an event.
	 * @param routes the group's handlers
	 * @param subject the event's subject
	 * @param sequence the event's stream sequence
	 * @param body the event's stored bytes
	 * @param only the names of the handlers to call; all matching ones when none of them
	 * matches (empty, or the handlers were renamed since)
	 * @param attempts how many times a failing handler is called
	 * @param keepAlive called before each pause, to tell the server the event is in work
	 * @return what happened
	 * @throws InterruptedException when interrupted during a back-off
	 */
	Outcome dispatch(GroupRoutes routes, String subject, long sequence, byte[] body, Collection<String> only,
			int attempts, Runnable keepAlive) throws InterruptedException {
		EventBlock block;
		try {
			block = this.codec.decode(body);
		}
		catch (RuntimeException ex) {
			this.observer.failed(routes.group());
			return Outcome.failed("undecodable event: " + describe(ex), 1, List.of());
		}
		List<EventRouteHandler> pending = new ArrayList<>(routes.matching(subject, block.type()));
		if (pending.stream().anyMatch((handler) -> only.contains(handler.name()))) {
			pending.removeIf((handler) -> !only.contains(handler.name()));
		}
		if (pending.isEmpty()) {
			return Outcome.NONE;
		}
		RoutedEvent context = context(routes.group(), subject, sequence, block, body);
		Map<Class<?>, Object> events = new HashMap<>();
		String error = "";
		int attempt = 0;
		while (true) {
			attempt++;
			List<EventRouteHandler> failed = new ArrayList<>();
			for (EventRouteHandler handler : pending) {
				try {
					Class<?> eventClass = handler.eventType().javaType();
					Object event = events.get(eventClass);
					if (event == null) {
						event = this.mapper.treeToValue(block.data(), eventClass);
						events.put(eventClass, event);
					}
					handler.handle(event, context);
				}
				catch (InterruptedException ex) {
					throw ex;
				}
				catch (Exception ex) {
					this.observer.failed(routes.group());
					error = handler.name() + ": " + describe(ex);
					failed.add(handler);
				}
			}
			if (failed.isEmpty()) {
				this.observer.handled(routes.group());
				return new Outcome(true, "", attempt, List.of());
			}
			if (attempt >= attempts) {
				return Outcome.failed(error, attempt, failed.stream().map(EventRouteHandler::name).toList());
			}
			pending = failed;
			keepAlive.run();
			long pause = this.options.backoff(attempt).toMillis();
			if (pause > 0) {
				Thread.sleep(pause);
			}
		}
	}

	private RoutedEvent context(String group, String subject, long sequence, EventBlock block, byte[] body) {
		EventMeta meta = block.meta();
		return new RoutedEvent(group, subject, sequence, block.context(), block.aggregateType(), block.aggregateId(),
				block.version(), block.type(), meta.eventId(), this.codec.cidTextOf(body), meta.timestamp(),
				meta.correlationId(), meta.causationId(), meta.user());
	}

	private static String describe(Exception ex) {
		return ex.getClass().getName() + ": " + ex.getMessage();
	}

	/**
	 * What dispatching an event did.
	 *
	 * @param handled whether every handler called succeeded (also when none matched)
	 * @param error the last error, empty when handled
	 * @param attempts how many rounds of calls were made
	 * @param failed the handlers that failed on the last round
	 */
	record Outcome(boolean handled, String error, int attempts, List<String> failed) {

		static final Outcome NONE = new Outcome(true, "", 0, List.of());

		static Outcome failed(String error, int attempts, List<String> failed) {
			return new Outcome(false, error, attempts, failed);
		}

	}

}
