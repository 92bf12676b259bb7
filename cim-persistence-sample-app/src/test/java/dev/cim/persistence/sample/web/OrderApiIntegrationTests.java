package dev.cim.persistence.sample.web;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import dev.cim.persistence.ipld.Car;
import dev.cim.persistence.ipld.Cid;
import dev.cim.persistence.repository.AggregateRepository;
import dev.cim.persistence.repository.StoredEvent;
import dev.cim.persistence.sample.order.Order;
import dev.cim.persistence.sample.web.HttpApi.Response;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

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
 * Drives the orders API over HTTP against the application with an embedded nats-server of
 * its own, storing into a fresh directory.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@DirtiesContext
class OrderApiIntegrationTests {

	@TempDir
	static Path storeDir;

	private final HttpClient http = HttpClient.newHttpClient();

	private final JsonMapper json = JsonMapper.builder().build();

	@Autowired
	private AggregateRepository<Order> orders;

	@LocalServerPort
	private int port;

	private @Nullable HttpApi api;

	@DynamicPropertySource
	static void embeddedNatsServer(DynamicPropertyRegistry registry) {
		registry.add("cim.persistence.nats.embedded.enabled", () -> "true");
		registry.add("cim.persistence.nats.embedded.store-dir", () -> storeDir.resolve("nats").toString());
	}

