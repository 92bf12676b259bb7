package dev.cim.persistence.eventroute;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import dev.cim.persistence.eventroute.OrderEvents.Placed;
import dev.cim.persistence.testsupport.NatsIntegrationTest;
import dev.cim.persistence.testsupport.NatsTestServer;
import dev.cim.persistence.testsupport.ProvisionedStore;
import io.nats.client.Connection;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An application killed with SIGKILL while its routed handler is busy: after another
 * instance takes the group over, every event has been handled at least once, and the
 * events of each aggregate reach the new instance in order.
 */
@NatsIntegrationTest
class EventRouteCrashIntegrationTests {

	private static final Duration WAIT = Duration.ofSeconds(90);

	@Test
	void aProcessKilledDuringHandlingLeavesNoEventUnhandledAfterAnotherInstanceTakesOver(NatsTestServer server,
			ProvisionedStore store, @TempDir Path directory) throws Exception {
		Orders orders = new Orders(store.eventStore());
		Set<Long> written = new HashSet<>();
		for (int i = 0; i < 60; i++) {
			written.add(orders.append("order-" + (i % 6), new Placed("c" + i)));
		}
		Path handled = directory.resolve("handled.txt");
		String parkedBucket = store.prefix() + "-parked";
		Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
				System.getProperty("java.class.path"), RouteHandlerMain.class.getName(), server.url(),
				store.config().eventStreamName(), store.config().subjectPrefix(), parkedBucket, handled.toString(),
				"100")
			.redirectErrorStream(true)
			.redirectOutput(directory.resolve("child.log").toFile())
			.start();
		try {
			Awaitility.await().atMost(WAIT).until(() -> lines(handled).size() >= 10);
		}
		finally {
			child.destroyForcibly();
			assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
		}
		List<Long> beforeCrash = lines(handled);
		assertThat(beforeCrash).as("the kill came before the end of the events").hasSizeLessThan(written.size());

		Deliveries deliveries = new Deliveries();
		Connection connection = server.connect();
		try {
			EventRouteRunner runner = new EventRouteRunner(connection, store.config(),
					List.of(new EventRouteHandler("placed", "crash",
							store.config().subjectPrefix() + ".events.*.*.*.OrderPlaced.*", 0, Placed.class,
							(event, context) -> deliveries.add("placed", event, context))),
					RouteHandlerMain.options(parkedBucket), EventRouteObserver.NONE);
			runner.start();
			try {
				Awaitility.await().atMost(WAIT).until(() -> {
					Set<Long> all = new HashSet<>(beforeCrash);
					all.addAll(Deliveries.sequences(deliveries.all()));
					return all.containsAll(written);
				});
			}
			finally {
				runner.stop();
			}
		}
		finally {
			connection.close();
		}
		List<Long> afterRestart = Deliveries.sequences(deliveries.all());
		assertThat(afterRestart).as("the event in hand at the kill is handled again").isNotEmpty();
		Set<Long> all = new HashSet<>(beforeCrash);
		all.addAll(afterRestart);
		assertThat(all).containsAll(written);
		deliveries.versionsByAggregate("placed")
			.values()
			.forEach((versions) -> assertThat(versions).isSortedAccordingTo(Long::compare).doesNotHaveDuplicates());
	}

	private static List<Long> lines(Path file) throws Exception {
		if (!Files.exists(file)) {
			return List.of();
		}
		List<Long> sequences = new ArrayList<>();
		for (String line : Files.readAllLines(file)) {
			if (!line.isBlank()) {
				sequences.add(Long.parseLong(line.trim()));
			}
		}
		return sequences;
	}

}
