package dev.cim.persistence.sample.web;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.IntPredicate;

import dev.cim.persistence.embedded.EmbeddedNatsServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The application while its embedded nats-server is down: not ready (readiness includes
 * the {@code cimPersistence} health), still live, and ready again with no restart once
 * the server is back.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@DirtiesContext
class StoreOutageIntegrationTests {

	private static final Duration EVENTUALLY = Duration.ofSeconds(30);

	@TempDir
	static Path storeDir;

	private final HttpClient http = HttpClient.newHttpClient();

	@LocalServerPort
	private int port;

	@Autowired
	private EmbeddedNatsServer server;

	@DynamicPropertySource
	static void embeddedNatsServer(DynamicPropertyRegistry registry) {
		registry.add("cim.persistence.nats.embedded.enabled", () -> "true");
		registry.add("cim.persistence.nats.embedded.store-dir", () -> storeDir.resolve("nats").toString());
		// Restarted by the test, so that the outage lasts as long as the test needs.
		registry.add("cim.persistence.nats.embedded.restart.enabled", () -> "false");
	}

	@Test
	void readinessFollowsTheStoreWhileLivenessStaysUp() throws Exception {
		assertThat(status("GET", "/actuator/health/readiness")).isEqualTo(200);
		assertThat(body("/actuator/health/readiness")).contains("cimPersistence");
		ProcessHandle.of(this.server.pid()).orElseThrow().destroyForcibly();
		awaitStatus("/actuator/health/readiness", (status) -> status == 503);
		assertThat(status("GET", "/actuator/health/liveness")).isEqualTo(200);
		assertThat(status("POST", "/orders")).isGreaterThanOrEqualTo(500);
		this.server.start();
		awaitStatus("/actuator/health/readiness", (status) -> status == 200);
		awaitStatus("/orders", (status) -> status == 201);
	}

	private void awaitStatus(String path, IntPredicate expected) throws Exception {
		String method = path.equals("/orders") ? "POST" : "GET";
		long deadline = System.nanoTime() + EVENTUALLY.toNanos();
		int last = status(method, path);
		while (!expected.test(last)) {
			if (System.nanoTime() - deadline > 0) {
				throw new AssertionError(method + " " + path + " still answers " + last + " after " + EVENTUALLY);
			}
			Thread.sleep(100);
			last = status(method, path);
		}
	}

	private int status(String method, String path) throws IOException, InterruptedException {
		return send(method, path).statusCode();
	}

	private String body(String path) throws IOException, InterruptedException {
		return send("GET", path).body();
	}

	private HttpResponse<String> send(String method, String path) throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path))
			.timeout(EVENTUALLY);
		if (method.equals("POST")) {
			request.POST(BodyPublishers.ofString("{\"customerId\": \"c-1\"}"))
				.header("Content-Type", "application/json");
		}
		return this.http.send(request.build(), BodyHandlers.ofString());
	}

}