	@Test
	void fullOrderFlowShouldBeStoredAndReadable() {
		Response created = post("/orders", "{\"customerId\": \"c-1\", \"id\": \"flow-1\"}");
		assertThat(created.status()).isEqualTo(201);
		assertThat(created.header("Location")).isEqualTo("/orders/flow-1");
		assertThat(created.header("ETag")).isEqualTo("\"1\"");
		assertThat(created.json().get("id").asString()).isEqualTo("flow-1");
		assertThat(created.json().get("version").asLong()).isEqualTo(1);
		long firstSequence = created.json().get("sequence").asLong();
		assertThat(firstSequence).isPositive();

		Response added = post("/orders/flow-1/items", item("A-1", "2", "\"9.99\""));
		assertThat(added.status()).isEqualTo(200);
		assertThat(added.header("ETag")).isEqualTo("\"2\"");
		assertThat(added.json().get("version").asLong()).isEqualTo(2);
		assertThat(added.json().get("sequence").asLong()).isGreaterThan(firstSequence);
		assertThat(post("/orders/flow-1/items", item("B-2", "1", "\"5.00\"")).header("ETag")).isEqualTo("\"3\"");
		assertThat(post("/orders/flow-1/items", item("A-1", "1", "\"9.99\"")).header("ETag")).isEqualTo("\"4\"");
		Response removed = send("DELETE", "/orders/flow-1/items/B-2", null);
		assertThat(removed.status()).isEqualTo(200);
		assertThat(removed.header("ETag")).isEqualTo("\"5\"");
		Response placed = post("/orders/flow-1/place", null);
		assertThat(placed.status()).isEqualTo(200);
		assertThat(placed.header("ETag")).isEqualTo("\"6\"");
		assertThat(placed.json().get("version").asLong()).isEqualTo(6);

		Response order = get("/orders/flow-1");
		assertThat(order.status()).isEqualTo(200);
		assertThat(order.header("ETag")).isEqualTo("\"6\"");
		JsonNode body = order.json();
		assertThat(body.get("id").asString()).isEqualTo("flow-1");
		assertThat(body.get("customerId").asString()).isEqualTo("c-1");
		assertThat(body.get("status").asString()).isEqualTo("PLACED");
		assertThat(body.get("version").asLong()).isEqualTo(6);
		assertThat(body.get("total").asString()).isEqualTo("29.97");
		assertThat(body.get("items")).hasSize(1);
		assertThat(body.get("items").get(0).get("sku").asString()).isEqualTo("A-1");
		assertThat(body.get("items").get(0).get("quantity").asInt()).isEqualTo(3);
		assertThat(body.get("items").get(0).get("unitPrice").asString()).isEqualTo("9.99");

		Response past = get("/orders/flow-1?version=3");
		assertThat(past.status()).isEqualTo(200);
		assertThat(past.header("ETag")).isEqualTo("\"3\"");
		assertThat(past.json().get("version").asLong()).isEqualTo(3);
		assertThat(past.json().get("status").asString()).isEqualTo("OPEN");
		assertThat(past.json().get("total").asString()).isEqualTo("24.98");
		assertThat(past.json().get("items")).hasSize(2);
		assertThat(past.json().get("items").get(1).get("sku").asString()).isEqualTo("B-2");
		assertThat(past.json().get("items").get(1).get("unitPrice").asString()).isEqualTo("5.00");

		Response history = get("/orders/flow-1/history");
		assertThat(history.status()).isEqualTo(200);
		JsonNode events = history.json();
		assertThat(events).hasSize(6);
		List<String> types = new ArrayList<>();
		for (int i = 0; i < events.size(); i++) {
			JsonNode event = events.get(i);
			types.add(event.get("type").asString());
			assertThat(event.get("version").asLong()).isEqualTo(i + 1);
			assertThat(event.get("cid").asString()).isNotBlank();
			assertThat(Instant.parse(event.get("timestamp").asString())).isBefore(Instant.now().plusSeconds(1));
			if (i == 0) {
				assertThat(event.get("prev").isNull()).isTrue();
				assertThat(event.get("sequence").asLong()).isEqualTo(firstSequence);
			}
			else {
				assertThat(event.get("prev").asString()).isEqualTo(events.get(i - 1).get("cid").asString());
				assertThat(event.get("sequence").asLong()).isGreaterThan(events.get(i - 1).get("sequence").asLong());
			}
		}
		assertThat(types).containsExactly("OrderCreated", "ItemAdded", "ItemAdded", "ItemAdded", "ItemRemoved",
				"OrderPlaced");
		JsonNode firstItem = events.get(1).get("data");
		assertThat(firstItem.get("sku").asString()).isEqualTo("A-1");
		assertThat(firstItem.get("quantity").asInt()).isEqualTo(2);
		assertThat(firstItem.get("unitPrice").isString()).isTrue();
		assertThat(firstItem.get("unitPrice").asString()).isEqualTo("9.99");
		assertThat(events.get(0).get("data").get("customerId").asString()).isEqualTo("c-1");
		// The payload as stored: keys sorted, decimals as strings.
		assertThat(history.body()).contains("\"data\":{\"customerId\":\"c-1\",\"orderId\":\"flow-1\"}")
			.contains("\"data\":{\"quantity\":2,\"sku\":\"A-1\",\"unitPrice\":\"9.99\"}")
			.contains("\"data\":{\"quantity\":1,\"sku\":\"B-2\",\"unitPrice\":\"5.00\"}")
			.contains("\"data\":{\"sku\":\"B-2\"}")
			.contains("\"data\":{}");

		Response range = get("/orders/flow-1/history?from=2&to=3");
		assertThat(range.status()).isEqualTo(200);
		assertThat(range.json()).hasSize(2);
		assertThat(range.json().get(0).get("version").asLong()).isEqualTo(2);
		assertThat(range.json().get(1).get("version").asLong()).isEqualTo(3);

		Response cancelled = post("/orders/flow-1/cancel", "{\"reason\": \"changed my mind\"}");
		assertThat(cancelled.status()).isEqualTo(200);
		assertThat(cancelled.header("ETag")).isEqualTo("\"7\"");
		assertThat(get("/orders/flow-1").json().get("status").asString()).isEqualTo("CANCELLED");
		JsonNode last = get("/orders/flow-1/history?from=7").json();
		assertThat(last).hasSize(1);
		assertThat(last.get(0).get("type").asString()).isEqualTo("OrderCancelled");
		assertThat(last.get(0).get("data").get("reason").asString()).isEqualTo("changed my mind");
	}

