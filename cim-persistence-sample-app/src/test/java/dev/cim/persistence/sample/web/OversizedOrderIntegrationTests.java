package dev.cim.persistence.sample.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.cim.persistence.embedded.EmbeddedNatsServer;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An order whose state outgrows the server's max payload stays usable: the application
 * runs against a nats-server started with {@code max_payload: 65536}.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@DirtiesContext
class OversizedOrderIntegrationTests {

	private static final int MAX_PAYLOAD = 64 * 1024;

	@TempDir
	static Path directory;

	private static @Nullable EmbeddedNatsServer server;

	private final HttpClient http = HttpClient.newHttpClient();

	private final JsonMapper json = JsonMapper.builder().build();

	@LocalServerPort
	private int port;

	@DynamicPropertySource
	static void smallNatsServer(DynamicPropertyRegistry registry) throws IOException {
		Path configuration = Files.writeString(directory.resolve("nats.conf"), "max_payload: " + MAX_PAYLOAD + "\n");
		EmbeddedNatsServer started = EmbeddedNatsServer.builder()
			.storeDirectory(directory.resolve("nats"))
			.arguments("-c", configuration.toString())
			.start();
		server = started;
		registry.add("cim.persistence.nats.url", started::url);
	}

	@AfterAll
	static void stopServer() {
		if (server != null) {
			server.close();
		}
	}

	@Test
	void anOrderLargerThanTheMaxPayloadKeepsAnsweringEveryRequest() {
		assertThat(post("/orders", "{\"customerId\": \"c-1\", \"id\": \"big-1\"}").statusCode()).isEqualTo(201);
		// About 175 bytes of state per line: the state outgrows 64 KiB near line 375.
		int lines = 700;
		for (int i = 1; i <= lines; i++) {
			HttpResponse<String> added = post("/orders/big-1/items",
					"{\"sku\": \"" + sku(i) + "\", \"quantity\": 1, \"unitPrice\": \"1.00\"}");
			assertThat(added.statusCode()).as("adding line %d: %s", i, added.body()).isEqualTo(200);
		}
		HttpResponse<String> order = get("/orders/big-1");
		assertThat(order.statusCode()).isEqualTo(200);
		assertThat(order.body().length()).isGreaterThan(MAX_PAYLOAD);
		JsonNode body = this.json.readTree(order.body());
		assertThat(body.get("items").size()).isEqualTo(lines);
		assertThat(body.get("version").asLong()).isEqualTo(lines + 1);
		assertThat(send("DELETE", "/orders/big-1/items/" + sku(1), null).statusCode()).isEqualTo(200);
		assertThat(post("/orders/big-1/place", null).statusCode()).isEqualTo(200);
		assertThat(post("/orders/big-1/cancel", "{\"reason\": \"too many lines\"}").statusCode()).isEqualTo(200);
		HttpResponse<String> verified = get("/orders/big-1/verify");
		assertThat(verified.statusCode()).isEqualTo(200);
		assertThat(this.json.readTree(verified.body()).get("valid").asBoolean()).isTrue();
		HttpResponse<String> cancelled = get("/orders/big-1");
		assertThat(this.json.readTree(cancelled.body()).get("status").asString()).isEqualTo("CANCELLED");
		assertThat(this.json.readTree(cancelled.body()).get("items").size()).isEqualTo(lines - 1);
	}

	private static String sku(int i) {
		String prefix = "SKU-" + i + "-";
		return prefix + "x".repeat(64 - prefix.length());
	}

	private HttpResponse<String> get(String path) {
		return send("GET", path, null);
	}

	private HttpResponse<String> post(String path, @Nullable String body) {
		return send("POST", path, body);
	}

	private HttpResponse<String> send(String method, String path, @Nullable String body) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path))
			.method(method, (body != null) ? BodyPublishers.ofString(body) : BodyPublishers.noBody());
		if (body != null) {
			request.header("Content-Type", "application/json");
		}
		try {
			return this.http.send(request.build(), BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
