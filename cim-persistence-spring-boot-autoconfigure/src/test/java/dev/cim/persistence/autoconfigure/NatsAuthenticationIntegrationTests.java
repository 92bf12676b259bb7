package dev.cim.persistence.autoconfigure;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;

import dev.cim.persistence.embedded.EmbeddedNatsServer;
import dev.cim.persistence.testsupport.NatsIntegrationTest;
import dev.cim.persistence.testsupport.NatsOperator;
import dev.cim.persistence.testsupport.NatsServerAuthorization;
import dev.cim.persistence.testsupport.NatsTestServer;
import dev.cim.persistence.testsupport.TestCertificates;
import io.nats.client.NKey;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestInstance.Lifecycle;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static dev.cim.persistence.autoconfigure.AuthenticatedStartups.assertRefused;
import static dev.cim.persistence.autoconfigure.AuthenticatedStartups.assertStoresAggregates;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each way of authenticating with {@code cim.persistence.nats.*}, against a nats-server
 * configured to require it: the right credentials start an application whose store works,
 * wrong ones stop the start-up with the authorization failure analysis.
 */
@NatsIntegrationTest
class NatsAuthenticationIntegrationTests {

	private static final SecureRandom RANDOM = new SecureRandom();

	@Nested
	@TestInstance(Lifecycle.PER_CLASS)
	class UsernameAndPassword {

		private final String password = NatsServerAuthorization.secret("pw");

		private EmbeddedNatsServer server;

		@BeforeAll
		void startServer(NatsTestServer natsTestServer) {
			this.server = natsTestServer
				.startAnotherWithConfiguration(NatsServerAuthorization.usernameAndPassword("cim-app", this.password));
		}

		@Test
		void rightUsernameAndPasswordConnectAndStoreAggregates() {
			run("cim-app", this.password).run(AuthenticatedStartups::assertStoresAggregates);
		}

		@Test
		void wrongPasswordFailsStartUpWithTheAuthorizationAnalysis() {
			run("cim-app", "not-the-password").run((context) -> assertRefused(context, this.server));
		}

		@Test
		void missingCredentialsFailStartUpWithTheAuthorizationAnalysis() {
			AuthenticatedStartups.contextRunner(this.server).run((context) -> assertRefused(context, this.server));
		}

		private ApplicationContextRunner run(String username, String password) {
			return AuthenticatedStartups.contextRunner(this.server)
				.withPropertyValues("cim.persistence.nats.username=" + username,
						"cim.persistence.nats.password=" + password);
		}

	}

	@Nested
	@TestInstance(Lifecycle.PER_CLASS)
	class Token {

		private final String token = NatsServerAuthorization.secret("tk");

		private EmbeddedNatsServer server;

		@BeforeAll
		void startServer(NatsTestServer natsTestServer) {
			this.server = natsTestServer.startAnotherWithConfiguration(NatsServerAuthorization.token(this.token));
		}

		@Test
		void rightTokenConnectsAndStoresAggregates() {
			AuthenticatedStartups.contextRunner(this.server)
				.withPropertyValues("cim.persistence.nats.token=" + this.token)
				.run(AuthenticatedStartups::assertStoresAggregates);
		}

		@Test
		void wrongTokenFailsStartUpWithTheAuthorizationAnalysis() {
			AuthenticatedStartups.contextRunner(this.server)
				.withPropertyValues("cim.persistence.nats.token=not-the-token")
				.run((context) -> assertRefused(context, this.server));
		}

	}

	@Nested
	@TestInstance(Lifecycle.PER_CLASS)
	class NkeySeed {

		private NKey user;

		private EmbeddedNatsServer server;

		@BeforeAll
		void startServer(NatsTestServer natsTestServer) throws GeneralSecurityException, IOException {
			this.user = NKey.createUser(RANDOM);
			this.server = natsTestServer
				.startAnotherWithConfiguration(NatsServerAuthorization.nkey(new String(this.user.getPublicKey())));
		}

		@Test
		void seedOfTheAdmittedUserConnectsAndStoresAggregates() {
			AuthenticatedStartups.contextRunner(this.server)
				.withPropertyValues("cim.persistence.nats.nkey=" + new String(this.user.getSeed()))
				.run(AuthenticatedStartups::assertStoresAggregates);
		}

		@Test
		void seedOfAnotherUserFailsStartUpWithTheAuthorizationAnalysis() throws Exception {
			NKey stranger = NKey.createUser(RANDOM);
			AuthenticatedStartups.contextRunner(this.server)
				.withPropertyValues("cim.persistence.nats.nkey=" + new String(stranger.getSeed()))
				.run((context) -> assertRefused(context, this.server));
		}

	}

	@Nested
	@TestInstance(Lifecycle.PER_CLASS)
	class CredentialsFile {

		private NatsOperator operator;

		private EmbeddedNatsServer server;

		@BeforeAll
		void startServer(NatsTestServer natsTestServer) {
			this.operator = NatsOperator.create();
			this.server = natsTestServer.startAnotherWithConfiguration(this.operator.serverConfiguration());
		}