	@Test
	void historyDataShouldBeThePayloadAsStored() {
		create("stored-1");
		assertThat(post("/orders/stored-1/items", item("A-1", "3", "9.9")).status()).isEqualTo(200);
		assertThat(post("/orders/stored-1/items", item("B-2", "1", "\"1000\"")).status()).isEqualTo(200);
		assertThat(post("/orders/stored-1/cancel", null).status()).isEqualTo(200);

		JsonNode history = get("/orders/stored-1/history").json();
		List<StoredEvent> stored = this.orders.findEvents("stored-1", 1, Long.MAX_VALUE);
		assertThat(history).hasSize(4);
		assertThat(stored).hasSize(4);
		for (int i = 0; i < stored.size(); i++) {
			// DAG-JSON bodies are JSON text; their data is what the history shows.
			JsonNode block = this.json.readTree(stored.get(i).body());
			assertThat(history.get(i).get("data").toString()).as("data of version %d", i + 1)
				.isEqualTo(block.get("data").toString());
		}
		assertThat(history.get(1).get("data").toString())
			.isEqualTo("{\"quantity\":3,\"sku\":\"A-1\",\"unitPrice\":\"9.90\"}");
		assertThat(history.get(2).get("data").get("unitPrice").asString()).isEqualTo("1000.00");
		assertThat(history.get(3).get("data").toString()).isEqualTo("{\"reason\":null}");
	}

	@Test
	void createWithoutIdShouldGenerateOne() {
		Response created = post("/orders", "{\"customerId\": \"c-2\"}");
		assertThat(created.status()).isEqualTo(201);
		String id = created.json().get("id").asString();
		assertThat(id).matches("[A-Za-z0-9_-]{1,64}");
		assertThat(created.header("Location")).isEqualTo("/orders/" + id);
		assertThat(get("/orders/" + id).json().get("customerId").asString()).isEqualTo("c-2");
	}

	@Test
	void writeWithCurrentIfMatchShouldRunAndWithStaleIfMatchShouldConflict() {
		create("match-1");
		Response current = send("POST", "/orders/match-1/items", item("A-1", "1", "\"1.50\""), "If-Match", "\"1\"");
		assertThat(current.status()).isEqualTo(200);
		assertThat(current.header("ETag")).isEqualTo("\"2\"");

		Response stale = send("POST", "/orders/match-1/items", item("B-2", "1", "\"1.50\""), "If-Match", "\"1\"");
		assertThat(stale.status()).isEqualTo(409);
		assertThat(stale.json().get("error").asString()).isEqualTo("version_conflict");
		assertThat(stale.json().get("message").asString()).isNotBlank();
		assertThat(stale.json().get("expected").asLong()).isEqualTo(1);
		assertThat(stale.json().get("actual").asLong()).isEqualTo(2);

		Response stalePlace = send("POST", "/orders/match-1/place", null, "If-Match", "\"5\"");
		assertThat(stalePlace.status()).isEqualTo(409);
		assertThat(stalePlace.json().get("expected").asLong()).isEqualTo(5);
		assertThat(stalePlace.json().get("actual").asLong()).isEqualTo(2);

		Response order = get("/orders/match-1");
		assertThat(order.header("ETag")).isEqualTo("\"2\"");
		assertThat(order.json().get("status").asString()).isEqualTo("OPEN");
		assertThat(order.json().get("items")).hasSize(1);
	}

	@Test
	void createWithTakenIdShouldConflict() {
		create("taken-1");
		Response again = post("/orders", "{\"customerId\": \"c-9\", \"id\": \"taken-1\"}");
		assertThat(again.status()).isEqualTo(409);
		assertThat(again.json().get("error").asString()).isEqualTo("version_conflict");
		assertThat(again.json().get("expected").asLong()).isZero();
		assertThat(again.json().get("actual").asLong()).isEqualTo(1);
		assertThat(get("/orders/taken-1").json().get("customerId").asString()).isEqualTo("c-1");
	}

