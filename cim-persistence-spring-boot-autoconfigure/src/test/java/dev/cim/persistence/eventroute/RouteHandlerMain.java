package dev.cim.persistence.eventroute;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;

import dev.cim.persistence.eventroute.OrderEvents.Placed;
import dev.cim.persistence.nats.NatsRepositoryConfig;
import io.nats.client.Connection;
import io.nats.client.Nats;

/**
 * An application in a JVM of its own, for the crash test: runs one handler group whose
 * handler appends each event's sequence to a file, slowly, until the process is killed.
 * Arguments: server URL, event stream name, subject prefix, parked bucket, output file,
 * pause per event in milliseconds.
 */
final class RouteHandlerMain {

	private RouteHandlerMain() {
	}

	public static void main(String[] args) throws Exception {
		NatsRepositoryConfig config = NatsRepositoryConfig.builder()
			.eventStreamName(args[1])
			.subjectPrefix(args[2])
			.build();
		Path output = Path.of(args[4]);
		long pause = Long.parseLong(args[5]);
		Connection connection = Nats.connect(args[0]);
		EventRouteHandler handler = new EventRouteHandler("placed", "crash", args[2] + ".events.*.*.*.OrderPlaced.*", 0,
				Placed.class, (event, context) -> {
					Files.writeString(output, context.sequence() + "\n", StandardCharsets.UTF_8,
							StandardOpenOption.CREATE, StandardOpenOption.APPEND);
					Thread.sleep(pause);
				});
		EventRouteRunner runner = new EventRouteRunner(connection, config, List.of(handler), options(args[3]),
				EventRouteObserver.NONE);
		runner.start();
		System.out.println("started");
		Thread.sleep(Duration.ofMinutes(5).toMillis());
	}

	static EventRouteOptions options(String parkedBucket) {
		return EventRouteOptions.defaults()
			.withNames(parkedBucket, "crash")
			.withConsumer(16, Duration.ofSeconds(5), Duration.ofSeconds(1), Duration.ofSeconds(2));
	}

}
