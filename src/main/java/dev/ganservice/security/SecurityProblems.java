package dev.ganservice.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import tools.jackson.databind.json.JsonMapper;

/**
 * Refusals from Spring Security as RFC 9457 problems, shaped like those of the web layer's
 * ProblemHandler. They are written here because security runs in a servlet filter, before any
 * controller advice could see them. The presented token is never echoed or logged.
 */
final class SecurityProblems
        implements AuthenticationEntryPoint, AccessDeniedHandler, RequestRejectedHandler {

    private static final Logger log = LoggerFactory.getLogger(SecurityProblems.class);

    private static final String TYPE_PREFIX = "urn:gan-service:problem:";

    private static final String HOW_TO =
            " Send it as the header 'Authorization: Bearer <token>'; the operator sets the token"
                    + " with gan.security.api-token (GAN_SECURITY_API_TOKEN).";

    private final JsonMapper json;

    SecurityProblems(JsonMapper json) {
        this.json = json;
    }

    @Override
    public void commence(
            HttpServletRequest request,
            HttpServletResponse response,
            AuthenticationException failure)
            throws IOException {
        boolean wrongToken = failure instanceof BadCredentialsException;
        log.debug(
                "Refused {} {}: {}",
                request.getMethod(),
                request.getRequestURI(),
                wrongToken ? "wrong bearer token" : "no bearer token");
        String detail =
                wrongToken
                        ? "The bearer token is not valid for this service."
                        : "This request needs a bearer token.";
        response.setHeader(
                HttpHeaders.WWW_AUTHENTICATE,
                wrongToken
                        ? "Bearer error=\"invalid_token\", error_description=\"The token is not"
                                + " valid\""
                        : "Bearer");
        write(
                response,
                problem(
                        HttpStatus.UNAUTHORIZED,
                        "unauthorized",
                        "Authentication required",
                        detail + HOW_TO));
    }

    @Override
    public void handle(
            HttpServletRequest request, HttpServletResponse response, AccessDeniedException denied)
            throws IOException {
        log.debug("Refused {} {}: access denied", request.getMethod(), request.getRequestURI());
        write(
                response,
                problem(
                        HttpStatus.FORBIDDEN,
                        "forbidden",
                        "Forbidden",
                        "The service does not allow this request."));
    }

    /**
     * Spring Security's firewall refuses URLs whose path Spring MVC and the servlet container could
     * read differently (dot segments, encoded dots, ";"); the answer is the one Tomcat gives for an
     * encoded slash, from ProblemReportValve.
     */
    @Override
    public void handle(
            HttpServletRequest request,
            HttpServletResponse response,
            RequestRejectedException rejected)
            throws IOException {
        log.debug("Refused a request: {}", rejected.getMessage());
        write(
                response,
                problem(
                        HttpStatus.BAD_REQUEST,
                        "refused-by-server",
                        HttpStatus.BAD_REQUEST.getReasonPhrase(),
                        "The server refused the request line: a malformed or suspicious URL,"
                                + " such as an encoded slash or dot segment in the path."));
    }

    private static ProblemDetail problem(
            HttpStatus status, String type, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create(TYPE_PREFIX + type));
        problem.setTitle(title);
        return problem;
    }

    private void write(HttpServletResponse response, ProblemDetail problem) throws IOException {
        if (response.isCommitted()) {
            return;
        }
        response.setStatus(problem.getStatus());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getOutputStream().write(json.writeValueAsBytes(problem));
    }
}
