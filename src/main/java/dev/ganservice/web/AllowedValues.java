package dev.ganservice.web;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.lang.annotation.Annotation;
import java.util.Arrays;
import java.util.Objects;

/**
 * Says in words which values a request field accepts, from its Java type and its Bean Validation
 * constraints, so that a value of the wrong type is answered with the same range as one out of
 * range.
 */
final class AllowedValues {

    private AllowedValues() {}

    /** For example "a whole number between 1 and 1000", or "a number". */
    static String describe(Class<?> type, Annotation... constraints) {
        String range =
                Arrays.stream(constraints)
                        .map(AllowedValues::message)
                        .filter(Objects::nonNull)
                        .findFirst()
                        .orElse(null);
        if (range != null) {
            return kind(type) + " " + range.replaceFirst("^must be ", "");
        }
        if (type == Integer.class || type == int.class) {
            return "a whole number from " + Integer.MIN_VALUE + " to " + Integer.MAX_VALUE;
        }
        if (type == Long.class || type == long.class) {
            return "a whole number from " + Long.MIN_VALUE + " to " + Long.MAX_VALUE;
        }
        return kind(type);
    }

    /** The constraints on a record component or field of {@code owner}; none if it has none. */
    static Annotation[] ofField(Class<?> owner, String name) {
        try {
            return owner.getDeclaredField(name).getAnnotations();
        } catch (NoSuchFieldException | SecurityException e) {
            return new Annotation[0];
        }
    }

    private static String kind(Class<?> type) {
        if (type == Integer.class
                || type == int.class
                || type == Long.class
                || type == long.class) {
            return "a whole number";
        }
        if (type == Double.class || type == double.class) {
            return "a number";
        }
        return "of type " + (type == null ? "unknown" : type.getSimpleName());
    }

    private static String message(Annotation annotation) {
        if (annotation instanceof Min min) {
            return min.message();
        }
        if (annotation instanceof Max max) {
            return max.message();
        }
        if (annotation instanceof DecimalMin min) {
            return min.message();
        }
        if (annotation instanceof DecimalMax max) {
            return max.message();
        }
        return null;
    }
}
