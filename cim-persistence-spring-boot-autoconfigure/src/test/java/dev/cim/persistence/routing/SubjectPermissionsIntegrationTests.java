package dev.cim.persistence.routing;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.cim.persistence.embedded.EmbeddedNatsServer;
import dev.cim.persistence.testsupport.NatsIntegrationTest;
import dev.cim.persistence.testsupport.NatsTestServer;
import io.nats.client.Connection;
import io.nats.client.ErrorListener;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.Subscription;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A nats-server configured with the rendered rules enforces what the rules decide.
 */
@NatsIntegrationTest
class SubjectPermissionsIntegrationTests {

	private static final SubjectPermissions ALICE = SubjectPermissions.builder()
		.allowPublish("cim.events.sales.>")
		.denyPublish("cim.events.sales.Secret.>")
		.allowSubscribe("cim.events.>")
		.denySubscribe("cim.events.hr.>")
		.build();

	private static EmbeddedNatsServer nats;

	private final List<Connection> connections = new ArrayList<>();

	@BeforeAll
	static void startServerWithTheRenderedRules(NatsTestServer server) {
		nats = server
			.startAnotherWithConfiguration("authorization {\n  users = [\n" + "    { user: admin, password: admin }\n"
					+ "    { user: alice, password: alice\n" + ALICE.toServerConfig() + "    }\n  ]\n}\n");
	}

	@Test
	void serverDeliversExactlyThePublishesTheRulesAllow() throws Exception {
		List<String> subjects = List.of("cim.events.sales.Order.o-1.OrderPlaced.1",
				"cim.events.sales.Secret.s-1.Created.1", "cim.events.billing.Invoice.i-1.Sent.1",
				"cim.events.sales.Customer.c-1.Renamed.2");
		List<String> errors = new CopyOnWriteArrayList<>();
		{
			Connection admin = connect("admin", errors);
			Connection alice = connect("alice", errors);
			Subscription everything = admin.subscribe(">");
			admin.flush(Duration.ofSeconds(5));
			for (String subject : subjects) {
				alice.publish(subject, subject.getBytes(StandardCharsets.UTF_8));
			}
			alice.flush(Duration.ofSeconds(5));
			admin.publish("end", new byte[0]);
			List<String> delivered = new ArrayList<>();
			for (Message message = everything.nextMessage(Duration.ofSeconds(5)); message != null
					&& !message.getSubject().equals("end"); message = everything.nextMessage(Duration.ofSeconds(5))) {
				delivered.add(message.getSubject());
			}
			List<String> allowed = subjects.stream().filter((s) -> ALICE.checkPublish(s).isAllowed()).toList();
			assertThat(allowed).containsExactly("cim.events.sales.Order.o-1.OrderPlaced.1",
					"cim.events.sales.Customer.c-1.Renamed.2");
			assertThat(delivered).containsExactlyElementsOf(allowed);
			assertThat(errors).anySatisfy((error) -> assertThat(error).contains("Permissions Violation for Publish")
				.contains("cim.events.sales.Secret.s-1.Created.1"));
			assertThat(errors).anySatisfy((error) -> assertThat(error).contains("Permissions Violation for Publish")
				.contains("cim.events.billing.Invoice.i-1.Sent.1"));
		}
	}

	@Test
	void serverRefusesTheSubscriptionsTheRulesDenyByAMatchingRule() throws Exception {
		List<String> errors = new CopyOnWriteArrayList<>();
		{
			Connection alice = connect("alice", errors);
			assertThat(ALICE.checkSubscribe("cim.events.hr.>").isDenied()).isTrue();
			assertThat(ALICE.checkSubscribe("audit.>").isDenied()).isTrue();
			assertThat(ALICE.checkSubscribe("cim.events.sales.Order.*.*.*").isAllowed()).isTrue();
			alice.subscribe("cim.events.hr.>");
			alice.subscribe("audit.>");
			alice.subscribe("cim.events.sales.Order.*.*.*");
			alice.flush(Duration.ofSeconds(5));
			awaitErrors(errors, 2);
			assertThat(errors).filteredOn((error) -> error.contains("Permissions Violation for Subscription"))
				.hasSize(2)
				.anySatisfy((error) -> assertThat(error).contains("cim.events.hr.>"))
				.anySatisfy((error) -> assertThat(error).contains("audit.>"));
		}
	}

	@Test
	void serverAcceptsAWildcardSubscriptionADenyRuleOnlyOverlapsWhichTheRulesRefuse() throws Exception {
		List<String> errors = new CopyOnWriteArrayList<>();
		{
			Connection admin = connect("admin", errors);
			Connection alice = connect("alice", errors);
			// Stricter than the server: the server takes the subscription and drops the
			// denied messages at delivery.
			assertThat(ALICE.checkSubscribe("cim.events.*.Salary.>").isDenied()).isTrue();
			Subscription overlapping = alice.subscribe("cim.events.*.Salary.>");
			alice.flush(Duration.ofSeconds(5));
			admin.publish("cim.events.hr.Salary.s-1.Raised.1", new byte[0]);
			admin.publish("cim.events.sales.Salary.s-1.Raised.1", new byte[0]);
			admin.flush(Duration.ofSeconds(5));
			Message first = overlapping.nextMessage(Duration.ofSeconds(5));
			assertThat(first).isNotNull();
			assertThat(first.getSubject()).isEqualTo("cim.events.sales.Salary.s-1.Raised.1");
			assertThat(overlapping.nextMessage(Duration.ofMillis(300))).isNull();
			assertThat(errors).noneMatch((error) -> error.contains("Subscription"));
		}
	}

	@AfterEach
	void closeConnections() throws InterruptedException {
		for (Connection connection : this.connections) {
			connection.close();
		}
	}

	private static void awaitErrors(List<String> errors, int count) throws InterruptedException {
		for (int i = 0; i < 100 && errors.size() < count; i++) {
			Thread.sleep(50);
		}
	}

	private static Connection connect(String user, List<String> errors) throws Exception {
		return Nats
			.connect(Options.builder().server(nats.url()).userInfo(user, user).errorListener(new ErrorListener() {
				@Override
				public void errorOccurred(Connection connection, String error) {
					errors.add(error);
				}
			}).build());
	}

}
