package dev.cim.persistence.readmodel;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import dev.cim.persistence.event.DomainEvent;
import dev.cim.persistence.nats.NatsRepositoryConfig;
import dev.cim.persistence.nats.UndecodableEventException;
import dev.cim.persistence.readmodel.LedgerEvents.Credited;
import dev.cim.persistence.readmodel.LedgerEvents.Opened;
import dev.cim.persistence.testsupport.NatsIntegrationTest;
import dev.cim.persistence.testsupport.ProvisionedStore;
import dev.cim.persistence.testsupport.NatsTestServer;
import io.nats.client.Connection;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * A handler that throws for one event, against a real nats-server: bounded retries, the
 * failure recorded with its sequence, and the projection going on or stopping as
 * configured.
 */
@NatsIntegrationTest
class ProjectionFailureIntegrationTests {

	private static NatsRepositoryConfig config;

	private static final Duration WAIT = Duration.ofSeconds(60);

	static final AtomicInteger continueAttempts = new AtomicInteger();

	static final AtomicInteger stopAttempts = new AtomicInteger();

	static volatile boolean poisoned = true;

	private static NatsTestServer server;

	private static Ledgers ledgers;

	private static ReadModelStore store;

	@BeforeAll
	static void provision(NatsTestServer natsServer, ProvisionedStore provisioned) {
		config = provisioned.config();
		server = natsServer;
		ledgers = new Ledgers(provisioned.eventStore());
		store = new ReadModelStore(provisioned.connection(), config);
	}

	@Test
	void underContinueTheEventIsRetriedRecordedAndSkipped() throws Exception {
		String id = Ledgers.newId("cont");
		ledgers.append(id, new Opened("o"), new Credited(5));
		long poison = ledgers.append(id, new Credited(1313));
		long last = ledgers.append(id, new Credited(7));
		ProjectionRunner runner = runner(FragileContinue.class, FailurePolicy.CONTINUE);
		runner.start();
		runner.awaitSequence("FragileContinue", last, WAIT);
		assertThat(store.findById(FragileContinue.class, id)).contains(new FragileContinue(id, 12, 3));
		assertThat(continueAttempts.get()).isEqualTo(3);
		ProjectionStatus status = runner.status("FragileContinue").orElseThrow();
		assertThat(status.state()).isNotEqualTo(ProjectionState.FAILED);
		assertThat(status.failures()).singleElement().satisfies((failure) -> {
			assertThat(failure.sequence()).isEqualTo(poison);
			assertThat(failure.attempts()).isEqualTo(3);
			assertThat(failure.error()).contains("IllegalStateException").contains("poison 1313");
			assertThat(failure.subject()).endsWith(".LedgerCredited.3");
		});
		await().atMost(WAIT)
			.untilAsserted(() -> assertThat(runner.statusStore().find("FragileContinue").orElseThrow().failures())
				.extracting(ProjectionFailure::sequence)
				.containsExactly(poison));
		runner.stop();
	}

	@Test
	void underStopTheProjectionFailsAndResumesAtTheEventWhenStartedAgain() throws Exception {
		String id = Ledgers.newId("stop");
		ledgers.append(id, new Opened("o"), new Credited(5));
		long poison = ledgers.append(id, new Credited(1717));
		long last = ledgers.append(id, new Credited(7));
		ProjectionRunner runner = runner(FragileStop.class, FailurePolicy.STOP);
		runner.start();
		await().atMost(WAIT).until(() -> runner.status("FragileStop").orElseThrow().state() == ProjectionState.FAILED);
		assertThat(stopAttempts.get()).isEqualTo(2);
		assertThat(runner.status("FragileStop").orElseThrow().failures()).extracting(ProjectionFailure::sequence)
			.containsExactly(poison);
		assertThat(store.findById(FragileStop.class, id)).contains(new FragileStop(id, 5, 2));
		assertThatExceptionOfType(ProjectionFailedException.class)
			.isThrownBy(() -> runner.awaitSequence("FragileStop", last, WAIT));
		assertThat(runner.statusStore().find("FragileStop").orElseThrow().state()).isEqualTo(ProjectionState.FAILED);
		runner.stop();

		poisoned = false;
		ProjectionRunner restarted = runner(FragileStop.class, FailurePolicy.STOP);
		restarted.start();
		restarted.awaitSequence("FragileStop", last, WAIT);
		assertThat(store.findById(FragileStop.class, id)).contains(new FragileStop(id, 1729, 4));
		restarted.stop();
	}

