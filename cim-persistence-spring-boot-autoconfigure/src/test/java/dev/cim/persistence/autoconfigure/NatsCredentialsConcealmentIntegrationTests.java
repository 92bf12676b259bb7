package dev.cim.persistence.autoconfigure;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import dev.cim.persistence.autoconfigure.counter.CounterApplication;
import dev.cim.persistence.autoconfigure.health.CimPersistenceHealthContributorAutoConfiguration;
import dev.cim.persistence.embedded.EmbeddedNatsServer;
import dev.cim.persistence.testsupport.NatsIntegrationTest;
import dev.cim.persistence.testsupport.NatsOperator;
import dev.cim.persistence.testsupport.NatsServerAuthorization;
import dev.cim.persistence.testsupport.NatsTestServer;
import io.nats.client.Connection;
import io.nats.client.NKey;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.actuate.context.properties.ConfigurationPropertiesReportEndpoint;
import org.springframework.boot.actuate.context.properties.ConfigurationPropertiesReportEndpoint.ConfigurationPropertiesBeanDescriptor;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.actuate.endpoint.Show;
import org.springframework.boot.actuate.env.EnvironmentEndpoint;
import org.springframework.boot.actuate.env.EnvironmentEndpoint.PropertySourceDescriptor;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * The secrets of each way of authenticating (password, token, NKey seed, credentials
 * file) appear nowhere a user or an operator looks: not in the log of a successful or a
 * failed start-up (with CIM persistence and the client logging at DEBUG), not in the
 * health details, not in {@code configprops} or {@code env} even when they show values,
 * not in the {@code toString()} of the connection details or the properties.
 */
@NatsIntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class NatsCredentialsConcealmentIntegrationTests {

	private static final SecureRandom RANDOM = new SecureRandom();

	private static final Map<String, Login> logins = new LinkedHashMap<>();

	@BeforeAll
	static void startServers(NatsTestServer server, @TempDir Path directory)
			throws GeneralSecurityException, IOException {
		String password = NatsServerAuthorization.secret("pw");
		String wrongPassword = NatsServerAuthorization.secret("wpw");
		logins.put("password", new Login(
				server.startAnotherWithConfiguration(NatsServerAuthorization.usernameAndPassword("cim-app", password)),
				List.of("cim.persistence.nats.username=cim-app", "cim.persistence.nats.password=" + password),
				List.of(password),
				List.of("cim.persistence.nats.username=cim-app", "cim.persistence.nats.password=" + wrongPassword),
				List.of(wrongPassword)));
		String token = NatsServerAuthorization.secret("tk");
		String wrongToken = NatsServerAuthorization.secret("wtk");
		logins.put("token",
				new Login(server.startAnotherWithConfiguration(NatsServerAuthorization.token(token)),
						List.of("cim.persistence.nats.token=" + token), List.of(token),
						List.of("cim.persistence.nats.token=" + wrongToken), List.of(wrongToken)));
		NKey user = NKey.createUser(RANDOM);
		String seed = new String(user.getSeed());
		String wrongSeed = new String(NKey.createUser(RANDOM).getSeed());
		logins.put("nkey",
				new Login(
						server.startAnotherWithConfiguration(
								NatsServerAuthorization.nkey(new String(user.getPublicKey()))),
						List.of("cim.persistence.nats.nkey=" + seed), List.of(seed),
						List.of("cim.persistence.nats.nkey=" + wrongSeed), List.of(wrongSeed)));
		NatsOperator operator = NatsOperator.create();
		String creds = operator.newUserCredentials();
		String wrongCreds = operator.credentialsOfAnUnknownAccount();
		Path credsFile = Files.writeString(directory.resolve("app.creds"), creds);
		Path wrongCredsFile = Files.writeString(directory.resolve("stranger.creds"), wrongCreds);
		logins.put("credentials",
				new Login(server.startAnotherWithConfiguration(operator.serverConfiguration()),
						List.of("cim.persistence.nats.credentials=file:" + credsFile), credsSecrets(creds),
						List.of("cim.persistence.nats.credentials=file:" + wrongCredsFile), credsSecrets(wrongCreds)));
	}

	static Stream<String> logins() {
		return Stream.of("password", "token", "nkey", "credentials");
	}

	@ParameterizedTest
	@MethodSource("logins")
	void successfulStartUpShowsTheSecretNowhere(String name, CapturedOutput output) {
		Login login = logins.get(name);
		List<String> shown = new ArrayList<>();
		try (ConfigurableApplicationContext context = application(login.server(), login.properties()).run()) {
			assertThat(context.getBean(Connection.class).getStatus()).isEqualTo(Connection.Status.CONNECTED);
			Health health = context.getBean("cimPersistenceHealthIndicator", HealthIndicator.class).health();
			assertThat(health.getDetails()).containsKey("url");
			shown.add(health.toString());
			Map<String, Object> nats = natsConfigurationProperties(context, Show.ALWAYS);
			// Values are shown (the URL is), secrets are not.
			assertThat(nats).containsEntry("url", login.server().url());
			shown.add(nats.toString());
			shown.add(String.valueOf(natsConfigurationProperties(context, Show.WHEN_AUTHORIZED)));
			Map<String, Object> environment = natsEnvironment(context);
			assertThat(environment).containsEntry("cim.persistence.nats.url", login.server().url());
			shown.add(environment.toString());
			shown.add(context.getBean(NatsConnectionDetails.class).toString());
			shown.add(context.getBean(CimPersistenceProperties.class).toString());
			shown.add(context.getBean(CimPersistenceProperties.class).getNats().toString());
		}
		shown.add(output.getAll());
		assertThat(output.getAll()).contains("cimPersistenceHealthIndicator", "natsConnection");
		for (String secret : login.secrets()) {
			assertThat(shown).noneSatisfy((text) -> assertThat(text).contains(secret));
		}
	}

	@ParameterizedTest
	@MethodSource("logins")
	void refusedStartUpIsExplainedWithoutTheSecret(String name, CapturedOutput output) {
		Login login = logins.get(name);
		assertThatException().isThrownBy(() -> application(login.server(), login.wrongProperties()).run());
		assertThat(output.getAll()).contains("APPLICATION FAILED TO START")
			.contains("refused the connection's credentials")
			.contains("cim.persistence.nats.");
		for (String secret : login.wrongSecrets()) {
			assertThat(output.getAll()).doesNotContain(secret);
		}
	}

	private static SpringApplicationBuilder application(EmbeddedNatsServer server, List<String> properties) {
		List<String> all = new ArrayList<>(properties);
		all.add("cim.persistence.nats.url=" + server.url());
		all.add("spring.main.banner-mode=off");
		all.add("logging.level.dev.cim.persistence=DEBUG");
		all.add("logging.level.io.nats=DEBUG");
		// The condition evaluation report and the bean creation log.
		all.add("logging.level.org.springframework.boot.autoconfigure=DEBUG");
		all.add("logging.level.org.springframework.beans.factory.support=DEBUG");
		return new SpringApplicationBuilder(AuthenticatedApplication.class).web(WebApplicationType.NONE)
			.properties(all.toArray(String[]::new));
	}

	/**
	 * What {@code /actuator/configprops} shows of {@code cim.persistence}, through the
	 * endpoint built as Spring Boot's auto-configuration builds it (with the context's
	 * sanitizing functions).
	 */
	@SuppressWarnings("unchecked")
	private static Map<String, Object> natsConfigurationProperties(ConfigurableApplicationContext context, Show show) {
		ConfigurationPropertiesReportEndpoint endpoint = new ConfigurationPropertiesReportEndpoint(
				context.getBeanProvider(SanitizingFunction.class).orderedStream().toList(), show);
		endpoint.setApplicationContext(context);
		ConfigurationPropertiesBeanDescriptor bean = endpoint.configurationPropertiesWithPrefix("cim.persistence")
			.getContexts()
			.values()
			.iterator()
			.next()
			.getBeans()
			.values()
			.iterator()
			.next();
		return (Map<String, Object>) bean.getProperties().get("nats");
	}

	/**
	 * What {@code /actuator/env} shows of {@code cim.persistence.nats.*}, values shown.
	 */
	private static Map<String, Object> natsEnvironment(ConfigurableApplicationContext context) {
		EnvironmentEndpoint endpoint = new EnvironmentEndpoint(context.getEnvironment(),
				context.getBeanProvider(SanitizingFunction.class).orderedStream().toList(), Show.ALWAYS);
		Map<String, Object> shown = new LinkedHashMap<>();
		for (PropertySourceDescriptor source : endpoint.environment("cim\\.persistence\\.nats\\..*")
			.getPropertySources()) {
			source.getProperties().forEach((key, value) -> shown.put(key, value.getValue()));
		}
		return shown;
	}

	private static List<String> credsSecrets(String creds) {
		List<String> secrets = new ArrayList<>();
		String[] lines = creds.split("\n");
		for (int i = 0; i < lines.length - 1; i++) {
			if (lines[i].startsWith("-----BEGIN")) {
				secrets.add(lines[i + 1].strip());
			}
		}
		assertThat(secrets).hasSize(2);
		return secrets;
	}

	/**
	 * One way of logging in: the server that expects it, the properties that succeed and
	 * their secrets, the properties that are refused and their secrets.
	 */
	private record Login(EmbeddedNatsServer server, List<String> properties, List<String> secrets,
			List<String> wrongProperties, List<String> wrongSecrets) {

	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ SslAutoConfiguration.class, CimPersistenceAutoConfiguration.class,
			CimPersistenceRepositoriesAutoConfiguration.class, CimPersistenceHealthContributorAutoConfiguration.class })
	@Import(CounterApplication.class)
	static class AuthenticatedApplication {

	}

}
