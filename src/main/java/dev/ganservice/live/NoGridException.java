package dev.ganservice.live;

/** The job has no saved grid for the epoch asked for. */
public class NoGridException extends RuntimeException {

    public NoGridException(String message) {
        super(message);
    }
}
