package dev.cim.persistence.sample.web;

import java.util.Map;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Answers the errors that reach the servlet container's error page (a failure outside the
 * controllers, a status sent without a body) in the API's error shape, whatever the
 * request's {@code Accept} header says. It replaces Spring Boot's HTML and JSON error
 * pages.
 */
@RestController
class ApiErrorController implements ErrorController {

	@RequestMapping("${server.error.path:${error.path:/error}}")
	ResponseEntity<Map<String, Object>> error(HttpServletRequest request) {
		int status = status(request);
		String message = (status >= 500) ? "the request could not be completed" : reason(status);
		ResponseEntity.BodyBuilder response = ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON);
		if (status == 503) {
			response.header("Retry-After", "1");
		}
		return response.body(ApiError.body(ApiError.code(status), message));
	}

	private static int status(HttpServletRequest request) {
		Object status = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
		return (status instanceof Integer code && code >= 400) ? code : 500;
	}

	private static String reason(int status) {
		HttpStatus known = HttpStatus.resolve(status);
		return (known != null) ? known.getReasonPhrase() : "error " + status;
	}

}
