package dev.cim.persistence.sample.web;

import org.apache.catalina.Container;
import org.apache.catalina.Pipeline;
import org.apache.catalina.Valve;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;

import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * The edges of the HTTP API that lie outside the controllers: the request body limit, and
 * Tomcat's own error answers in the API's error shape.
 */
@Configuration(proxyBeanMethods = false)
class HttpEdgeConfiguration {

	/**
	 * The largest request body accepted, in bytes.
	 */
	static final int MAX_BODY_BYTES = 64 * 1024;

	@Bean
	FilterRegistrationBean<RequestBodyLimitFilter> requestBodyLimitFilter() {
		FilterRegistrationBean<RequestBodyLimitFilter> registration = new FilterRegistrationBean<>(
				new RequestBodyLimitFilter(MAX_BODY_BYTES));
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
		return registration;
	}

	@Bean
	WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory> jsonErrorReportCustomizer() {
		return (factory) -> factory.addContextCustomizers((context) -> {
			Container host = context.getParent();
			if (host != null) {
				useJsonErrorReports(host);
			}
		});
	}

	private static void useJsonErrorReports(Container host) {
		Pipeline pipeline = host.getPipeline();
		for (Valve valve : pipeline.getValves()) {
			if (valve instanceof ErrorReportValve && !(valve instanceof JsonErrorReportValve)) {
				pipeline.removeValve(valve);
			}
		}
		pipeline.addValve(new JsonErrorReportValve());
		if (host instanceof StandardHost standardHost) {
			// Keeps the host from adding its HTML report valve when it starts.
			standardHost.setErrorReportValveClass(JsonErrorReportValve.class.getName());
		}
	}

}
