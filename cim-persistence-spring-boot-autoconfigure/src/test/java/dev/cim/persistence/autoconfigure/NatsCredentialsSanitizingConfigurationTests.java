package dev.cim.persistence.autoconfigure;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.actuate.endpoint.SanitizableData;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link NatsCredentialsSanitizingConfiguration}.
 */
class NatsCredentialsSanitizingConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withUserConfiguration(NatsCredentialsSanitizingConfiguration.class);

	private final SanitizingFunction function = new NatsCredentialsSanitizingConfiguration.NatsCredentialsSanitizingFunction();

	@ParameterizedTest
	@ValueSource(strings = { "cim.persistence.nats.password", "cim.persistence.nats.token", "cim.persistence.nats.nkey",
			"cim.persistence.nats.credentials", "CIM_PERSISTENCE_NATS_PASSWORD", "CIM_PERSISTENCE_NATS_NKEY",
			"cim.persistence.nats.NKEY" })
	void secretPropertiesAreMaskedWhateverTheirSpelling(String key) {
		assertThat(sanitized(key, "SUAB-secret")).isEqualTo(SanitizableData.SANITIZED_VALUE);
	}

	@ParameterizedTest
	@ValueSource(strings = { "cim.persistence.nats.username", "cim.persistence.nats.connection-name",
			"spring.data.redis.token-name", "other.nats.password" })
	void otherPropertiesAreLeftAsTheyAre(String key) {
		assertThat(sanitized(key, "shown")).isEqualTo("shown");
	}

	@Test
	void urlsLoseTheirUserInformation() {
		assertThat(sanitized("cim.persistence.nats.url", "nats://bob:pw@127.0.0.1:4222,nats://tok@127.0.0.1:4223"))
			.isEqualTo("nats://127.0.0.1:4222,nats://127.0.0.1:4223");
		assertThat(sanitized("CIM_PERSISTENCE_NATS_URL", "nats://bob:pw@127.0.0.1:4222"))
			.isEqualTo("nats://127.0.0.1:4222");
	}

	@Test
	void functionIsABeanWhenTheActuatorIsPresent() {
		this.contextRunner.run((context) -> assertThat(context).hasSingleBean(SanitizingFunction.class)
			.hasBean("cimPersistenceNatsCredentialsSanitizingFunction"));
	}

	@Test
	void nothingIsRegisteredWithoutTheActuator() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(SanitizingFunction.class))
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean("cimPersistenceNatsCredentialsSanitizingFunction"));
	}

	@Test
	void applicationFunctionWithTheSameNameReplacesIt() {
		SanitizingFunction own = (data) -> data;
		this.contextRunner
			.withBean("cimPersistenceNatsCredentialsSanitizingFunction", SanitizingFunction.class, () -> own)
			.run((context) -> assertThat(context.getBean(SanitizingFunction.class)).isSameAs(own));
	}

	private @Nullable Object sanitized(String key, String value) {
		return this.function.apply(new SanitizableData(null, key, value)).getValue();
	}

}
