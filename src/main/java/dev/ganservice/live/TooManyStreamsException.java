package dev.ganservice.live;

/** Every event stream the service allows at once ({@code gan.events.max-streams}) is open. */
public class TooManyStreamsException extends RuntimeException {

    public TooManyStreamsException(int maxStreams) {
        super(
                "All "
                        + maxStreams
                        + " event streams (gan.events.max-streams) are open. Close one, or retry"
                        + " later; GET /train/{id} gives the same status without a stream.");
    }
}
