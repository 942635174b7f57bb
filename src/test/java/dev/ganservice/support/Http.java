package dev.ganservice.support;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import javax.imageio.ImageIO;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A real HTTP client for tests that talk to a running service over loopback. */
public final class Http {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient client =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private final int port;

    public Http(int port) {
        this.base = "http://localhost:" + port;
        this.port = port;
    }

    public Response get(String path, String... headers) {
        return send(HttpRequest.newBuilder(uri(path)).GET(), headers);
    }

    /** Any method without a body, such as TRACE or OPTIONS. */
    public Response send(String method, String path, String... headers) {
        return send(
                HttpRequest.newBuilder(uri(path))
                        .method(method, HttpRequest.BodyPublishers.noBody()),
                headers);
    }

    public Response delete(String path, String... headers) {
        return send(HttpRequest.newBuilder(uri(path)).DELETE(), headers);
    }

    public Response postJson(String path, String body) {
        return post(path, body, "Content-Type", "application/json");
    }

    public Response post(String path, String body, String... headers) {
        HttpRequest.BodyPublisher publisher =
                body == null
                        ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body);
        return send(HttpRequest.newBuilder(uri(path)).POST(publisher), headers);
    }

    /**
     * Any method with any body, such as a chunked stream of unknown length, and any headers. With
     * {@code expectContinue} the client sends {@code Expect: 100-continue} and holds the body back
     * until the server asks for it.
     */
    public Response exchange(
            String method,
            String path,
            HttpRequest.BodyPublisher body,
            boolean expectContinue,
            String... headers) {
        return send(
                HttpRequest.newBuilder(uri(path))
                        .method(method, body)
                        .expectContinue(expectContinue),
                headers);
    }

    private URI uri(String path) {
        return URI.create(base + path);
    }

    private Response send(HttpRequest.Builder request, String... headers) {
        if (headers.length > 0) {
            request.headers(headers);
        }
        try {
            HttpResponse<byte[]> response =
                    client.send(
                            request.timeout(Duration.ofSeconds(60)).build(),
                            HttpResponse.BodyHandlers.ofByteArray());
            return new Response(response);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A response with helpers to read its body as JSON or as a PNG image. */
    /**
     * Sends {@code requestLine} as it is over a plain socket, for URLs Java's HTTP client refuses
     * to send, and returns the whole answer as text.
     */
    public String raw(String requestLine) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(
                    (requestLine + "\r\nHost: localhost\r\nConnection: close\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    public record Response(HttpResponse<byte[]> raw) {

        public int status() {
            return raw.statusCode();
        }

        public String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }

        public byte[] body() {
            return raw.body();
        }

        public String text() {
            return new String(raw.body(), java.nio.charset.StandardCharsets.UTF_8);
        }

        public JsonNode json() {
            return JSON.readTree(raw.body());
        }

        public BufferedImage png() {
            try {
                BufferedImage image = ImageIO.read(new ByteArrayInputStream(raw.body()));
                if (image == null) {
                    throw new AssertionError("not an image: " + text());
                }
                return image;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public String toString() {
            return raw.statusCode() + " " + raw.headers().map() + " " + text();
        }
    }
}
