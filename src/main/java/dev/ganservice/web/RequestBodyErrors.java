package dev.ganservice.web;

import java.util.Collection;
import java.util.stream.Collectors;
import org.springframework.http.converter.HttpMessageNotReadableException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.InputCoercionException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/** Turns Jackson's complaints about a request body into sentences a client can act on. */
final class RequestBodyErrors {

    private RequestBodyErrors() {}

    /** What went wrong, and with which field when one is to blame. */
    record Explained(String field, String detail) {}

    static Explained explain(HttpMessageNotReadableException e) {
        Throwable cause = e.getCause();
        if (cause instanceof UnrecognizedPropertyException unknown) {
            return new Explained(
                    unknown.getPropertyName(),
                    "Unknown field '"
                            + unknown.getPropertyName()
                            + "'. Known fields: "
                            + names(unknown.getKnownPropertyIds())
                            + ".");
        }
        if (cause instanceof JacksonException jackson && !jackson.getPath().isEmpty()) {
            String field =
                    jackson.getPath().stream()
                            .map(
                                    reference ->
                                            reference.getPropertyName() != null
                                                    ? reference.getPropertyName()
                                                    : "[" + reference.getIndex() + "]")
                            .collect(Collectors.joining("."));
            return new Explained(field, field + " must be " + expected(jackson) + ".");
        }
        if (cause instanceof InputCoercionException coercion) {
            return new Explained(
                    null, "A number is out of range: " + coercion.getOriginalMessage());
        }
        if (cause instanceof MismatchedInputException) {
            return new Explained(
                    null,
                    "The body must be one JSON object of job parameters,"
                            + " such as {\"epochs\": 5}, or nothing for all defaults.");
        }
        if (cause instanceof StreamReadException malformed) {
            return new Explained(
                    null, "The body is not valid JSON: " + malformed.getOriginalMessage());
        }
        return new Explained(
                null,
                "The request body cannot be read. Send a JSON object, or"
                        + " nothing for all defaults.");
    }

    /** "a whole number", "a number"... for the type a value had to have. */
    static String describe(Class<?> type) {
        if (type == Integer.class || type == int.class) {
            return "a whole number from " + Integer.MIN_VALUE + " to " + Integer.MAX_VALUE;
        }
        if (type == Long.class || type == long.class) {
            return "a whole number from " + Long.MIN_VALUE + " to " + Long.MAX_VALUE;
        }
        if (type == Double.class || type == double.class) {
            return "a number";
        }
        return "of type " + (type == null ? "unknown" : type.getSimpleName());
    }

    private static String expected(JacksonException e) {
        Class<?> target = null;
        if (e instanceof MismatchedInputException mismatch) {
            target = mismatch.getTargetType();
        } else if (e instanceof InputCoercionException coercion) {
            target = coercion.getTargetType();
        }
        return describe(target);
    }

    private static String names(Collection<Object> ids) {
        return ids.stream().map(String::valueOf).sorted().collect(Collectors.joining(", "));
    }
}
