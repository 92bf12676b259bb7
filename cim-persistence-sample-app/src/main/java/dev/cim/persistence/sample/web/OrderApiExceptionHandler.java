package dev.cim.persistence.sample.web;

import java.util.Map;
import java.util.stream.Collectors;

import dev.cim.persistence.readmodel.ProjectionTimeoutException;
import dev.cim.persistence.sample.order.OrderRuleViolationException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.exc.InputCoercionException;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.exc.StreamReadException;

import org.springframework.beans.TypeMismatchException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import dev.cim.persistence.repository.AggregateNotFoundException;
import dev.cim.persistence.repository.VersionConflictException;

/**
 * Turns failures into the API's error bodies, {@code {"error": code, "message": ...}}:
 * {@code invalid_request} (400), {@code not_found} (404), {@code version_conflict} (409,
 * with {@code expected} and {@code actual}), {@code rule_violation} (422),
 * {@code timeout} (503 after {@code atLeast} waited in vain) and {@code unavailable} (503
 * while the store cannot be reached), both with {@code Retry-After}. Spring MVC's own
 * exceptions (malformed JSON, a parameter of the wrong type, an unknown path, a wrong
 * method, an unacceptable {@code Accept}) get the same shape, so a client mistake is
 * never answered with a 500; so does a {@link ResponseStatusException} a controller
 * throws (a 404 for something that is not there), with its reason as the message. Error
 * bodies are JSON whatever the request accepts.
 */
@RestControllerAdvice
public class OrderApiExceptionHandler extends ResponseEntityExceptionHandler {

	private static final Log log = LogFactory.getLog(OrderApiExceptionHandler.class);

	private static final String RETRY_AFTER_SECONDS = "1";

	@ExceptionHandler
	ResponseEntity<Object> notFound(AggregateNotFoundException ex) {
		return error(HttpStatus.NOT_FOUND, ex.getMessage());
	}

	@ExceptionHandler
	ResponseEntity<Object> versionConflict(VersionConflictException ex) {
		Map<String, Object> body = ApiError.body("version_conflict", ex.getMessage());
		body.put("expected", ex.getExpectedVersion());
		body.put("actual", ex.getActualVersion());
		return json(HttpStatus.CONFLICT).body(body);
	}

	@ExceptionHandler
	ResponseEntity<Object> ruleViolation(OrderRuleViolationException ex) {
		return error(HttpStatus.UNPROCESSABLE_CONTENT, ex.getMessage());
	}

	@ExceptionHandler
	ResponseEntity<Object> projectionTimeout(ProjectionTimeoutException ex) {
		Map<String, Object> body = ApiError.body("timeout", ex.getMessage());
		body.put("reached", ex.getReached());
		return json(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS).body(body);
	}

	@ExceptionHandler
	ResponseEntity<Object> unavailable(DataAccessResourceFailureException ex) {
		log.warn("The store cannot be reached: " + ex.getMessage());
		return json(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS)
			.body(ApiError.body("unavailable", "the store cannot be reached at the moment; try again later"));
	}

	@ExceptionHandler({ InvalidRequestException.class, IllegalArgumentException.class })
	ResponseEntity<Object> invalidRequest(RuntimeException ex) {
		return error(HttpStatus.BAD_REQUEST, ex.getMessage());
	}

	@Override
	protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		return json(status).headers(headers).body(ApiError.body(ApiError.code(status.value()), unreadable(ex)));
	}

	@Override
	protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException ex, HttpHeaders headers,
			HttpStatusCode status, WebRequest request) {
		String name = (ex instanceof MethodArgumentTypeMismatchException mismatch) ? mismatch.getName()
				: ex.getPropertyName();
		String message = "'" + name + "' has the wrong type or is out of range, was " + ApiError.excerpt(ex.getValue());
		return json(status).headers(headers).body(ApiError.body(ApiError.code(status.value()), message));
	}

	@Override
	protected ResponseEntity<Object> handleExceptionInternal(Exception ex, @Nullable Object body, HttpHeaders headers,
			HttpStatusCode statusCode, WebRequest request) {
		return json(statusCode).headers(headers)
			.body(ApiError.body(ApiError.code(statusCode.value()), message(ex, statusCode)));
	}

	private static String unreadable(HttpMessageNotReadableException ex) {
		// Jackson's own messages name Java types; say what is wrong in the request's
		// terms.
		if (ex.getCause() instanceof InputCoercionException outOfRange) {
			String field = field(outOfRange);
			return field.isEmpty() ? "a number in the body is out of range" : "'" + field + "' is out of range";
		}
		if (ex.getCause() instanceof StreamConstraintsException) {
			return "a value in the body is out of range: too long or too deeply nested";
		}
		if (ex.getCause() instanceof StreamReadException malformed) {
			// Jackson's message quotes the offending token; the position is enough.
			TokenStreamLocation location = malformed.getLocation();
			return "the body is not well-formed JSON" + ((location != null)
					? " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")" : "");
		}
		if (ex.getCause() instanceof JacksonException mismatch) {
			String field = field(mismatch);
			return field.isEmpty() ? "the body must be a JSON object with the documented fields"
					: "'" + field + "' has the wrong type or format";
		}
		return (ex.getCause() == null) ? "a JSON body is required" : "the body cannot be read";
	}

	private static String field(JacksonException ex) {
		return ex.getPath()
			.stream()
			.map((reference) -> (reference.getPropertyName() != null) ? reference.getPropertyName()
					: "[" + reference.getIndex() + "]")
			.collect(Collectors.joining("."));
	}

	private static String message(Exception ex, HttpStatusCode status) {
		if (ex instanceof ResponseStatusException answered && answered.getReason() != null) {
			// What the controller said, such as "no summary of order 'o-1'".
			return answered.getReason();
		}
		if (ex instanceof NoResourceFoundException) {
			return "no endpoint at this path";
		}
		if (ex instanceof HttpRequestMethodNotSupportedException unsupported) {
			return "method " + ApiError.excerpt(unsupported.getMethod()) + " is not supported at this path";
		}
		if (ex instanceof HttpMediaTypeNotAcceptableException) {
			return "this endpoint answers " + MediaType.APPLICATION_JSON_VALUE
					+ " (export.car answers application/vnd.ipld.car); the Accept header allows neither";
		}
		if (status.is5xxServerError()) {
			return "the request could not be completed";
		}
		// The messages of unreadable bodies name Java types; the first line is enough.
		String message = (ex.getMessage() != null) ? ex.getMessage() : ex.getClass().getSimpleName();
		int newline = message.indexOf('\n');
		return (newline > 0) ? message.substring(0, newline) : message;
	}

	private static ResponseEntity<Object> error(HttpStatus status, @Nullable String message) {
		return json(status).body(ApiError.body(ApiError.code(status.value()), message));
	}

	private static ResponseEntity.BodyBuilder json(HttpStatusCode status) {
		// A preset content type is written as is, without negotiating against Accept.
		return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON);
	}

}
