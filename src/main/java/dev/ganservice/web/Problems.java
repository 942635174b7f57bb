package dev.ganservice.web;

import java.net.URI;
import java.util.List;
import java.util.Locale;
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

    /**
     * A problem with request fields: {@code field} names the first, {@code errors} lists them all
     * with what was wrong and, where known, the value that was rejected.
     */
    static ProblemDetail invalidFields(List<FieldProblem> problems, String detail) {
        ProblemDetail problem =
                of(
                        HttpStatus.BAD_REQUEST,
                        "invalid-parameter",
                        "Invalid request parameter",
                        detail);
        problem.setProperty("field", problems.get(0).field());
        problem.setProperty("errors", problems);
        return problem;
    }

    /** A problem with one request field, whose detail says it all. */
    static ProblemDetail invalidField(String field, String detail) {
        return invalidFields(List.of(new FieldProblem(field, detail, null)), detail);
    }

    /** Gives a problem that Spring built without a type one of this service's types. */
    static ProblemDetail withType(ProblemDetail problem) {
        if (problem.getType() == null || "about:blank".equals(problem.getType().toString())) {
            HttpStatus status = HttpStatus.resolve(problem.getStatus());
            String name = status != null ? status.name().toLowerCase(Locale.ROOT) : "error";
            problem.setType(URI.create(TYPE_PREFIX + name.replace('_', '-')));
        }
        return problem;
    }

    /** One field at fault: its name, what is wrong, and the rejected value when there was one. */
    record FieldProblem(String field, String message, String rejected) {}
}
