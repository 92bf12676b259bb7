package dev.cim.persistence.autoconfigure;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;

import io.nats.client.NKey;
import io.nats.client.Options;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Tests for {@link NatsConnectionFactory}'s client options.
 */
class NatsConnectionFactoryTests {

	@Test
	void connectionReconnectsWithoutEndAndQueuesNothingMeanwhile() {
		NatsConnectionDetails details = () -> List.of("nats://127.0.0.1:4222");
		Options options = new NatsConnectionFactory(details, Duration.ofSeconds(2), Duration.ofSeconds(5), null)
			.options();
		assertThat(options.getMaxReconnect()).isEqualTo(-1);
		// A call made while reconnecting fails at once instead of waiting for its
		// timeout.
		assertThat(options.getReconnectBufferSize()).isZero();
		assertThat(options.getPingInterval()).isEqualTo(Duration.ofSeconds(5));
		assertThat(options.getErrorListener()).isInstanceOf(dev.cim.persistence.nats.LoggingErrorListener.class);
	}

	@Test
	void customizersRunInTheirOrderAfterTheProperties() {
		NatsConnectionDetails details = () -> List.of("nats://127.0.0.1:4222");
		List<NatsOptionsBuilderCustomizer> customizers = List.of((builder) -> builder.connectionName("first"),
				(builder) -> builder.connectionName("second").maxReconnects(7));
		Options options = new NatsConnectionFactory(details, Duration.ofSeconds(2), Duration.ofSeconds(5),
				"from-properties", customizers)
			.options();
		assertThat(options.getConnectionName()).isEqualTo("second");
		assertThat(options.getMaxReconnect()).isEqualTo(7);
	}

	@Test
	void nkeySeedSignsTheChallengeAsItsUserEvenWithATrailingNewLine() throws Exception {
		NKey user = NKey.createUser(new SecureRandom());
		Options options = factory(nkey(new String(user.getSeed()) + "\n")).options();
		assertThat(options.getAuthHandler()).isNotNull();
		assertThat(new String(options.getAuthHandler().getID())).isEqualTo(new String(user.getPublicKey()));
	}

	@Test
	void publicKeyGivenInsteadOfTheSeedIsExplainedWithoutQuotingIt() throws Exception {
		String publicKey = new String(NKey.createUser(new SecureRandom()).getPublicKey());
		assertThatIllegalStateException().isThrownBy(() -> factory(nkey(publicKey)).options())
			.withMessageContaining("cim.persistence.nats.nkey")
			.withMessageContaining("seed")
			.withMessageNotContaining(publicKey)
			.withNoCause();
	}

	private static NatsConnectionFactory factory(NatsConnectionDetails details) {
		return new NatsConnectionFactory(details, Duration.ofSeconds(2), Duration.ofSeconds(5), null);
	}

	private static NatsConnectionDetails nkey(String nkey) {
		return new NatsConnectionDetails() {

			@Override
			public List<String> getServers() {
				return List.of("nats://127.0.0.1:4222");
			}

			@Override
			public @Nullable String getNkey() {
				return nkey;
			}

		};
	}

}