	@Test
	void malformedIdsShouldBeInvalidRequests() {
		create("ids-1");
		assertInvalid(post("/orders", "{\"customerId\": \"c-1\", \"id\": \"a.b\"}"));
		assertInvalid(post("/orders", "{\"customerId\": \"c-1\", \"id\": \"has space\"}"));
		assertInvalid(post("/orders", "{\"customerId\": \"c-1\", \"id\": \"" + "x".repeat(65) + "\"}"));
		assertInvalid(post("/orders", "{\"customerId\": \"c 1\"}"));
		assertInvalid(post("/orders", "{\"id\": \"ids-2\"}"));
		assertInvalid(get("/orders/a.b"));
		assertInvalid(get("/orders/has%20space"));
		assertInvalid(get("/orders/a.b/history"));
		assertInvalid(post("/orders/has%20space/items", item("A-1", "1", "\"1.00\"")));
		assertInvalid(post("/orders/ids-1/items", item("A.1", "1", "\"1.00\"")));
		assertInvalid(send("DELETE", "/orders/ids-1/items/A%20B", null));
		assertInvalid(post("/orders/a.b/place", null));
		assertThat(get("/orders/ids-1").header("ETag")).isEqualTo("\"1\"");
	}

	@Test
	void malformedBodiesHeadersAndParametersShouldBeInvalidRequests() {
		create("body-1");
		assertInvalid(post("/orders", "{\"customerId\": "));
		assertInvalid(post("/orders", "[]"));
		assertInvalid(post("/orders", null));
		assertInvalid(post("/orders", "{\"customerId\": 42}"));
		assertInvalid(post("/orders/body-1/items", "{\"sku\": \"A-1\", \"quantity\": 2"));
		Response wrongType = post("/orders/body-1/items", item("A-1", "\"two\"", "\"9.99\""));
		assertInvalid(wrongType);
		assertThat(wrongType.json().get("message").asString()).contains("'quantity'").doesNotContain("java.");
		assertInvalid(post("/orders/body-1/items", item("A-1", "2.5", "\"9.99\"")));
		assertInvalid(post("/orders/body-1/items", item("A-1", "true", "\"9.99\"")));
		assertInvalid(post("/orders/body-1/items", item("A-1", "2", "\"nine\"")));
		assertInvalid(post("/orders/body-1/items", item("A-1", "2", "\"-1.00\"")));
		assertInvalid(post("/orders/body-1/items", item("A-1", "2", "\"1.001\"")));
		assertInvalid(post("/orders/body-1/items", "{\"sku\": \"A-1\", \"unitPrice\": \"1.00\"}"));
		assertInvalid(post("/orders/body-1/items", "{\"sku\": \"A-1\", \"quantity\": 1}"));
		assertInvalid(send("POST", "/orders/body-1/place", null, "If-Match", "version one"));
		Response badVersion = get("/orders/body-1?version=abc");
		assertInvalid(badVersion);
		assertThat(badVersion.json().get("message").asString()).contains("'version'").doesNotContain("java.");
		assertInvalid(get("/orders/body-1?version=0"));
		assertInvalid(get("/orders/body-1/history?from=x"));
		assertInvalid(get("/orders/body-1/history?from=0"));
		assertInvalid(get("/orders/body-1/history?from=3&to=2"));
		assertThat(get("/orders/body-1").header("ETag")).isEqualTo("\"1\"");
	}

	@Test
	void brokenRulesShouldBeRuleViolations() {
		create("rules-1");
		assertRuleViolation(post("/orders/rules-1/place", null));
		assertRuleViolation(post("/orders/rules-1/items", item("A-1", "0", "\"1.00\"")));
		assertRuleViolation(post("/orders/rules-1/items", item("A-1", "1001", "\"1.00\"")));
		assertRuleViolation(send("DELETE", "/orders/rules-1/items/A-1", null));
		assertThat(post("/orders/rules-1/items", item("A-1", "1000", "\"1.00\"")).status()).isEqualTo(200);
		assertThat(post("/orders/rules-1/place", null).status()).isEqualTo(200);
		assertRuleViolation(post("/orders/rules-1/items", item("B-2", "1", "\"1.00\"")));
		assertRuleViolation(send("DELETE", "/orders/rules-1/items/A-1", null));
		assertRuleViolation(post("/orders/rules-1/place", null));
		assertThat(post("/orders/rules-1/cancel", null).status()).isEqualTo(200);
		assertRuleViolation(post("/orders/rules-1/cancel", "{\"reason\": \"twice\"}"));
		assertThat(get("/orders/rules-1").header("ETag")).isEqualTo("\"4\"");
	}

