package dev.ganservice.live;

import java.io.IOException;

/**
 * Where one client's events go: in the service, an HTTP response held open. Only one thread at a
 * time calls {@link #send} or {@link #complete}, never a thread that trains.
 */
public interface EventSink {

    /** Writes one event; may block for as long as the client takes to read. */
    void send(StreamEvent event) throws IOException;

    /** Ends the stream after the last event. */
    void complete();

    /** Runs {@code callback} when the client or the server ends the stream for any reason. */
    void onClosed(Runnable callback);
}
