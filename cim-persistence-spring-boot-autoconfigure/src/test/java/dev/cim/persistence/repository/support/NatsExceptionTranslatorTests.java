package dev.cim.persistence.repository.support;

import java.io.IOException;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import dev.cim.persistence.repository.StoreUnavailableException;

/**
 * Tests for {@link NatsExceptionTranslator}.
 */
class NatsExceptionTranslatorTests {

	@Test
	void ioFailureIsStoreUnavailable() {
		IOException timeout = new IOException("Timeout or no response waiting for NATS JetStream server");
		assertThat(NatsExceptionTranslator.translate("append to sales.Order.o-1", timeout))
			.isInstanceOf(StoreUnavailableException.class)
			.hasMessageContaining("append to sales.Order.o-1")
			.hasMessageContaining("Timeout")
			.hasCause(timeout);
	}

	@Test
	void connectionNotOpenIsStoreUnavailable() {
		IllegalStateException reconnecting = new IllegalStateException(
				"Unable to queue any more messages during reconnect, max buffer is 0");
		assertThat(NatsExceptionTranslator.translate("reading the state of sales.Order.o-1", reconnecting))
			.isInstanceOf(StoreUnavailableException.class)
			.hasMessageContaining("reading the state of sales.Order.o-1")
			.hasMessageContaining("not open")
			.hasCause(reconnecting);
	}

}
