package dev.cim.persistence.autoconfigure;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import dev.cim.persistence.autoconfigure.counter.CounterApplication;
import dev.cim.persistence.embedded.EmbeddedNatsServer;
import dev.cim.persistence.embedded.NatsServerNotFoundException;
import dev.cim.persistence.embedded.NatsServerVersion;
import dev.cim.persistence.embedded.NatsServerVersionException;
import dev.cim.persistence.nats.JetStreamNotEnabledException;
import dev.cim.persistence.nats.NatsServerRequirements;
import dev.cim.persistence.nats.StoreProvisioningException;
import dev.cim.persistence.nats.UnsupportedNatsServerVersionException;
import dev.cim.persistence.testsupport.NatsIntegrationTest;
import dev.cim.persistence.testsupport.NatsTestServer;
import io.nats.client.Connection;
import io.nats.client.api.ServerInfo;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.BeanCreationException;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for the failure analyzers of CIM persistence.
 */
@NatsIntegrationTest
class CimPersistenceFailureAnalyzersTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(CimPersistenceAutoConfiguration.class,
				CimPersistenceRepositoriesAutoConfiguration.class, CimPersistenceReadModelsAutoConfiguration.class))
		.withUserConfiguration(CounterApplication.class);

	@Test
	void unreachableServerIsExplainedWithTheUrlsTried() {
		this.contextRunner.withPropertyValues("cim.persistence.nats.url=nats://127.0.0.1:1,nats://bob:pw@127.0.0.1:2")
			.run((context) -> {
				FailureAnalysis analysis = new NatsServerUnavailableFailureAnalyzer()
					.analyze(context.getStartupFailure());
				assertThat(analysis).isNotNull();
				assertThat(analysis.getDescription()).contains("nats://127.0.0.1:1, nats://127.0.0.1:2")
					.contains("Connection refused")
					.doesNotContain("bob")
					.doesNotContain("pw@");
				assertThat(analysis.getAction()).contains("nats-server -js")
					.contains("cim.persistence.nats.url")
					.contains("cim.persistence.nats.embedded.enabled=true");
			});
	}

	@Test
	void refusedCredentialsAreExplainedWithTheAuthenticationProperties(NatsTestServer server) {
		EmbeddedNatsServer guarded = server
			.startAnother((builder) -> builder.arguments("--user", "alice", "--pass", "right-password"));
		this.contextRunner
			.withPropertyValues("cim.persistence.nats.url=" + guarded.url(), "cim.persistence.nats.username=alice",
					"cim.persistence.nats.password=wrong-password")
			.run((context) -> {
				assertThat(context).hasFailed();
				Throwable failure = context.getStartupFailure();
				FailureAnalysis analysis = new NatsAuthorizationFailureAnalyzer().analyze(failure);
				assertThat(analysis).isNotNull();
				assertThat(analysis.getDescription()).contains(guarded.url())
					.containsIgnoringCase("Authorization Violation")
					.doesNotContain("wrong-password");
				assertThat(analysis.getAction()).contains("cim.persistence.nats.username")
					.contains("cim.persistence.nats.password")
					.contains("cim.persistence.nats.token")
					.contains("cim.persistence.nats.credentials")
					.contains("cim.persistence.nats.nkey");
				assertThat(new NatsServerUnavailableFailureAnalyzer().analyze(failure)).isNull();
			});
	}

	@Test
	void unreachableServerIsNotTakenForRefusedCredentials() {
		this.contextRunner.withPropertyValues("cim.persistence.nats.url=nats://127.0.0.1:1").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(new NatsAuthorizationFailureAnalyzer().analyze(context.getStartupFailure())).isNull();
		});
	}

	@Test
	void serverWithoutJetStreamIsDetectedAndExplained() {
		ServerInfo info = serverInfo("2.15.1", false);
		JetStreamNotEnabledException ex = catchRequirement(info, JetStreamNotEnabledException.class);
		FailureAnalysis analysis = new JetStreamNotEnabledFailureAnalyzer().analyze(wrapped(ex));
		assertThat(analysis.getDescription()).contains("nats://127.0.0.1:4222").contains("JetStream disabled");
		assertThat(analysis.getAction()).contains("nats-server -js");
	}

	@Test
	void serverOlderThan212IsDetectedAndExplained() {
		ServerInfo info = serverInfo("2.11.4", true);
		UnsupportedNatsServerVersionException ex = catchRequirement(info, UnsupportedNatsServerVersionException.class);
		assertThat(ex.getVersion()).isEqualTo("2.11.4");
		FailureAnalysis analysis = new UnsupportedNatsServerVersionFailureAnalyzer().analyze(wrapped(ex));
		assertThat(analysis.getDescription()).contains("2.11.4").contains("2.12.0");
		assertThat(analysis.getAction()).contains("Upgrade").contains("2.12.0");
	}

	@Test
	void recentServerWithJetStreamPasses() {
		NatsServerRequirements.check(serverInfo("2.12.0", true), "nats://127.0.0.1:4222");
		NatsServerRequirements.check(serverInfo("2.15.1", true), "nats://127.0.0.1:4222");
	}

	@Test
	void embeddedBinaryTooOldIsExplained() {
		NatsServerVersionException ex = new NatsServerVersionException(Path.of("/usr/bin/nats-server"),
				new NatsServerVersion(2, 10, 0));
		FailureAnalysis analysis = new EmbeddedNatsServerVersionFailureAnalyzer().analyze(wrapped(ex));
		assertThat(analysis.getDescription()).contains("/usr/bin/nats-server").contains("2.10.0").contains("2.12.0");
		assertThat(analysis.getAction()).contains("cim.persistence.nats.embedded.binary");
	}

	@Test
	void embeddedBinaryNotFoundIsExplained() {
		NatsServerNotFoundException ex = new NatsServerNotFoundException(List.of("PATH: nothing", ".tools: nothing"));
		FailureAnalysis analysis = new EmbeddedNatsServerNotFoundFailureAnalyzer().analyze(wrapped(ex));
		assertThat(analysis.getDescription()).contains("PATH: nothing").contains(".tools: nothing");
		assertThat(analysis.getAction()).contains("install-nats-server.sh").contains("cim.persistence.nats.url");
	}

	@Test
	void embeddedStoreDirectoryInUseIsExplainedWithTheOwner(@TempDir Path store) {
		ApplicationContextRunner embedded = this.contextRunner.withPropertyValues(
				"cim.persistence.nats.embedded.enabled=true", "cim.persistence.nats.embedded.store-dir=" + store,
				"cim.persistence.projections.enabled=false");
		embedded.run((first) -> {
			assertThat(first).hasNotFailed();
			String url = first.getBean(EmbeddedNatsServer.class).url();
			embedded.run((second) -> {
				assertThat(second).hasFailed();
				FailureAnalysis analysis = new EmbeddedNatsStoreLockedFailureAnalyzer()
					.analyze(second.getStartupFailure());
				assertThat(analysis).isNotNull();
				assertThat(analysis.getDescription()).contains(store.toString()).contains(url);
				assertThat(analysis.getAction()).contains("process " + ProcessHandle.current().pid())
					.contains("cim.persistence.nats.embedded.store-dir")
					.contains("cim.persistence.nats.url=" + url);
			});
			assertThat(first.getBean(EmbeddedNatsServer.class).isRunning()).isTrue();
		});
	}

	@Test
	void contradictingStreamIsExplainedWithSettingExpectedAndFound(NatsTestServer server) throws Exception {
		Connection connection = server.connect();
		connection.jetStreamManagement()
			.addStream(StreamConfiguration.builder()
				.name("BAD_EVENTS")
				.subjects("bad.events.>")
				.storageType(StorageType.File)
				.allowDirect(true)
				.build());
		this.contextRunner
			.withPropertyValues("cim.persistence.nats.url=" + server.url(),
					"cim.persistence.event-stream-name=BAD_EVENTS",
					"cim.persistence.aggregate-stream-name=BAD_AGGREGATES", "cim.persistence.subject-prefix=bad")
			.run((context) -> {
				assertThat(context).hasFailed();
				FailureAnalysis analysis = new StoreProvisioningFailureAnalyzer().analyze(context.getStartupFailure());
				assertThat(analysis).isNotNull();
				assertThat(analysis.getDescription()).contains("stream BAD_EVENTS")
					.contains("setting:")
					.contains("expected: true")
					.contains("found:    false");
				assertThat(analysis.getAction()).contains("BAD_EVENTS").contains("nats CLI");
			});
	}

	@Test
	void resourceThatCouldNotBeCreatedIsExplained() {
		StoreProvisioningException ex = new StoreProvisioningException("stream EVENTS", "could not be created: no",
				new IOException("no"));
		FailureAnalysis analysis = new StoreProvisioningFailureAnalyzer().analyze(wrapped(ex));
		assertThat(analysis.getDescription()).contains("stream EVENTS").contains("could not be created");
		assertThat(analysis.getAction()).contains("cim.persistence.provision=false");
	}

	private static <E extends RuntimeException> E catchRequirement(ServerInfo info, Class<E> type) {
		return assertThatExceptionOfType(type)
			.isThrownBy(() -> NatsServerRequirements.check(info, "nats://alice:secret@127.0.0.1:4222"))
			.actual();
	}

	private static ServerInfo serverInfo(String version, boolean jetStream) {
		String json = "INFO {\"server_id\":\"TEST\",\"version\":\"" + version + "\",\"host\":\"127.0.0.1\","
				+ "\"port\":4222,\"headers\":true,\"max_payload\":1048576,\"proto\":1,\"jetstream\":" + jetStream + "}";
		return new ServerInfo(new String(json.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8));
	}

	private static Throwable wrapped(Throwable cause) {
		return new BeanCreationException("natsConnection", "Failed", cause);
	}

}
