package dev.cim.persistence.sample.web;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sends requests to the sample app over real HTTP and checks the API's error shape.
 */
final class HttpApi {

	// A bound on waiting for an answer that should come at once, not a timing claim.
	private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(60);

	private final HttpClient http = HttpClient.newHttpClient();

	private final JsonMapper json = JsonMapper.builder().build();

	private final int port;

	HttpApi(int port) {
		this.port = port;
	}

	Response get(String path, String... headers) {
		return send("GET", path, (String) null, headers);
	}

	Response post(String path, @Nullable String body, String... headers) {
		return send("POST", path, body, headers);
	}

	Response send(String method, String path, @Nullable String body, String... headers) {
		BodyPublisher publisher = (body != null) ? BodyPublishers.ofString(body) : BodyPublishers.noBody();
		return send(method, path, publisher, (body != null) ? withJsonContentType(headers) : headers);
	}

	/**
	 * Send a body whose length is not announced: it goes out in chunks.
	 */
	Response postChunked(String path, Supplier<InputStream> body) {
		return send("POST", path, BodyPublishers.ofInputStream(body), withJsonContentType(new String[0]));
	}

	private Response send(String method, String path, BodyPublisher body, String... headers) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path))
			.timeout(ANSWER_TIMEOUT)
			.method(method, body);
		if (headers.length > 0) {
			request.headers(headers);
		}
		try {
			var response = this.http.send(request.build(), BodyHandlers.ofString());
			return new Response(response.statusCode(), response.headers(), response.body(), this.json);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static String[] withJsonContentType(String[] headers) {
		String[] all = new String[headers.length + 2];
		all[0] = "Content-Type";
		all[1] = "application/json";
		System.arraycopy(headers, 0, all, 2, headers.length);
		return all;
	}

	static String item(String sku, String quantity, String unitPrice) {
		return "{\"sku\": \"" + sku + "\", \"quantity\": " + quantity + ", \"unitPrice\": " + unitPrice + "}";
	}

	/**
	 * Assert that a response is an error in the API's shape.
	 * @return the response's message
	 */
	static String assertError(Response response, int status, String code) {
		String shown = (response.body().length() > 500) ? response.body().substring(0, 500) + "..." : response.body();
		assertThat(response.status()).as(shown).isEqualTo(status);
		assertThat(response.header("Content-Type")).as(shown).startsWith("application/json");
		JsonNode body = response.json();
		assertThat(body.get("error").asString()).isEqualTo(code);
		assertThat(body.get("message").asString()).isNotBlank();
		return body.get("message").asString();
	}

	record Response(int status, HttpHeaders headers, String body, JsonMapper mapper) {

		@Nullable String header(String name) {
			return this.headers.firstValue(name).orElse(null);
		}

		JsonNode json() {
			return this.mapper.readTree(this.body);
		}

	}

}