		@Test
		void credentialsOfAUserOfTheAccountConnectAndStoreAggregates(@TempDir Path directory) throws IOException {
			Path creds = Files.writeString(directory.resolve("app.creds"), this.operator.newUserCredentials());
			AuthenticatedStartups.contextRunner(this.server)
				.withPropertyValues("cim.persistence.nats.credentials=file:" + creds)
				.run(AuthenticatedStartups::assertStoresAggregates);
		}

		@Test
		void credentialsOfAnUnknownAccountFailStartUpWithTheAuthorizationAnalysis(@TempDir Path directory)
				throws IOException {
			Path creds = Files.writeString(directory.resolve("stranger.creds"),
					this.operator.credentialsOfAnUnknownAccount());
			AuthenticatedStartups.contextRunner(this.server)
				.withPropertyValues("cim.persistence.nats.credentials=file:" + creds)
				.run((context) -> assertRefused(context, this.server));
		}

	}

	/**
	 * TLS through an SSL bundle. The server also requires a password: the launcher's
	 * readiness probe speaks the plain client protocol, and a server that asks for
	 * authentication is taken as ready once it greets the probe, while one that only asks
	 * for TLS never would be.
	 */
	@Nested
	@TestInstance(Lifecycle.PER_CLASS)
	class Tls {

		private final String password = NatsServerAuthorization.secret("pw");

		private TestCertificates certificates;

		private TestCertificates otherAuthority;

		private EmbeddedNatsServer server;

		@BeforeAll
		void startServer(NatsTestServer natsTestServer, @TempDir Path directory) {
			this.certificates = TestCertificates.generate(directory.resolve("trusted"), "CIM Test CA");
			this.otherAuthority = TestCertificates.generate(directory.resolve("other"), "Other CA");
			this.server = natsTestServer.startAnotherWithConfiguration(this.certificates.serverTlsBlock()
					+ NatsServerAuthorization.usernameAndPassword("cim-app", this.password));
		}

		@Test
		void bundleTrustingTheServersAuthorityConnectsOverTlsAndStoresAggregates() {
			withPassword()
				.withPropertyValues(
						"spring.ssl.bundle.pem.nats.truststore.certificate=file:" + this.certificates.caCertificate(),
						"cim.persistence.nats.ssl.bundle=nats")
				.run((context) -> {
					assertStoresAggregates(context);
					assertThat(context.getBean(io.nats.client.Connection.class).getServerInfo().isTLSRequired())
						.isTrue();
				});
		}

		@Test
		void bundleTrustingAnotherAuthorityFailsStartUpWithTheTlsAnalysis() {
			withPassword()
				.withPropertyValues(
						"spring.ssl.bundle.pem.nats.truststore.certificate=file:" + this.otherAuthority.caCertificate(),
						"cim.persistence.nats.ssl.bundle=nats")
				.run((context) -> {
					FailureAnalysis analysis = assertTlsFailure(context);
					assertThat(analysis.getDescription()).contains("TLS handshake")
						.contains("unable to find valid certification path");
					assertThat(analysis.getAction()).contains("cim.persistence.nats.ssl.bundle").contains("truststore");
				});
		}

		@Test
		void plainConnectionToTheTlsServerFailsStartUpWithTheTlsAnalysis() {
			withPassword().run((context) -> {
				FailureAnalysis analysis = assertTlsFailure(context);
				assertThat(analysis.getDescription()).contains("requires TLS");
				assertThat(analysis.getAction()).contains("cim.persistence.nats.ssl.bundle");
			});
		}

		@Test
		void bundleForAServerWithoutTlsFailsStartUpWithTheTlsAnalysis(NatsTestServer plain) {
			AuthenticatedStartups.contextRunner(plain.embeddedServer().orElseThrow())
				.withPropertyValues(
						"spring.ssl.bundle.pem.nats.truststore.certificate=file:" + this.certificates.caCertificate(),
						"cim.persistence.nats.ssl.bundle=nats")
				.run((context) -> {
					FailureAnalysis analysis = assertTlsFailure(context);
					assertThat(analysis.getDescription()).contains("does not offer it");
				});
		}

		private FailureAnalysis assertTlsFailure(AssertableApplicationContext context) {
			assertThat(context).hasFailed();
			Throwable failure = context.getStartupFailure();
			FailureAnalysis analysis = new NatsTlsFailureAnalyzer().analyze(failure);
			assertThat(analysis).as("TLS failure analysis of %s", failure).isNotNull();
			assertThat(analysis.getDescription()).contains("nats://127.0.0.1:");
			assertThat(new NatsServerUnavailableFailureAnalyzer().analyze(failure)).isNull();
			assertThat(new NatsAuthorizationFailureAnalyzer().analyze(failure)).isNull();
			return analysis;
		}

		private ApplicationContextRunner withPassword() {
			return AuthenticatedStartups.contextRunner(this.server)
				.withPropertyValues("cim.persistence.nats.username=cim-app",
						"cim.persistence.nats.password=" + this.password);
		}

	}

}
