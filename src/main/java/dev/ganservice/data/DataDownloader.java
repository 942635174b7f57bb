package dev.ganservice.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fetches the data set's files from a mirror into a data folder, once.
 *
 * <p>Each file goes to a hidden temporary file, its MD5 is computed on the way, and only a file
 * whose checksum matches is renamed into place. A failed, cut-off or corrupt download leaves
 * nothing behind, so the next attempt starts clean. One download runs at a time; a job that asks
 * while another downloads waits and then finds the files there.
 */
public final class DataDownloader {

    private static final Logger log = LoggerFactory.getLogger(DataDownloader.class);

    private static final int BUFFER = 1 << 16;
    private static final long REPORT_EVERY = 1 << 20;

    /** Hears how far a download has got. */
    @FunctionalInterface
    public interface Progress {
        /** {@code total} is -1 when the server did not say. */
        void downloaded(String file, long bytes, long total);
    }

    private final URI mirror;
    private final Map<String, String> md5;
    private final Path folder;
    private final HttpClient client;

    public DataDownloader(URI mirror, Map<String, String> md5, Path folder) {
        this.mirror = mirror.toString().endsWith("/") ? mirror : URI.create(mirror + "/");
        this.md5 = new TreeMap<>(md5);
        this.folder = folder;
        this.client =
                HttpClient.newBuilder()
                        .connectTimeout(Duration.ofSeconds(30))
                        .followRedirects(HttpClient.Redirect.NORMAL)
                        .build();
    }

    /** The folder the files are downloaded into. */
    public Path folder() {
        return folder;
    }

    /** Where the training images will be once downloaded. */
    public Path trainImages() {
        return folder.resolve(FashionMnist.TRAIN_IMAGES + ".gz");
    }

    /**
     * Downloads every file that is not in the folder yet.
     *
     * @throws DataDownloadException naming the file and what went wrong
     */
    public synchronized void download(Progress progress) {
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new DataDownloadException(
                    "cannot create the data folder " + folder + ": " + e, e);
        }
        for (Map.Entry<String, String> file : md5.entrySet()) {
            Path target = folder.resolve(file.getKey());
            if (!Files.exists(target)) {
                fetch(file.getKey(), file.getValue(), target, progress);
            }
        }
    }

    private void fetch(String name, String expectedMd5, Path target, Progress progress) {
        URI source = mirror.resolve(name);
        log.info("Downloading {} into {}", source, folder);
        long started = System.nanoTime();
        Path partial = null;
        try {
            partial = Files.createTempFile(folder, "." + name + ".", ".part");
            HttpResponse<InputStream> response =
                    client.send(
                            HttpRequest.newBuilder(source).GET().build(),
                            HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream body = response.body()) {
                if (response.statusCode() != 200) {
                    throw new DataDownloadException(
                            source + " answered HTTP " + response.statusCode(), null);
                }
                long total = response.headers().firstValueAsLong("Content-Length").orElse(-1);
                String actualMd5 = copy(body, partial, name, total, progress);
                if (!actualMd5.equalsIgnoreCase(expectedMd5)) {
                    throw new DataDownloadException(
                            source
                                    + " has MD5 "
                                    + actualMd5
                                    + ", expected "
                                    + expectedMd5
                                    + ": the file is corrupt or not the one expected",
                            null);
                }
            }
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
            log.info(
                    "Downloaded {} ({} bytes) in {} ms; checksum verified",
                    target,
                    Files.size(target),
                    (System.nanoTime() - started) / 1_000_000);
        } catch (IOException e) {
            throw new DataDownloadException("downloading " + source + " failed: " + describe(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DataDownloadException("downloading " + source + " was interrupted", e);
        } finally {
            deleteQuietly(partial);
        }
    }

    /** Copies the body to {@code file}, forced to disk; returns its MD5 in hex. */
    private static String copy(
            InputStream body, Path file, String name, long total, Progress progress)
            throws IOException {
        MessageDigest digest = md5();
        byte[] buffer = new byte[BUFFER];
        long bytes = 0;
        long reported = 0;
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE);
                OutputStream out = Channels.newOutputStream(channel)) {
            for (int n = body.read(buffer); n >= 0; n = body.read(buffer)) {
                out.write(buffer, 0, n);
                digest.update(buffer, 0, n);
                bytes += n;
                if (bytes - reported >= REPORT_EVERY) {
                    progress.downloaded(name, bytes, total);
                    reported = bytes;
                }
            }
            if (total >= 0 && bytes != total) {
                throw new IOException("got " + bytes + " of " + total + " bytes");
            }
            channel.force(true);
        }
        progress.downloaded(name, bytes, total);
        return HexFormat.of().formatHex(digest.digest());
    }

    private static MessageDigest md5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no MD5", e);
        }
    }

    private static String describe(IOException e) {
        String message = e.getMessage();
        return message == null || message.isBlank()
                ? e.getClass().getSimpleName()
                : e.getClass().getSimpleName() + ": " + message;
    }

    private static void deleteQuietly(Path file) {
        if (file == null) {
            return;
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            log.warn("Could not delete the partial download {}: {}", file, e.getMessage());
        }
    }
}
