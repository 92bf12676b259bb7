package dev.cim.persistence.nats;

import java.io.IOException;
import java.util.concurrent.TimeoutException;

import dev.cim.persistence.testsupport.NatsIntegrationTest;
import dev.cim.persistence.testsupport.NatsTestServer;
import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.api.ApiResponse;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import io.nats.client.support.JsonParser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DataRetrievalFailureException;
import org.springframework.dao.InvalidDataAccessResourceUsageException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

@NatsIntegrationTest
class NatsExceptionTranslatorTests {

	private static Connection connection;

	private static JetStreamManagement jsm;

	@BeforeAll
	static void connect(NatsTestServer server) throws Exception {
		connection = server.connect();
		jsm = connection.jetStreamManagement();
	}

	@AfterAll
	static void close() throws InterruptedException {
		connection.close();
	}

	@AfterEach
	void clearInterrupt() {
		Thread.interrupted();
	}

	@Test
	void missingStreamIsInvalidResourceUsageNamingTheActionAndTheServersError() {
		JetStreamApiException notFound = catchThrowableOfType(JetStreamApiException.class,
				() -> jsm.getStreamInfo("TRANSLATOR_MISSING"));
		assertThat(notFound.getErrorCode()).isEqualTo(404);
		DataAccessException translated = NatsExceptionTranslator.translate("reading stream TRANSLATOR_MISSING",
				notFound);
		assertThat(translated).isExactlyInstanceOf(InvalidDataAccessResourceUsageException.class)
			.hasMessage("reading stream TRANSLATOR_MISSING failed: JetStream error " + notFound.getApiErrorCode() + " ("
					+ notFound.getErrorDescription() + ")")
			.hasMessageContaining("10059")
			.hasCause(notFound);
	}

	@Test
	void refusedRequestIsInvalidResourceUsage() throws Exception {
		jsm.addStream(StreamConfiguration.builder()
			.name("TRANSLATOR_A")
			.subjects("translator.>")
			.storageType(StorageType.Memory)
			.build());
		JetStreamApiException overlap = catchThrowableOfType(JetStreamApiException.class,
				() -> jsm.addStream(StreamConfiguration.builder()
					.name("TRANSLATOR_B")
					.subjects("translator.x")
					.storageType(StorageType.Memory)
					.build()));
		assertThat(overlap.getErrorCode()).isEqualTo(400);
		assertThat(NatsExceptionTranslator.translate("creating stream TRANSLATOR_B", overlap))
			.isExactlyInstanceOf(InvalidDataAccessResourceUsageException.class)
			.hasMessageStartingWith("creating stream TRANSLATOR_B failed: JetStream error 10065 (")
			.hasCause(overlap);
	}

	@Test
	void otherServerErrorsAreNatsAccessExceptions() {
		for (int code : new int[] { 401, 408, 409, 500, 503 }) {
			JetStreamApiException error = apiError(code, 10008, "JetStream system temporarily unavailable");
			assertThat(NatsExceptionTranslator.translate("append to sales.Order.o-1", error))
				.isExactlyInstanceOf(NatsAccessException.class)
				.hasMessage("append to sales.Order.o-1 failed: JetStream error 10008"
						+ " (JetStream system temporarily unavailable)")
				.hasCause(error);
		}
	}

	@Test
	void ioFailureIsStoreUnavailable() {
		IOException timeout = new IOException("Timeout or no response waiting for NATS JetStream server");
		assertThat(NatsExceptionTranslator.translate("append to sales.Order.o-1", timeout))
			.isExactlyInstanceOf(StoreUnavailableException.class)
			.isInstanceOf(DataAccessResourceFailureException.class)
			.hasMessage("append to sales.Order.o-1 failed: Timeout or no response waiting for NATS JetStream server")
			.hasCause(timeout);
	}

	@Test
	void connectionNotOpenIsStoreUnavailable(NatsTestServer server) throws Exception {
		Connection closed = server.connect();
		JetStreamManagement management = closed.jetStreamManagement();
		closed.close();
		IllegalStateException notOpen = catchThrowableOfType(IllegalStateException.class,
				() -> management.getStreamInfo("TRANSLATOR_A"));
		assertThat(NatsExceptionTranslator.translate("reading the state of sales.Order.o-1", notOpen))
			.isExactlyInstanceOf(StoreUnavailableException.class)
			.hasMessage("reading the state of sales.Order.o-1 failed: the connection to the NATS server is not open ("
					+ notOpen.getMessage() + ")")
			.hasCause(notOpen);
	}

