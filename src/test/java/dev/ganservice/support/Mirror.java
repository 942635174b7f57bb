package dev.ganservice.support;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A data-set mirror on loopback for tests: serves byte arrays by file name, and can be told to cut
 * a file off halfway (the connection closes after half of the promised bytes).
 */
public final class Mirror implements AutoCloseable {

    private final HttpServer server;
    private final Map<String, byte[]> files = new ConcurrentHashMap<>();
    private final Map<String, Boolean> cutOff = new ConcurrentHashMap<>();

    public Mirror() {
        try {
            server =
                    HttpServer.create(
                            new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext(
                "/",
                exchange -> {
                    String name = exchange.getRequestURI().getPath().replaceFirst(".*/", "");
                    byte[] content = files.get(name);
                    if (content == null) {
                        exchange.sendResponseHeaders(404, -1);
                        exchange.close();
                        return;
                    }
                    exchange.sendResponseHeaders(200, content.length);
                    try (OutputStream out = exchange.getResponseBody()) {
                        if (cutOff.getOrDefault(name, false)) {
                            out.write(content, 0, content.length / 2);
                            out.flush();
                            // Closing the exchange now ends the response short of its length.
                            exchange.getHttpContext().getServer();
                            throw new IOException("cut off on purpose");
                        }
                        out.write(content);
                    }
                });
        server.start();
    }

    public URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/fashion/");
    }

    public Mirror serve(String name, byte[] content) {
        files.put(name, content);
        cutOff.remove(name);
        return this;
    }

    /** Serves {@code name} but closes the connection halfway through its body. */
    public Mirror cutOff(String name, byte[] content) {
        files.put(name, content);
        cutOff.put(name, true);
        return this;
    }

    /** The MD5 checksums of the files as served, by name. */
    public Map<String, String> md5() {
        Map<String, String> sums = new TreeMap<>();
        files.forEach((name, content) -> sums.put(name, md5(content)));
        return sums;
    }

    public static String md5(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(content));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
