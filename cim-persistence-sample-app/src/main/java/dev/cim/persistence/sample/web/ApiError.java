package dev.cim.persistence.sample.web;

import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * The API's error body, {@code {"error": code, "message": ...}}, shared by every place
 * that answers an error: the controllers' exception handler, the error page, the request
 * size limit and the web server itself. Messages are bounded, and values taken from the
 * request are quoted as short excerpts, so no error echoes unbounded input.
 */
final class ApiError {

	/**
	 * The longest message an error body carries.
	 */
	static final int MAX_MESSAGE_LENGTH = 300;

	private static final int MAX_EXCERPT_LENGTH = 40;

	private static final JsonMapper json = JsonMapper.builder().build();

	private ApiError() {
	}

	/**
	 * The error code of a status: {@code invalid_request} for the 4xx not named
	 * otherwise, {@code internal_error} for the 5xx not named otherwise.
	 * @param status the HTTP status
	 * @return the code
	 */
	static String code(int status) {
		return switch (status) {
			case 404 -> "not_found";
			case 409 -> "version_conflict";
			case 413 -> "payload_too_large";
			case 422 -> "rule_violation";
			case 503 -> "unavailable";
			default -> (status >= 400 && status < 500) ? "invalid_request" : "internal_error";
		};
	}

	/**
	 * An error body.
	 * @param code the error code
	 * @param message what went wrong; cut to {@value #MAX_MESSAGE_LENGTH} characters
	 * @return the body, to which callers may add fields
	 */
	static Map<String, Object> body(String code, @Nullable String message) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("error", code);
		body.put("message", bounded((message != null && !message.isBlank()) ? message : code.replace('_', ' ')));
		return body;
	}

	/**
	 * An error body as JSON bytes, for the places that write the response themselves.
	 * @param status the HTTP status
	 * @param message what went wrong
	 * @return the UTF-8 JSON
	 */
	static byte[] json(int status, @Nullable String message) {
		return json.writeValueAsBytes(body(code(status), message));
	}

	/**
	 * A value taken from the request, quoted for a message: at most
	 * {@value #MAX_EXCERPT_LENGTH} characters, with control characters replaced.
	 * @param value the value
	 * @return the excerpt, in single quotes, marked when it was cut
	 */
	static String excerpt(@Nullable Object value) {
		String text = String.valueOf(value);
		boolean cut = text.length() > MAX_EXCERPT_LENGTH;
		String shown = (cut ? text.substring(0, MAX_EXCERPT_LENGTH) : text).replaceAll("\\p{Cntrl}", "?");
		return "'" + shown + (cut ? "' (" + text.length() + " characters, cut)" : "'");
	}

	private static String bounded(String message) {
		String line = message.strip().replaceAll("\\p{Cntrl}+", " ");
		return (line.length() > MAX_MESSAGE_LENGTH) ? line.substring(0, MAX_MESSAGE_LENGTH - 3) + "..." : line;
	}

}
