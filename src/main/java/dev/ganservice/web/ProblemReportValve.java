package dev.ganservice.web;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.http.HttpStatus;

/**
 * Tomcat's last word on errors that never reach the application, such as a URL Tomcat refuses
 * before any controller sees it: an RFC 9457 problem body instead of Tomcat's HTML page, and no
 * stack trace either way.
 */
public class ProblemReportValve extends ErrorReportValve {

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        HttpStatus known = HttpStatus.resolve(status);
        String title = known != null ? known.getReasonPhrase() : "Error";
        String detail =
                status == 400
                        ? "The server refused the request before reading it: a malformed or"
                                + " suspicious URL, such as an encoded slash or dot segment in"
                                + " the path, or a request line or headers too long for the"
                                + " server (8 KiB unless configured otherwise)."
                        : "The server could not handle the request (" + title + ").";
        try {
            response.setContentType("application/problem+json");
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write(json(status, title, detail));
            }
        } catch (IOException | IllegalStateException e) {
            // The client has gone or the response is already committed: nothing more to say.
        }
    }

    private static String json(int status, String title, String detail) {
        return "{\"type\":\"urn:gan-service:problem:refused-by-server\",\"title\":\""
                + title
                + "\",\"status\":"
                + status
                + ",\"detail\":\""
                + detail
                + "\"}";
    }
}
