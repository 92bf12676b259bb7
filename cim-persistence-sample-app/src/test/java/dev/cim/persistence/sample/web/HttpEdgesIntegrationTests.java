package dev.cim.persistence.sample.web;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import dev.cim.persistence.sample.web.HttpApi.Response;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import static dev.cim.persistence.sample.web.HttpApi.assertError;
import static dev.cim.persistence.sample.web.HttpApi.item;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The edges of the orders API over real HTTP, against the application with an embedded
 * nats-server of its own: body size, errors raised before the controllers run, values out
 * of range, {@code If-Match} forms, and what an anonymous client may see.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@DirtiesContext
class HttpEdgesIntegrationTests {

	private static final int LIMIT = 64 * 1024;

	@TempDir
	static Path storeDir;

	@LocalServerPort
	private int port;

	@Autowired
	private MeterRegistry meters;

	private HttpApi api;

	@DynamicPropertySource
	static void embeddedNatsServer(DynamicPropertyRegistry registry) {
		registry.add("cim.persistence.nats.embedded.enabled", () -> "true");
		registry.add("cim.persistence.nats.embedded.store-dir", () -> storeDir.resolve("nats").toString());
	}

	@BeforeEach
	void client() {
		this.api = new HttpApi(this.port);
	}

	@Test
	void bodyOverTheLimitShouldBePayloadTooLargeWhetherAnnouncedOrChunked() {
		String oversized = "{\"customerId\": \"c-1\", \"id\": \"" + "x".repeat(LIMIT) + "\"}";
		Response announced = this.api.post("/orders", oversized);
		String message = assertError(announced, 413, "payload_too_large");
		assertThat(message).contains("64 KB").doesNotContain("xxxxxxxxxx");

		byte[] bytes = oversized.getBytes(StandardCharsets.UTF_8);
		Response chunked = this.api.postChunked("/orders", () -> new ByteArrayInputStream(bytes));
		assertError(chunked, 413, "payload_too_large");
	}

	@Test
	void bodyJustUnderTheLimitShouldBeRead() {
		String padded = "{\"customerId\": \"c-1\", \"id\": \"limit-1\"" + " ".repeat(LIMIT - 100) + "}";
		assertThat(this.api.post("/orders", padded).status()).isEqualTo(201);
		byte[] bytes = "{\"customerId\": \"c-1\", \"id\": \"limit-2\"}".getBytes(StandardCharsets.UTF_8);
		assertThat(this.api.postChunked("/orders", () -> new ByteArrayInputStream(bytes)).status()).isEqualTo(201);
		assertThat(this.api.get("/orders/limit-2").json().get("customerId").asString()).isEqualTo("c-1");
	}

	@Test
	void errorsShouldQuoteOnlyAShortExcerptOfTheInput() {
		create("echo-1");
		String longValue = "y".repeat(60_000);
		assertNoEcho(this.api.post("/orders", "{\"customerId\": \"" + longValue + "\"}"));
		assertNoEcho(this.api.post("/orders", "{\"customerId\": \"c-1\", \"id\": \"" + longValue + "\"}"));
		assertNoEcho(this.api.post("/orders/echo-1/items", item(longValue, "1", "\"1.00\"")));
		assertNoEcho(this.api.post("/orders/echo-1/items", item("A-1", "1", "\"" + longValue + "\"")));
		assertNoEcho(this.api.post("/orders/echo-1/items", "{\"sku\": " + longValue + "}"));
		String longParameter = "y".repeat(4_000);
		assertNoEcho(this.api.get("/order-summaries?status=" + longParameter));
		assertNoEcho(this.api.get("/orders/echo-1?version=" + longParameter));
		assertNoEcho(this.api.get("/orders/" + longParameter));
		assertNoEcho(this.api.send("POST", "/orders/echo-1/place", null, "If-Match", "\"" + longParameter + "\""));
	}

	@Test
	void encodedSlashAndNulInThePathShouldBeInvalidRequestsInTheApiShape() {
		create("path-1");
		assertError(this.api.get("/orders/path-1%2Fhistory"), 400, "invalid_request");
		assertError(this.api.get("/orders/path%00-1"), 400, "invalid_request");
		assertError(this.api.post("/orders/path-1%2F/place", null), 400, "invalid_request");
		assertThat(this.api.get("/orders/path-1").header("ETag")).isEqualTo("\"1\"");
	}

	@Test
	void unacceptableAcceptShouldBeRefusedInTheApiShapeBeforeAnythingIsWritten() {
		create("accept-1");
		assertError(this.api.get("/orders/accept-1", "Accept", "image/png"), 406, "invalid_request");
		assertError(this.api.get("/orders/never-1", "Accept", "text/html"), 406, "invalid_request");
		assertError(this.api.get("/order-summaries", "Accept", "text/plain"), 406, "invalid_request");
		assertError(this.api.get("/orders/accept-1/export.car", "Accept", "application/json"), 406, "invalid_request");
		assertError(this.api.post("/orders/accept-1/items", item("A-1", "1", "\"1.00\""), "Accept", "image/png"), 406,
				"invalid_request");
		assertThat(this.api.get("/orders/accept-1").header("ETag")).isEqualTo("\"1\"");
		// An error of an endpoint that answers another type is still JSON.
		assertError(this.api.get("/orders/never-1/export.car", "Accept", "application/vnd.ipld.car"), 404, "not_found");
	}

