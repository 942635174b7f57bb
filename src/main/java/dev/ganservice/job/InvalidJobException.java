package dev.ganservice.job;

/** A job parameter that is within its general bounds but does not fit the data set. */
public class InvalidJobException extends RuntimeException {

    private final String field;

    public InvalidJobException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
