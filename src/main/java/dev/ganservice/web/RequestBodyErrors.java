package dev.ganservice.web;

import java.lang.annotation.Annotation;
import java.util.Collection;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.springframework.http.converter.HttpMessageNotReadableException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.exc.InputCoercionException;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/** Turns Jackson's complaints about a request body into sentences a client can act on. */
final class RequestBodyErrors {

    /** How Jackson names a field given twice, which strict duplicate detection refuses. */
    private static final Pattern DUPLICATE =
            Pattern.compile("^Duplicate Object property \"([^\"]+)\"");

    private RequestBodyErrors() {}

    /** What went wrong, and with which field when one is to blame. */
    record Explained(String field, String detail) {}

    static Explained explain(HttpMessageNotReadableException e) {
        Throwable cause = e.getCause();
        if (cause instanceof StreamConstraintsException limit) {
            // Jackson's own words name a setting of its own; the client only needs the limit.
            String message =
                    String.valueOf(limit.getOriginalMessage()).replaceAll(", from `[^`]*`", "");
            return new Explained(
                    null, "The body is beyond what a job request can be: " + message + ".");
        }
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
            List<JacksonException.Reference> path = jackson.getPath();
            String field =
                    path.stream().map(RequestBodyErrors::name).collect(Collectors.joining("."));
            JacksonException.Reference last = path.get(path.size() - 1);
            String allowed = AllowedValues.describe(target(jackson), constraints(last));
            return new Explained(field, field + " must be " + allowed + ".");
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
            Matcher duplicate = DUPLICATE.matcher(String.valueOf(malformed.getOriginalMessage()));
            String field = duplicate.find() ? duplicate.group(1) : null;
            return new Explained(field, "The body is not valid JSON: " + describe(malformed));
        }
        return new Explained(
                null,
                "The request body cannot be read. Send a JSON object, or"
                        + " nothing for all defaults.");
    }

    /** Jackson's own words, without its notes on where the source is, plus line and column. */
    private static String describe(StreamReadException e) {
        String message = String.valueOf(e.getOriginalMessage());
        for (String noise : new String[] {" (start marker at", " at [Source", "\n"}) {
            int cut = message.indexOf(noise);
            message = cut >= 0 ? message.substring(0, cut) : message;
        }
        TokenStreamLocation at = e.getLocation();
        return at == null
                ? message
                : message + " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
    }

    private static String name(JacksonException.Reference reference) {
        return reference.getPropertyName() != null
                ? reference.getPropertyName()
                : "[" + reference.getIndex() + "]";
    }

    /** The Bean Validation constraints of the field a path reference points at. */
    private static Annotation[] constraints(JacksonException.Reference reference) {
        Object from = reference.from();
        if (from == null || reference.getPropertyName() == null) {
            return new Annotation[0];
        }
        Class<?> owner = from instanceof Class<?> type ? type : from.getClass();
        return AllowedValues.ofField(owner, reference.getPropertyName());
    }

    private static Class<?> target(JacksonException e) {
        if (e instanceof MismatchedInputException mismatch) {
            return mismatch.getTargetType();
        }
        if (e instanceof InputCoercionException coercion) {
            return coercion.getTargetType();
        }
        return null;
    }

    private static String names(Collection<Object> ids) {
        return ids.stream().map(String::valueOf).sorted().collect(Collectors.joining(", "));
    }
}
