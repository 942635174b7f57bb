package dev.ganservice.web;

import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;

/** Builds RFC 9457 problem details with this service's stable problem types. */
final class Problems {

    private static final String TYPE_PREFIX = "urn:gan-service:problem:";

    private Problems() {}

    static ProblemDetail of(HttpStatusCode status, String type, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create(TYPE_PREFIX + type));
        problem.setTitle(title);
        return problem;
    }

    /** A problem with one request field, named in the {@code field} member. */
    static ProblemDetail invalidField(String field, String detail) {
        ProblemDetail problem =
                of(
                        HttpStatus.BAD_REQUEST,
                        "invalid-parameter",
                        "Invalid request parameter",
                        detail);
        problem.setProperty("field", field);
        return problem;
    }
}
