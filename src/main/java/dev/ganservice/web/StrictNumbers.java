package dev.ganservice.web;

import java.beans.PropertyEditorSupport;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.InitBinder;

/**
 * Reads whole numbers in query parameters and path segments as plain decimal ASCII digits only.
 * Spring's default also takes hexadecimal ({@code 0x10}, {@code #10}) and Java takes any Unicode
 * digit; a client sending those most likely has a bug it should hear about. Property editors
 * registered here come before Spring's conversion service.
 */
@ControllerAdvice
class StrictNumbers {

    private static final Pattern DECIMAL = Pattern.compile("[+-]?[0-9]+");

    @InitBinder
    void decimalOnly(WebDataBinder binder) {
        binder.registerCustomEditor(int.class, new Decimal<>(Integer::valueOf, false));
        binder.registerCustomEditor(Integer.class, new Decimal<>(Integer::valueOf, true));
        binder.registerCustomEditor(long.class, new Decimal<>(Long::valueOf, false));
        binder.registerCustomEditor(Long.class, new Decimal<>(Long::valueOf, true));
    }

    /** Parses one kind of whole number; a blank value means "not given" where that is allowed. */
    private static final class Decimal<T> extends PropertyEditorSupport {

        private final Function<String, T> parser;
        private final boolean blankIsNull;

        Decimal(Function<String, T> parser, boolean blankIsNull) {
            this.parser = parser;
            this.blankIsNull = blankIsNull;
        }

        @Override
        public void setAsText(String text) {
            String trimmed = text == null ? "" : text.strip();
            if (trimmed.isEmpty() && blankIsNull) {
                setValue(null);
                return;
            }
            if (!DECIMAL.matcher(trimmed).matches()) {
                throw new IllegalArgumentException("not a decimal whole number: " + text);
            }
            setValue(parser.apply(trimmed));
        }
    }
}
