package dev.ganservice.sampling;

/** A sample request whose parameters together ask for more than the service will draw. */
public class InvalidSampleRequestException extends RuntimeException {

    private final String field;

    public InvalidSampleRequestException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