	@Test
	void interruptionIsAResourceFailureAndTheInterruptFlagIsSetAgain() {
		InterruptedException interrupted = new InterruptedException("sleep interrupted");
		assertThat(Thread.currentThread().isInterrupted()).isFalse();
		DataAccessException translated = NatsExceptionTranslator.translate("listing keys rm.v1.*", interrupted);
		assertThat(Thread.currentThread().isInterrupted()).isTrue();
		assertThat(translated).isExactlyInstanceOf(DataAccessResourceFailureException.class)
			.hasMessage("listing keys rm.v1.* was interrupted")
			.hasCause(interrupted);
	}

	@Test
	void anyOtherExceptionIsANatsAccessExceptionNamingIt() {
		TimeoutException timeout = new TimeoutException("no answer");
		assertThat(NatsExceptionTranslator.translate("writing rm.v1.o-1", timeout))
			.isExactlyInstanceOf(NatsAccessException.class)
			.hasMessage("writing rm.v1.o-1 failed: java.util.concurrent.TimeoutException: no answer")
			.hasCause(timeout);
		assertThat(Thread.currentThread().isInterrupted()).isFalse();
	}

	@Test
	void asPersistenceExceptionTranslatorItTranslatesWhatTheClientThrows(NatsTestServer server) throws Exception {
		Connection closed = server.connect();
		closed.close();
		IllegalStateException notOpen = catchThrowableOfType(IllegalStateException.class,
				() -> closed.publish("translator.x", new byte[0]));
		assertThat(new NatsExceptionTranslator().translateExceptionIfPossible(notOpen))
			.isExactlyInstanceOf(StoreUnavailableException.class)
			.hasMessageStartingWith("NATS request failed: the connection to the NATS server is not open")
			.hasCause(notOpen);
	}

	@Test
	void asPersistenceExceptionTranslatorItLeavesForeignExceptionsAlone() {
		NatsExceptionTranslator translator = new NatsExceptionTranslator();
		assertThat(translator.translateExceptionIfPossible(new IllegalStateException("not from jnats"))).isNull();
		assertThat(translator.translateExceptionIfPossible(new IllegalArgumentException("bad id"))).isNull();
		assertThat(translator.translateExceptionIfPossible(new UnsupportedOperationException())).isNull();
		assertThat(translator
			.translateExceptionIfPossible(new StoreUnavailableException("already translated", new IOException("gone"))))
			.isNull();
		assertThat(translator.translateExceptionIfPossible(new DataRetrievalFailureException("other"))).isNull();
	}

	@Test
	void undecodableEventNamesSubjectSequenceAndCause() {
		IllegalArgumentException cause = new IllegalArgumentException("not a DAG-JSON map");
		UndecodableEventException ex = new UndecodableEventException("cim.events.sales.Order.o-1.OrderPlaced.3", 42,
				cause);
		assertThat(ex).isInstanceOf(DataRetrievalFailureException.class)
			.hasMessage("event cim.events.sales.Order.o-1.OrderPlaced.3 at stream sequence 42 cannot be decoded:"
					+ " java.lang.IllegalArgumentException: not a DAG-JSON map")
			.hasCause(cause);
		assertThat(ex.getSubject()).isEqualTo("cim.events.sales.Order.o-1.OrderPlaced.3");
		assertThat(ex.getSequence()).isEqualTo(42);
	}

	private static JetStreamApiException apiError(int code, int apiCode, String description) {
		String json = "{\"error\":{\"code\":" + code + ",\"err_code\":" + apiCode + ",\"description\":\"" + description
				+ "\"}}";
		ApiResponse<Object> response = new ApiResponse<>(JsonParser.parseUnchecked(json)) {
		};
		assertThat(response.hasError()).isTrue();
		return catchThrowableOfType(JetStreamApiException.class, response::throwOnHasError);
	}

}