	@Test
	void wrongMethodAndUnknownPathShouldBeAnsweredInTheApiShape() {
		Response wrongMethod = this.api.send("PUT", "/orders/method-1", "{}");
		assertError(wrongMethod, 405, "invalid_request");
		assertThat(wrongMethod.header("Allow")).isNotBlank();
		assertError(this.api.send("PATCH", "/order-summaries", null, "Accept", "text/html"), 405, "invalid_request");
		assertError(this.api.get("/nothing/here"), 404, "not_found");
		assertError(this.api.get("/nothing/here", "Accept", "text/html"), 404, "not_found");
		assertError(this.api.get("/orders/a/b/c/d", "Accept", "text/html"), 404, "not_found");
		// Refused by the servlet container itself, answered through the error page.
		assertError(this.api.send("TRACE", "/orders/method-1", null, "Accept", "text/html"), 405, "invalid_request");
	}

	@Test
	void unexpectedFailureShouldBeAnInternalErrorInTheApiShapeWithoutItsDetails() {
		Response failure = this.api.get("/test-failure", "Accept", "text/html");
		String message = assertError(failure, 500, "internal_error");
		assertThat(message).doesNotContain("secret");
		assertThat(failure.body()).doesNotContain("secret").doesNotContain("Exception");
	}

	@Test
	void quantityBeyondAnIntShouldBeOutOfRange() {
		create("range-1");
		String message = assertError(this.api.post("/orders/range-1/items", item("A-1", "2147483648", "\"1.00\"")), 400,
				"invalid_request");
		assertThat(message).contains("'quantity'").contains("out of range").doesNotContain("well-formed");
		String tooLong = assertError(this.api.post("/orders/range-1/items", item("A-1", "1".repeat(1500), "\"1.00\"")),
				400, "invalid_request");
		assertThat(tooLong).contains("out of range").doesNotContain("1111111111");
		assertThat(this.api.get("/orders/range-1").header("ETag")).isEqualTo("\"1\"");
	}

	@Test
	void pricesWithHugeExponentsShouldBeOutOfRangeAtOnce() {
		create("price-1");
		for (String price : new String[] { "\"1e-10000000\"", "\"1e999999999\"", "1e-10000000", "1E+999999999",
				"\"0.000000000000000000000000000000000000001\"" }) {
			String message = assertError(this.api.post("/orders/price-1/items", item("A-1", "1", price)), 400,
					"invalid_request");
			assertThat(message).as(price).contains("out of range");
		}
		assertThat(this.api.post("/orders/price-1/items", item("A-1", "1", "\"999999999.990\"")).status())
			.isEqualTo(200);
		assertThat(this.api.get("/orders/price-1").json().get("total").asString()).isEqualTo("999999999.99");
	}

	@Test
	void ifMatchShouldAcceptOnlyOneStrongVersionTag() {
		create("tag-1");
		for (String tag : new String[] { "W/\"1\"", "1", "\"a\"", "*", "\"1\", \"2\"", "\"\"", "\"01\"", "\"1", "" }) {
			Response response = this.api.send("POST", "/orders/tag-1/items", item("A-1", "1", "\"1.00\""), "If-Match",
					tag);
			String message = assertError(response, 400, "invalid_request");
			assertThat(message).as(tag).contains("If-Match");
		}
		assertThat(this.api.get("/orders/tag-1").header("ETag")).isEqualTo("\"1\"");
		Response strong = this.api.send("POST", "/orders/tag-1/items", item("A-1", "1", "\"1.00\""), "If-Match",
				"\"1\"");
		assertThat(strong.status()).isEqualTo(200);
		assertThat(strong.header("ETag")).isEqualTo("\"2\"");
	}

	@Test
	void conflictFromIfMatchShouldBeCountedInTheConflictMeter() {
		create("meter-1");
		double before = conflicts();
		assertThat(this.api.send("POST", "/orders/meter-1/items", item("A-1", "1", "\"1.00\""), "If-Match", "\"1\"")
			.status()).isEqualTo(200);
		Response stale = this.api.send("POST", "/orders/meter-1/items", item("B-2", "1", "\"1.00\""), "If-Match",
				"\"1\"");
		assertError(stale, 409, "version_conflict");
		assertThat(conflicts()).isEqualTo(before + 1);
		Response refusedAndStale = this.api.send("DELETE", "/orders/meter-1/items/Z-9", null, "If-Match", "\"1\"");
		assertError(refusedAndStale, 409, "version_conflict");
		assertThat(conflicts()).isEqualTo(before + 2);
	}

	@Test
	void healthShouldShowComponentStatusesWithoutDetails() {
		Response health = this.api.get("/actuator/health");
		assertThat(health.status()).isEqualTo(200);
		JsonNode component = health.json().get("components").get("cimPersistence");
		assertThat(component.get("status").asString()).isEqualTo("UP");
		assertThat(component.has("details")).isFalse();
		assertThat(health.body()).doesNotContain("details")
			.doesNotContain("serverVersion")
			.doesNotContain("nats://")
			.doesNotContain(storeDir.toString());
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class FailingEndpoint {

		@Bean
		FailingController failingController() {
			return new FailingController();
		}

	}

	@RestController
	static class FailingController {

		@GetMapping("/test-failure")
		String fail() {
			throw new IllegalStateException("a secret detail of the failure");
		}

	}

	private double conflicts() {
		Counter counter = this.meters.find("cim.persistence.repository.conflicts")
			.tag("aggregate", "sales.Order")
			.counter();
		return (counter != null) ? counter.count() : 0;
	}

	private void assertNoEcho(Response response) {
		String message = assertError(response, 400, "invalid_request");
		assertThat(message).hasSizeLessThanOrEqualTo(300).doesNotContain("y".repeat(50));
		assertThat(response.body()).hasSizeLessThan(500);
	}

	private void create(String id) {
		Response created = this.api.post("/orders", "{\"customerId\": \"c-1\", \"id\": \"" + id + "\"}");
		assertThat(created.status()).as("create %s", id).isEqualTo(201);
	}

}
