package dev.cim.persistence.sample.web;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import dev.cim.persistence.readmodel.ProjectionTimeoutException;
import dev.cim.persistence.repository.AggregateNotFoundException;
import dev.cim.persistence.repository.VersionConflictException;
import dev.cim.persistence.sample.order.OrderRuleViolationException;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamReadException;

import org.springframework.beans.TypeMismatchException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Turns failures into the API's error bodies, {@code {"error": code, "message": ...}}:
 * {@code invalid_request} (400), {@code not_found} (404), {@code version_conflict} (409,
 * with {@code expected} and {@code actual}) and {@code rule_violation} (422). Spring
 * MVC's own exceptions (malformed JSON, a parameter of the wrong type, an unknown path)
 * get the same shape, so a client mistake is never answered with a 500.
 */
@RestControllerAdvice
public class OrderApiExceptionHandler extends ResponseEntityExceptionHandler {

	@ExceptionHandler
	ResponseEntity<Object> notFound(AggregateNotFoundException ex) {
		return error(HttpStatus.NOT_FOUND, ex.getMessage());
	}

	@ExceptionHandler
	ResponseEntity<Object> versionConflict(VersionConflictException ex) {
		Map<String, Object> body = body(HttpStatus.CONFLICT, ex.getMessage());
		body.put("expected", ex.getExpectedVersion());
		body.put("actual", ex.getActualVersion());
		return ResponseEntity.status(HttpStatus.CONFLICT).body(body);
	}

	@ExceptionHandler
	ResponseEntity<Object> ruleViolation(OrderRuleViolationException ex) {
		return error(HttpStatus.UNPROCESSABLE_CONTENT, ex.getMessage());
	}

	@ExceptionHandler
	ResponseEntity<Object> projectionTimeout(ProjectionTimeoutException ex) {
		Map<String, Object> body = body(HttpStatus.SERVICE_UNAVAILABLE, ex.getMessage());
		body.put("error", "timeout");
		body.put("reached", ex.getReached());
		return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "1").body(body);
	}

	@ExceptionHandler({ InvalidRequestException.class, IllegalArgumentException.class })
	ResponseEntity<Object> invalidRequest(RuntimeException ex) {
		return error(HttpStatus.BAD_REQUEST, ex.getMessage());
	}

	@Override
	protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		return ResponseEntity.status(status).headers(headers).body(body(status, unreadable(ex)));
	}

	@Override
	protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException ex, HttpHeaders headers,
			HttpStatusCode status, WebRequest request) {
		String name = (ex instanceof MethodArgumentTypeMismatchException mismatch) ? mismatch.getName()
				: ex.getPropertyName();
		String message = "'" + name + "' has the wrong type, was '" + ex.getValue() + "'";
		return ResponseEntity.status(status).headers(headers).body(body(status, message));
	}

	@Override
	protected ResponseEntity<Object> handleExceptionInternal(Exception ex, @Nullable Object body, HttpHeaders headers,
			HttpStatusCode statusCode, WebRequest request) {
		return ResponseEntity.status(statusCode).headers(headers).body(body(statusCode, message(ex)));
	}

	private static String unreadable(HttpMessageNotReadableException ex) {
		// Jackson's own messages name Java types; say what is wrong in the request's
		// terms.
		if (ex.getCause() instanceof StreamReadException malformed) {
			return "the body is not well-formed JSON: " + malformed.getOriginalMessage();
		}
		if (ex.getCause() instanceof JacksonException mismatch) {
			String field = mismatch.getPath()
				.stream()
				.map((reference) -> (reference.getPropertyName() != null) ? reference.getPropertyName()
						: "[" + reference.getIndex() + "]")
				.collect(Collectors.joining("."));
			return field.isEmpty() ? "the body must be a JSON object with the documented fields"
					: "'" + field + "' has the wrong type or format";
		}
		return (ex.getCause() == null) ? "a JSON body is required" : "the body cannot be read";
	}

	private static String message(Exception ex) {
		// The messages of unreadable bodies name Java types; the first line is enough.
		String message = (ex.getMessage() != null) ? ex.getMessage() : ex.getClass().getSimpleName();
		int newline = message.indexOf('\n');
		return (newline > 0) ? message.substring(0, newline) : message;
	}

	private static ResponseEntity<Object> error(HttpStatus status, @Nullable String message) {
		return ResponseEntity.status(status).body(body(status, message));
	}

	private static Map<String, Object> body(HttpStatusCode status, @Nullable String message) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("error", code(status));
		body.put("message", (message != null) ? message : status.toString());
		return body;
	}

	private static String code(HttpStatusCode status) {
		return switch (status.value()) {
			case 404 -> "not_found";
			case 409 -> "version_conflict";
			case 422 -> "rule_violation";
			default -> status.is4xxClientError() ? "invalid_request" : "internal_error";
		};
	}

}
