package dev.cim.persistence.nats;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.ResourceBundle;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

import io.nats.client.support.Status;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What {@link LoggingErrorListener} logs, at which level, and how often.
 */
class LoggingErrorListenerTests {

	private final RecordingLogger logger = new RecordingLogger(System.Logger.Level.INFO);

	private final AtomicLong now = new AtomicLong(1_000_000_000L);

	private final LoggingErrorListener listener = new LoggingErrorListener(this.logger, Duration.ofMinutes(1),
			this.now::get);

	@Test
	void aFloodOfOneKindOfEventIsLoggedOncePerIntervalWithTheNumberLeftOut() {
		for (int i = 0; i < 2000; i++) {
			this.listener.heartbeatAlarm(null, null, 10, 5);
		}
		assertThat(this.logger.records).hasSize(1);
		this.now.addAndGet(Duration.ofSeconds(61).toNanos());
		this.listener.heartbeatAlarm(null, null, 11, 6);
		assertThat(this.logger.records).hasSize(2);
		assertThat(this.logger.records.get(1).message()).contains("1999 more like this");
	}

	@Test
	void kindsAreLimitedSeparately() {
		this.listener.heartbeatAlarm(null, null, 1, 1);
		this.listener.exceptionOccurred(null, new IOException("reset"));
		this.listener.errorOccurred(null, "Permissions Violation");
		this.listener.heartbeatAlarm(null, null, 2, 2);
		this.listener.exceptionOccurred(null, new IOException("reset again"));
		assertThat(this.logger.records).extracting(Record::message)
			.hasSize(3)
			.anySatisfy((message) -> assertThat(message).contains("missed its heartbeats"))
			.anySatisfy((message) -> assertThat(message).contains("IOException: reset"))
			.anySatisfy((message) -> assertThat(message).contains("Permissions Violation"));
	}

	@Test
	void nothingIsLoggedAtErrorLevel() {
		Status status = new Status(409, "Consumer Deleted");
		this.listener.errorOccurred(null, "Authorization Violation");
		this.listener.exceptionOccurred(null, new IOException("broken pipe"));
		this.listener.slowConsumerDetected(null, null);
		this.listener.heartbeatAlarm(null, null, 1, 1);
		this.listener.unhandledStatus(null, null, status);
		this.listener.pullStatusError(null, null, status);
		this.listener.socketWriteTimeout(null);
		assertThat(this.logger.records).hasSize(7)
			.allSatisfy((record) -> assertThat(record.level()).isEqualTo(System.Logger.Level.WARNING));
	}

	@Test
	void pullsEndingInTheNormalCourseAreDebug() {
		this.listener.pullStatusWarning(null, null, new Status(408, "Request Timeout"));
		this.listener.pullStatusWarning(null, null, new Status(404, "No Messages"));
		assertThat(this.logger.records).isEmpty();
		RecordingLogger debug = new RecordingLogger(System.Logger.Level.DEBUG);
		new LoggingErrorListener(debug, Duration.ofMinutes(1), this.now::get).pullStatusWarning(null, null,
				new Status(408, "Request Timeout"));
		assertThat(debug.records).singleElement()
			.satisfies((record) -> assertThat(record.level()).isEqualTo(System.Logger.Level.DEBUG));
	}

	@Test
	void theExceptionOfAConnectionGoesWithItsLine() {
		IOException error = new IOException("connection reset");
		this.listener.exceptionOccurred(null, error);
		assertThat(this.logger.records).singleElement()
			.satisfies((record) -> assertThat(record.error()).isSameAs(error));
	}

	record Record(System.Logger.Level level, String message, @Nullable Throwable error) {
	}

	static final class RecordingLogger implements System.Logger {

		final List<Record> records = new CopyOnWriteArrayList<>();

		private final Level threshold;

		RecordingLogger(Level threshold) {
			this.threshold = threshold;
		}

		@Override
		public String getName() {
			return "recording";
		}

		@Override
		public boolean isLoggable(Level level) {
			return level.getSeverity() >= this.threshold.getSeverity();
		}

		@Override
		public void log(Level level, @Nullable ResourceBundle bundle, String msg, @Nullable Throwable thrown) {
			this.records.add(new Record(level, msg, thrown));
		}

		@Override
		public void log(Level level, @Nullable ResourceBundle bundle, String format, @Nullable Object... params) {
			this.records.add(new Record(level, format, null));
		}

	}

}
