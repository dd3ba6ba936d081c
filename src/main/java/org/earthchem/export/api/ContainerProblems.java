package org.earthchem.export.api;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

import org.apache.catalina.Container;
import org.apache.catalina.Valve;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;

import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;

/**
 * Requests Tomcat refuses before the service sees them (an encoded {@code ../} or slash in a path, a malformed
 * request line) are answered like every other error: an RFC 9457 problem, not Tomcat's HTML page. Tomcat's error
 * report valve on the host is replaced by one that writes {@code application/problem+json} for any error answer
 * without a body; answers the service wrote itself are left alone.
 */
@Component
class ContainerProblems implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>, Ordered {

	@Override
	public void customize(TomcatServletWebServerFactory factory) {
		factory.addContextCustomizers((context) -> {
			Container host = context.getParent();
			for (Valve valve : host.getPipeline().getValves()) {
				if (valve instanceof ErrorReportValve) {
					host.getPipeline().removeValve(valve);
				}
			}
			host.getPipeline().addValve(new ProblemReport());
			if (host instanceof org.apache.catalina.core.StandardHost standardHost) {
				standardHost.setErrorReportValveClass(ProblemReport.class.getName());
			}
		});
	}

	/** After Spring Boot's own customizer, which adds a plain error report valve. */
	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

	/** Tomcat's error report, as a problem detail. Public with a public constructor: Tomcat may create it by name. */
	public static class ProblemReport extends ErrorReportValve {

		@Override
		protected void report(Request request, Response response, Throwable throwable) {
			int status = response.getStatus();
			if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
				return;
			}
			HttpStatus known = HttpStatus.resolve(status);
			String title = (known != null) ? known.getReasonPhrase() : "Error";
			boolean badRequest = status == 400;
			String code = badRequest ? "INVALID_PARAMETERS" : (status >= 500) ? "INTERNAL_ERROR" : "REQUEST_REFUSED";
			String detail = badRequest
					? "The request was refused: its URL or request line holds characters or sequences the service does "
							+ "not accept (an encoded slash or '../', a control character, a malformed request line)."
					: "The request was refused before the service could read it (status " + status + ").";
			String body = "{\"type\":\"https://export.earthchem.org/problems/" + code.toLowerCase().replace('_', '-')
					+ "\",\"title\":\"" + title + "\",\"status\":" + status + ",\"detail\":\"" + detail
					+ "\",\"code\":\"" + code + "\""
					+ (badRequest ? ",\"errors\":[{\"parameter\":\"request\",\"message\":\"" + detail + "\"}]" : "")
					+ "}";
			try {
				response.resetBuffer();
				response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
				response.setCharacterEncoding(StandardCharsets.UTF_8.name());
				Writer writer = response.getReporter();
				if (writer != null) {
					writer.write(body);
					response.finishResponse();
				}
			}
			catch (IOException | IllegalStateException ex) {
				// the connection is gone: nothing to answer
			}
		}

	}

}