	@Test
	void anEventThatCannotBeDecodedIsRecordedAsFailedWithItsSubjectAndSequence() throws Exception {
		// An event type of its own, so that no other projection of the tests sees the
		// undecodable event.
		String id = Ledgers.newId("undecodable");
		String subject = config.subjectPrefix() + ".events.bank.Ledger." + id + ".LedgerNoted.1";
		Connection connection = server.connect();
		long garbage;
		try {
			garbage = connection.jetStream()
				.publish(subject, "not an event".getBytes(StandardCharsets.UTF_8))
				.getSeqno();
		}
		finally {
			connection.close();
		}
		String after = Ledgers.newId("after");
		long last = ledgers.append(after, new Noted(7));
		ProjectionRunner runner = runner(Undecodable.class, FailurePolicy.CONTINUE);
		runner.start();
		runner.awaitSequence("Undecodable", last, WAIT);
		assertThat(store.findById(Undecodable.class, after)).contains(new Undecodable(after, 7));
		assertThat(store.findById(Undecodable.class, id)).isEmpty();
		ProjectionStatus status = runner.status("Undecodable").orElseThrow();
		assertThat(status.state()).isNotEqualTo(ProjectionState.FAILED);
		assertThat(status.failures()).singleElement().satisfies((failure) -> {
			assertThat(failure.sequence()).isEqualTo(garbage);
			assertThat(failure.subject()).isEqualTo(subject);
			assertThat(failure.attempts()).isEqualTo(1);
			assertThat(failure.error()).startsWith(UndecodableEventException.class.getName() + ": event " + subject
					+ " at stream sequence " + garbage + " cannot be decoded: ");
		});
		runner.stop();
	}

	private static ProjectionRunner runner(Class<?> model, FailurePolicy policy) throws Exception {
		ProjectionOptions options = ProjectionOptions.builder()
			.failurePolicy(policy)
			.handlerAttempts((policy == FailurePolicy.CONTINUE) ? 3 : 2)
			.retryBackoff(Duration.ofMillis(10))
			.fetchTimeout(Duration.ofSeconds(1))
			.build();
		return new ProjectionRunner(server.connect(), config, List.of(ReadModelDefinition.of(model)), options,
				ProjectionObserver.NONE);
	}

	@ReadModel(type = "FragileContinue")
	record FragileContinue(String id, long total, int applied) {

		@Apply
		static FragileContinue on(Opened event, EventContext context) {
			return new FragileContinue(context.aggregateId(), 0, 1);
		}

		@Apply
		FragileContinue on(Credited event) {
			if (event.amount() == 1313) {
				continueAttempts.incrementAndGet();
				throw new IllegalStateException("poison " + event.amount());
			}
			return new FragileContinue(this.id, this.total + event.amount(), this.applied + 1);
		}

	}

	@DomainEvent(type = "LedgerNoted")
	record Noted(long amount) {
	}

	@ReadModel(type = "Undecodable")
	record Undecodable(String id, long amount) {

		@Apply
		static Undecodable on(Noted event, EventContext context) {
			return new Undecodable(context.aggregateId(), event.amount());
		}

	}

	@ReadModel(type = "FragileStop")
	record FragileStop(String id, long total, int applied) {

		@Apply
		static FragileStop on(Opened event, EventContext context) {
			return new FragileStop(context.aggregateId(), 0, 1);
		}

		@Apply
		FragileStop on(Credited event) {
			if (event.amount() == 1717 && poisoned) {
				stopAttempts.incrementAndGet();
				throw new IllegalStateException("poison " + event.amount());
			}
			return new FragileStop(this.id, this.total + event.amount(), this.applied + 1);
		}

	}

}