	@Test
	void verifyAndCarExportShouldShowTheHashChain() throws Exception {
		create("chain-1");
		assertThat(post("/orders/chain-1/items", item("A-1", "2", "\"9.99\"")).status()).isEqualTo(200);
		assertThat(post("/orders/chain-1/place", null).status()).isEqualTo(200);
		JsonNode history = get("/orders/chain-1/history").json();
		String head = history.get(2).get("cid").asString();

		Response verify = get("/orders/chain-1/verify");
		assertThat(verify.status()).isEqualTo(200);
		assertThat(verify.json().get("valid").asBoolean()).isTrue();
		assertThat(verify.json().get("length").asLong()).isEqualTo(3);
		assertThat(verify.json().get("head").asString()).isEqualTo(head);
		assertThat(verify.json().get("problems").size()).isZero();

		HttpRequest request = HttpRequest
			.newBuilder(URI.create("http://localhost:" + this.port + "/orders/chain-1/export.car"))
			.GET()
			.build();
		var response = this.http.send(request, BodyHandlers.ofByteArray());
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type")).contains("application/vnd.ipld.car");
		Car car = Car.read(new ByteArrayInputStream(response.body()));
		assertThat(car.roots()).containsExactly(Cid.parse(head));
		assertThat(car.blocks()).extracting((block) -> block.cid().toString())
			.containsExactly(history.get(0).get("cid").asString(), history.get(1).get("cid").asString(), head);

		assertNotFound(get("/orders/unknown-2/verify"));
		assertNotFound(get("/orders/unknown-2/export.car"));
		assertInvalid(get("/orders/a.b/verify"));
	}

	@Test
	void orderSummariesShouldReadTheirOwnWrites() {
		String customer = "sum-customer-" + System.nanoTime();
		assertThat(post("/orders", "{\"customerId\": \"" + customer + "\", \"id\": \"sum-1\"}").status())
			.isEqualTo(201);
		post("/orders/sum-1/items", item("A-1", "2", "\"9.99\""));
		Response added = post("/orders/sum-1/items", item("B-2", "1", "\"0.02\""));
		long sequence = added.json().get("sequence").asLong();

		Response one = get("/order-summaries/sum-1?atLeast=" + sequence);
		assertThat(one.status()).as(one.body()).isEqualTo(200);
		JsonNode summary = one.json();
		assertThat(summary.get("id").asString()).isEqualTo("sum-1");
		assertThat(summary.get("customerId").asString()).isEqualTo(customer);
		assertThat(summary.get("status").asString()).isEqualTo("OPEN");
		assertThat(summary.get("itemCount").asLong()).isEqualTo(3);
		assertThat(summary.get("total").asString()).isEqualTo("20.00");
		assertThat(summary.get("version").asLong()).isEqualTo(3);

		long placed = post("/orders/sum-1/place", null).json().get("sequence").asLong();
		Response list = get("/order-summaries?status=PLACED&customerId=" + customer + "&atLeast=" + placed);
		assertThat(list.status()).isEqualTo(200);
		assertThat(list.json().size()).isEqualTo(1);
		assertThat(list.json().get(0).get("status").asString()).isEqualTo("PLACED");
		assertThat(list.json().get(0).get("version").asLong()).isEqualTo(4);
		// The list goes through the query optimizer, which names its strategy.
		assertThat(list.headers().firstValue("X-Query-Strategy"))
			.hasValueSatisfying((strategy) -> assertThat(strategy).isIn("SECONDARY_INDEX", "FULL_SCAN", "KEY_PATTERN"));
		assertThat(get("/order-summaries?status=OPEN&customerId=" + customer).json().size()).isZero();

		assertInvalid(get("/order-summaries?status=SHIPPED"));
		assertInvalid(get("/order-summaries?atLeast=0"));
		assertInvalid(get("/order-summaries?atLeast=abc"));
		assertInvalid(get("/order-summaries/a.b"));
		Response missing = get("/order-summaries/never-created");
		assertNotFound(missing);
		assertThat(missing.json().get("message").asString()).isEqualTo("no summary of order 'never-created'");
	}

