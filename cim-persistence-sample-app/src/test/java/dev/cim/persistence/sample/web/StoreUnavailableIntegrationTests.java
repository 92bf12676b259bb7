package dev.cim.persistence.sample.web;

import java.nio.file.Path;

import dev.cim.persistence.embedded.EmbeddedNatsServer;
import dev.cim.persistence.sample.web.HttpApi.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static dev.cim.persistence.sample.web.HttpApi.assertError;
import static dev.cim.persistence.sample.web.HttpApi.item;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The orders API while its nats-server is down: every request that needs the store is
 * answered {@code 503 unavailable} with {@code Retry-After}, never a 500.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@DirtiesContext
class StoreUnavailableIntegrationTests {

	@TempDir
	static Path storeDir;

	@LocalServerPort
	private int port;

	@Autowired
	private EmbeddedNatsServer natsServer;

	@DynamicPropertySource
	static void embeddedNatsServer(DynamicPropertyRegistry registry) {
		registry.add("cim.persistence.nats.embedded.enabled", () -> "true");
		registry.add("cim.persistence.nats.embedded.store-dir", () -> storeDir.resolve("nats").toString());
		registry.add("cim.persistence.publish-timeout", () -> "1s");
	}

	@Test
	void requestsWhileTheServerIsDownShouldBeUnavailableWithRetryAfter() {
		HttpApi api = new HttpApi(this.port);
		assertThat(api.post("/orders", "{\"customerId\": \"c-1\", \"id\": \"down-1\"}").status()).isEqualTo(201);
		this.natsServer.stop();

		assertUnavailable(api.get("/orders/down-1"));
		assertUnavailable(api.post("/orders/down-1/items", item("A-1", "1", "\"1.00\"")));
		assertUnavailable(api.post("/orders", "{\"customerId\": \"c-1\", \"id\": \"down-2\"}"));
		assertUnavailable(api.get("/order-summaries/down-1"));
	}

	private static void assertUnavailable(Response response) {
		assertError(response, 503, "unavailable");
		assertThat(response.header("Retry-After")).isEqualTo("1");
	}

}
