package dev.ganservice.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a server-sent event stream over loopback, as a browser's EventSource would, on a thread of
 * its own: events are collected as they arrive, and {@link #awaitEnd} waits for the server to close
 * the stream.
 */
public final class EventStreamClient implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpResponse<Stream<String>> response;
    private final List<Event> events = new ArrayList<>();
    private final CountDownLatch ended = new CountDownLatch(1);
    private int comments;

    private EventStreamClient(HttpResponse<Stream<String>> response) {
        this.response = response;
        Thread reader = new Thread(this::read, "event-stream-client");
        reader.setDaemon(true);
        reader.start();
    }

    /** Opens {@code path}; returns once the response headers have arrived. */
    public static EventStreamClient open(int port, String path, String... headers) {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                        .header("Accept", "text/event-stream")
                        .GET();
        if (headers.length > 0) {
            request.headers(headers);
        }
        try {
            return new EventStreamClient(
                    HttpClient.newBuilder()
                            .version(HttpClient.Version.HTTP_1_1)
                            .connectTimeout(Duration.ofSeconds(5))
                            .build()
                            .send(request.build(), HttpResponse.BodyHandlers.ofLines()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public int status() {
        return response.statusCode();
    }

    public String header(String name) {
        return response.headers().firstValue(name).orElse(null);
    }

    /** Waits for the server to end the stream, and returns every event it sent. */
    public List<Event> awaitEnd(Duration timeout) {
        try {
            if (!ended.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError(
                        "The stream did not end within "
                                + timeout
                                + "; events so far: "
                                + events());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
        return events();
    }

    /** The events received so far. */
    public synchronized List<Event> events() {
        return List.copyOf(events);
    }

    /** Comment lines received so far (heartbeats). */
    public synchronized int comments() {
        return comments;
    }

    public boolean hasEnded() {
        return ended.getCount() == 0;
    }

    /** Hangs up, as a browser tab that closes does. */
    @Override
    public void close() {
        response.body().close();
    }

    private void read() {
        String name = null;
        StringBuilder data = new StringBuilder();
        try {
            Iterator<String> lines = response.body().iterator();
            while (lines.hasNext()) {
                String line = lines.next();
                if (line.isEmpty()) {
                    if (name != null || !data.isEmpty()) {
                        add(new Event(name, data.toString()));
                    }
                    name = null;
                    data.setLength(0);
                } else if (line.startsWith(":")) {
                    synchronized (this) {
                        comments++;
                    }
                } else if (line.startsWith("event:")) {
                    name = line.substring("event:".length()).strip();
                } else if (line.startsWith("data:")) {
                    data.append(data.isEmpty() ? "" : "\n")
                            .append(line.substring("data:".length()).strip());
                }
            }
        } catch (RuntimeException e) {
            // Closed by this client, or cut off: either way the stream is over.
        } finally {
            ended.countDown();
        }
    }

    private synchronized void add(Event event) {
        events.add(event);
    }

    /** One event: its name and its data. */
    public record Event(String name, String data) {

        public JsonNode json() {
            return JSON.readTree(data);
        }

        @Override
        public String toString() {
            return name + " " + (data.length() > 120 ? data.substring(0, 120) + "..." : data);
        }
    }
}
