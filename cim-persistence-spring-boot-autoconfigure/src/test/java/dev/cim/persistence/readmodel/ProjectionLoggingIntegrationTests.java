package dev.cim.persistence.readmodel;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.IntStream;

import dev.cim.persistence.nats.JetStreamProvisioner;
import dev.cim.persistence.nats.LoggingErrorListener;
import dev.cim.persistence.nats.NatsRepositoryConfig;
import dev.cim.persistence.testsupport.NatsIntegrationTest;
import dev.cim.persistence.testsupport.NatsTestServer;
import io.nats.client.Connection;
import io.nats.client.ErrorListener;
import io.nats.client.JetStreamSubscription;
import io.nats.client.support.Status;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import dev.cim.persistence.repository.support.EventStore;

/**
 * A projection's connection stays quiet: idle and under load, the client reports no
 * problem to its error listener and nothing is logged at error level.
 */
@NatsIntegrationTest
class ProjectionLoggingIntegrationTests {

	private static final NatsRepositoryConfig CONFIG = NatsRepositoryConfig.defaults();

	private final List<LogRecord> errors = new CopyOnWriteArrayList<>();

	private final Handler capture = new Handler() {

		@Override
		public void publish(LogRecord record) {
			if (record.getLevel().intValue() >= Level.SEVERE.intValue()) {
				ProjectionLoggingIntegrationTests.this.errors.add(record);
			}
		}

		@Override
		public void flush() {
		}

		@Override
		public void close() {
		}

	};

	@BeforeEach
	void captureErrors() {
		Logger.getLogger("").addHandler(this.capture);
	}

	@AfterEach
	void releaseCapture() {
		Logger.getLogger("").removeHandler(this.capture);
	}

	@Test
	void aProjectionIdleAndThenUnderLoadLogsNoError(NatsTestServer server) throws Exception {
		RecordingErrorListener listener = new RecordingErrorListener();
		Connection connection = server.connect((options) -> options.errorListener(listener));
		new JetStreamProvisioner(connection, CONFIG).provision();
		Ledgers ledgers = new Ledgers(new EventStore(server.connect(), CONFIG));
		String run = Ledgers.newId("quiet");
		List<String> ids = IntStream.range(0, 50).mapToObj((i) -> run + "-" + i).toList();
		try (ProjectionRunner runner = new ProjectionRunner(connection, CONFIG,
				List.of(ReadModelDefinition.of(Balance.class)))) {
			runner.start();
			// Idle: the projection keeps asking for events that do not come.
			Thread.sleep(Duration.ofSeconds(30).toMillis());
			long last = ledgers.appendRounds(ids, 10, 10);
			runner.awaitSequence(Balance.class, last, Duration.ofSeconds(120));
			assertThat(store(connection).findById(Balance.class, ids.get(0)))
				.contains(ledgers.expectedBalance(ids.get(0)));
		}
		assertThat(listener.calls).as("problems the client reported").isEmpty();
		assertThat(this.errors).extracting(LogRecord::getMessage).as("lines logged at error level").isEmpty();
	}

	private static ReadModelStore store(Connection connection) {
		return new ReadModelStore(connection, CONFIG);
	}

	/**
	 * Counts what the client reports, and logs it as the auto-configured connection does.
	 */
	static final class RecordingErrorListener implements ErrorListener {

		final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();

		private final LoggingErrorListener logging = new LoggingErrorListener();

		private void record(String kind) {
			this.calls.computeIfAbsent(kind, (key) -> new AtomicInteger()).incrementAndGet();
		}

		@Override
		public void errorOccurred(Connection conn, String error) {
			record("errorOccurred: " + error);
			this.logging.errorOccurred(conn, error);
		}

		@Override
		public void exceptionOccurred(Connection conn, Exception exp) {
			record("exceptionOccurred: " + exp);
			this.logging.exceptionOccurred(conn, exp);
		}

		@Override
		public void heartbeatAlarm(Connection conn, JetStreamSubscription sub, long lastStreamSequence,
				long lastConsumerSequence) {
			record("heartbeatAlarm");
			this.logging.heartbeatAlarm(conn, sub, lastStreamSequence, lastConsumerSequence);
		}

		@Override
		public void unhandledStatus(Connection conn, JetStreamSubscription sub, Status status) {
			record("unhandledStatus: " + status.getMessageWithCode());
			this.logging.unhandledStatus(conn, sub, status);
		}

		@Override
		public void pullStatusError(Connection conn, JetStreamSubscription sub, Status status) {
			record("pullStatusError: " + status.getMessageWithCode());
			this.logging.pullStatusError(conn, sub, status);
		}

		@Override
		public void pullStatusWarning(Connection conn, JetStreamSubscription sub, Status status) {
			record("pullStatusWarning: " + status.getMessageWithCode());
			this.logging.pullStatusWarning(conn, sub, status);
		}

	}

}
