package dev.cim.persistence.autoconfigure;

import java.util.UUID;

import dev.cim.persistence.autoconfigure.counter.Counter;
import dev.cim.persistence.autoconfigure.counter.CounterApplication;
import dev.cim.persistence.embedded.EmbeddedNatsServer;
import dev.cim.persistence.repository.AggregateRepository;
import io.nats.client.Connection;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.ResolvableType;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the authentication tests check after a start-up against a server that requires
 * authentication: a store that works, or a start-up refused with the authorization
 * failure analysis.
 */
final class AuthenticatedStartups {

	private static final ResolvableType COUNTER_REPOSITORY = ResolvableType
		.forClassWithGenerics(AggregateRepository.class, Counter.class);

	private AuthenticatedStartups() {
	}

	/**
	 * The auto-configuration with SSL bundles, the store and the repositories, and an
	 * application with one aggregate ({@link Counter}).
	 * @param server the server to connect to
	 * @return the runner
	 */
	static ApplicationContextRunner contextRunner(EmbeddedNatsServer server) {
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(SslAutoConfiguration.class, CimPersistenceAutoConfiguration.class,
					CimPersistenceRepositoriesAutoConfiguration.class))
			.withUserConfiguration(CounterApplication.class)
			.withPropertyValues("cim.persistence.nats.url=" + server.url(),
					"cim.persistence.nats.connection-timeout=5s");
	}

	/**
	 * Assert that the context started connected, provisioned the store, and saves and
	 * loads an aggregate.
	 * @param context the context
	 */
	@SuppressWarnings("unchecked")
	static void assertStoresAggregates(AssertableApplicationContext context) {
		assertThat(context).hasNotFailed().hasSingleBean(Connection.class);
		assertThat(context.getBean(Connection.class).getStatus()).isEqualTo(Connection.Status.CONNECTED);
		AggregateRepository<Counter> repository = (AggregateRepository<Counter>) context
			.getBeanProvider(COUNTER_REPOSITORY)
			.getObject();
		String id = "auth-" + UUID.randomUUID();
		Counter counter = Counter.create();
		var saved = repository.save(counter, Counter.start(id));
		repository.save(saved, counter.add(3));
		assertThat(repository.load(id).aggregate().value()).isEqualTo(3);
		assertThat(repository.load(id).version()).isEqualTo(2);
	}

	/**
	 * Assert that the context failed because the server refused the credentials, and that
	 * the authorization failure analyzer explains it.
	 * @param context the context
	 * @param server the server that refused
	 * @return the analysis
	 */
	static FailureAnalysis assertRefused(AssertableApplicationContext context, EmbeddedNatsServer server) {
		assertThat(context).hasFailed();
		FailureAnalysis analysis = new NatsAuthorizationFailureAnalyzer().analyze(context.getStartupFailure());
		assertThat(analysis).as("authorization failure analysis of %s", context.getStartupFailure()).isNotNull();
		assertThat(analysis.getDescription()).contains(server.url())
			.contains("refused the connection's credentials")
			.containsIgnoringCase("Authorization Violation");
		return analysis;
	}

}