	@Test
	void waitingForASequenceThatNeverComesShouldTimeOutCleanly() {
		Response response = get("/order-summaries?atLeast=999999999999");
		assertThat(response.status()).isEqualTo(503);
		assertThat(response.json().get("error").asString()).isEqualTo("timeout");
		assertThat(response.header("Retry-After")).isEqualTo("1");
	}

	@Test
	void unknownOrderShouldBeNotFound() {
		assertNotFound(get("/orders/unknown-1"));
		Response history = get("/orders/unknown-1/history");
		assertNotFound(history);
		assertThat(history.json().get("message").asString()).isEqualTo("order 'unknown-1' does not exist");
		assertNotFound(post("/orders/unknown-1/items", item("A-1", "1", "\"1.00\"")));
		assertNotFound(send("POST", "/orders/unknown-1/items", item("A-1", "1", "\"1.00\""), "If-Match", "\"1\""));
		assertNotFound(send("DELETE", "/orders/unknown-1/items/A-1", null));
		assertNotFound(post("/orders/unknown-1/place", null));
		assertNotFound(post("/orders/unknown-1/cancel", "{\"reason\": \"none\"}"));
		create("known-1");
		assertNotFound(get("/orders/known-1?version=2"));
	}

	@Test
	void concurrentAddsWithoutIfMatchShouldEachBeAppliedOnce() throws Exception {
		create("busy-1");
		int threads = 8;
		int addsPerThread = 5;
		ExecutorService executor = Executors.newFixedThreadPool(threads);
		try {
			List<Callable<List<Integer>>> tasks = new ArrayList<>();
			for (int t = 0; t < threads; t++) {
				int thread = t;
				tasks.add(() -> {
					List<Integer> statuses = new ArrayList<>();
					for (int i = 0; i < addsPerThread; i++) {
						statuses
							.add(post("/orders/busy-1/items", item("S-" + thread + "-" + i, "1", "\"2.00\"")).status());
						statuses.add(post("/orders/busy-1/items", item("SHARED", "1", "\"1.00\"")).status());
					}
					return statuses;
				});
			}
			for (Future<List<Integer>> result : executor.invokeAll(tasks)) {
				assertThat(result.get()).containsOnly(200);
			}
		}
		finally {
			executor.shutdown();
			assertThat(executor.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
		}
		int adds = threads * addsPerThread;
		JsonNode order = get("/orders/busy-1").json();
		assertThat(order.get("version").asLong()).isEqualTo(1 + 2L * adds);
		assertThat(order.get("items")).hasSize(adds + 1);
		Set<String> skus = new HashSet<>();
		for (JsonNode line : order.get("items")) {
			skus.add(line.get("sku").asString());
			int expected = line.get("sku").asString().equals("SHARED") ? adds : 1;
			assertThat(line.get("quantity").asInt()).isEqualTo(expected);
		}
		assertThat(skus).hasSize(adds + 1);
		assertThat(order.get("total").asString()).isEqualTo((2 * adds + adds) + ".00");
		assertThat(get("/orders/busy-1/history").json()).hasSize(1 + 2 * adds);
	}

	@Test
	void healthShouldIncludeCimPersistence() {
		Response health = get("/actuator/health");
		assertThat(health.status()).isEqualTo(200);
		JsonNode component = health.json().get("components").get("cimPersistence");
		assertThat(component).isNotNull();
		assertThat(component.get("status").asString()).isEqualTo("UP");
	}

	@Test
	void prometheusShouldExposeTheSaveLoadProjectionAndQueryMetersOfTheOrdersWithTheirTags() throws Exception {
		create("metrics-1");
		assertThat(get("/orders/metrics-1").status()).isEqualTo(200);
		// The same query twice: the second is answered by the result cache unless an
		// event moved the bucket in between.
		assertThat(get("/order-summaries?status=OPEN").status()).isEqualTo(200);
		assertThat(get("/order-summaries?status=OPEN").status()).isEqualTo(200);
		String body = "";
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
		// The projection applies the event after the save has answered.
		while (System.nanoTime() < deadline) {
			Response prometheus = get("/actuator/prometheus");
			assertThat(prometheus.status()).isEqualTo(200);
			body = prometheus.body();
			if (countOf(body, "cim_persistence_projection_applied_total", "event=\"OrderCreated\"",
					"projection=\"OrderSummary\"") >= 1) {
				break;
			}
			Thread.sleep(100);
		}
		assertThat(countOf(body, "cim_persistence_repository_save_seconds_count", "aggregate=\"sales.Order\"",
				"outcome=\"success\""))
			.as("successful saves of orders in:%n%s", body)
			.isGreaterThanOrEqualTo(1);
		assertThat(countOf(body, "cim_persistence_repository_load_seconds_count", "aggregate=\"sales.Order\"",
				"outcome=\"success\""))
			.as("successful loads of orders in:%n%s", body)
			.isGreaterThanOrEqualTo(1);
		assertThat(countOf(body, "cim_persistence_projection_applied_total", "event=\"OrderCreated\"",
				"projection=\"OrderSummary\""))
			.as("applied OrderCreated events in:%n%s", body)
			.isGreaterThanOrEqualTo(1);
		assertThat(countOf(body, "cim_persistence_query_seconds_count", "target=\"readmodel\""))
			.as("read-model queries in:%n%s", body)
			.isGreaterThanOrEqualTo(2);
		assertThat(countOf(body, "cim_persistence_query_result_cache_total", "result=\"miss\""))
			.as("result cache misses in:%n%s", body)
			.isGreaterThanOrEqualTo(1);
		assertThat(countOf(body, "cim_persistence_query_plan_cache_total", "result=\"hit\""))
			.as("plan cache hits in:%n%s", body)
			.isGreaterThanOrEqualTo(1);
	}

	/**
	 * The sum of the values of the Prometheus samples of a meter that carry every given
	 * label, or -1 when there is none.
	 */
	private static double countOf(String prometheus, String meter, String... labels) {
		double sum = -1;
		for (String line : prometheus.split("\n")) {
			if (!line.startsWith(meter + "{")) {
				continue;
			}
			String labelText = line.substring(meter.length() + 1, line.lastIndexOf('}'));
			List<String> present = List.of(labelText.split(","));
			if (present.containsAll(List.of(labels))) {
				sum = Math.max(sum, 0) + Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
			}
		}
		return sum;
	}

	private void create(String id) {
		Response created = post("/orders", "{\"customerId\": \"c-1\", \"id\": \"" + id + "\"}");
		assertThat(created.status()).as("create %s", id).isEqualTo(201);
	}

	private void assertInvalid(Response response) {
		assertError(response, 400, "invalid_request");
	}

	private void assertNotFound(Response response) {
		assertError(response, 404, "not_found");
	}

	private void assertRuleViolation(Response response) {
		assertError(response, 422, "rule_violation");
	}

	private Response get(String path) {
		return api().get(path);
	}

	private Response post(String path, @Nullable String body) {
		return api().post(path, body);
	}

	private Response send(String method, String path, @Nullable String body, String... headers) {
		return api().send(method, path, body, headers);
	}

	private HttpApi api() {
		HttpApi api = this.api;
		if (api == null) {
			api = new HttpApi(this.port);
			this.api = api;
		}
		return api;
	}

}
