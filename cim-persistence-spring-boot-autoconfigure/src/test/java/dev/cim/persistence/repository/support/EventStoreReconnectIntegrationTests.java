package dev.cim.persistence.repository.support;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cim.persistence.embedded.EmbeddedNatsServer;
import dev.cim.persistence.nats.JetStreamProvisioner;
import dev.cim.persistence.nats.NatsRepositoryConfig;
import dev.cim.persistence.testsupport.Ids;
import io.nats.client.Connection;
import io.nats.client.Nats;
import io.nats.client.Options;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import dev.cim.persistence.repository.AggregateRef;

/**
 * The event store when the server goes away while an append waits for its
 * acknowledgement: the outcome of that append is unknown, so the store waits for the
 * connection and learns it, instead of failing at once.
 */
class EventStoreReconnectIntegrationTests {

	private static final Duration EVENTUALLY = Duration.ofSeconds(30);

	@Test
	void appendWhoseAcknowledgementWasLostWithTheServerCompletesOnceTheServerIsBack() throws Exception {
		NatsRepositoryConfig config = NatsRepositoryConfig.builder().publishTimeout(Duration.ofSeconds(3)).build();
		try (EmbeddedNatsServer server = EmbeddedNatsServer.builder().start()) {
			Connection connection = Nats.connect(Options.builder()
				.server(server.url())
				.maxReconnects(-1)
				.reconnectWait(Duration.ofMillis(50))
				.reconnectBufferSize(0)
				.build());
			try {
				new JetStreamProvisioner(connection, config).provision();
				EventStore store = new EventStore(connection, config);
				AggregateRef order = AggregateRef.of("sales", "Order", Ids.next("o"));
				NewEvent created = new NewEvent("OrderCreated", 1,
						new ObjectMapper().readTree("{\"customerId\":\"c-1\"}"));
				long pid = server.pid();
				signal("STOP", pid);
				long sent = connection.getStatistics().getOutMsgs();
				CompletableFuture<AppendResult> append = CompletableFuture
					.supplyAsync(() -> store.append(order, EventHead.NONE, List.of(created)));
				awaitTrue(() -> connection.getStatistics().getOutMsgs() > sent, "the publish is sent");
				ProcessHandle.of(pid).orElseThrow().destroyForcibly();
				awaitTrue(() -> connection.getStatus() != Connection.Status.CONNECTED,
						"the client sees the server gone");
				// Past the first attempt's timeout: the next attempt finds no connection.
				Thread.sleep(config.publishTimeout().plusMillis(500).toMillis());
				server.start();
				AppendResult result = append.get(EVENTUALLY.toSeconds(), TimeUnit.SECONDS);
				assertThat(result.head().version()).isEqualTo(1);
				assertThat(store.history(order)).extracting(RecordedEvent::version).containsExactly(1L);
			}
			finally {
				connection.close();
			}
		}
	}

	private static void signal(String signal, long pid) throws Exception {
		Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).inheritIO().start();
		assertThat(kill.waitFor()).isZero();
	}

	private static void awaitTrue(BooleanSupplier condition, String what) throws InterruptedException {
		long deadline = System.nanoTime() + EVENTUALLY.toNanos();
		while (!condition.getAsBoolean()) {
			if (System.nanoTime() - deadline > 0) {
				throw new AssertionError("Not seen within " + EVENTUALLY + ": " + what);
			}
			Thread.sleep(10);
		}
	}

}
