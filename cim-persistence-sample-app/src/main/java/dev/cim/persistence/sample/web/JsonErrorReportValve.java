package dev.cim.persistence.sample.web;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Locale;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

/**
 * Writes the errors that Tomcat answers by itself, before the application sees the
 * request (an encoded {@code /} or a NUL in the path, an invalid encoding), in the API's
 * error shape instead of Tomcat's HTML page.
 */
class JsonErrorReportValve extends ErrorReportValve {

	@Override
	protected void report(Request request, Response response, @Nullable Throwable throwable) {
		int status = response.getStatus();
		if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
			return;
		}
		HttpStatus known = HttpStatus.resolve(status);
		String message = (known != null) ? known.getReasonPhrase().toLowerCase(Locale.ROOT) : "error " + status;
		if (status == 400) {
			message = "the request is malformed: its path or headers cannot be read";
		}
		try {
			response.setContentType(MediaType.APPLICATION_JSON_VALUE);
			response.setCharacterEncoding("UTF-8");
			OutputStream out = response.getOutputStream();
			out.write(ApiError.json(status, message));
			out.flush();
		}
		catch (IOException | IllegalStateException ex) {
			// The client is gone or the response was taken over: nothing more to say.
		}
	}

}
