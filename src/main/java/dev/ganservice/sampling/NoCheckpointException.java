package dev.ganservice.sampling;

/** There is no checkpoint to sample from: none at all, or none of the job or epoch asked for. */
public class NoCheckpointException extends RuntimeException {

    public NoCheckpointException(String message) {
        super(message);
    }
}
