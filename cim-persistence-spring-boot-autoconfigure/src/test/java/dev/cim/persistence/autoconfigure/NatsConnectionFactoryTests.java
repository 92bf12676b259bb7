package dev.cim.persistence.autoconfigure;

import java.time.Duration;
import java.util.List;

import io.nats.client.Options;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

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

}
