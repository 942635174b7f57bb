package dev.ganservice.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ganservice.support.Http;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Hostile requests at every endpoint, one row each: the request, the status it must get, the field
 * the problem must name (or null) and words its detail must contain. Every 4xx answer is a problem
 * body, never an HTML page or a stack trace; a 2xx row names the content type instead of words.
 * Rows use {@code {job}} for a real job that has trained one epoch.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileInputTests extends ApiTestBase {

    private static final String JSON = "application/json";
    private static final String XML = "application/xml";
    private static final String HTML = "text/html";
    private static final String LONG_ID = "2026-12-04_16-37-00-" + "1".repeat(10_000);

    private String job;

    @BeforeAll
    void trainAJob() {
        connect();
        job = start("{\"epochs\": 1, \"batchSize\": 16, \"limit\": 32, \"seed\": 5}");
        assertThat(waitForEnd(job).get("status").asString()).isEqualTo("SUCCEEDED");
    }

    static Stream<Row> hostileRequests() {
        return Stream.of(
                // Bodies too large to read: refused with 413 however they arrive.
                row(post("2 MB of whitespace", " ".repeat(2_000_000) + "{}"), 413, "64 KiB"),
                // A client that says "Expect: 100-continue" hears 413 without sending its body.
                row(post("20 MB of whitespace", " ".repeat(20_000_000) + "{}").holdingBack())
                        .status(413)
                        .problem(null, "64 KiB"),
                row(
                        chunked("2 MB of whitespace, chunked", " ".repeat(2_000_000) + "{}"),
                        413,
                        "64 KiB"),
                row(post("a 1,000,000-element array", array(1_000_000)), 413, "64 KiB"),
                // Read as it comes, a chunked array is refused at its first "[", before the cap.
                row(chunked("a 1,000,000-element array, chunked", array(1_000_000)), 400)
                        .problem("epochs", "whole number"),
                row(post("64 KiB + 1 byte", " ".repeat(64 * 1024 - 1) + "{}"), 413, "64 KiB"),
                row(post("60 KiB of whitespace around a bad field", pad("{\"epochs\": 0}")), 400)
                        .problem("epochs", "between 1 and 1000"),
                // Deep nesting: refused at the first token that cannot belong to a job, or at the
                // parser's depth limit where the request's fields are skipped over.
                row(post("20,000 nested arrays", "[".repeat(20_000) + "]".repeat(20_000)), 400)
                        .problem(null, "one JSON object"),
                row(post("nested arrays in a field", "{\"epochs\": " + "[".repeat(20_000)), 400)
                        .problem("epochs", "whole number"),
                row(post("nested objects", "{\"a\": ".repeat(8_000) + "1" + "}".repeat(8_000)))
                        .status(400)
                        .problem(null, "nesting depth"),
                // Bodies that are not JSON, or say they are not.
                row(postAs("text/plain", "{\"epochs\": 1}", "text/plain"), 415, "application/json"),
                row(postAs("XML", "<epochs>1</epochs>", XML), 415, "send it as application/json"),
                row(
                        postAs("a form", "epochs=1", "application/x-www-form-urlencoded"),
                        415,
                        "'application/x-www-form-urlencoded' is not supported"),
                row(postAs("no Content-Type", "{\"epochs\": 1}", null), 415, "no Content-Type"),
                row(bytes("invalid UTF-8", new byte[] {'{', '"', (byte) 0xC3, '"', ':', '1', '}'}))
                        .status(400)
                        .problem(null, "not valid JSON"),
                row(post("a raw NUL in a string", "{\"ep\u0000ochs\": 1}"), 400)
                        .problem(null, "not valid JSON"),
                row(post("an escaped NUL in a name", "{\"ep\\u0000ochs\": 1}"), 400)
                        .problem("ep\u0000ochs", "Unknown field"),
                row(post("a Unicode field name", "{\"\u00e9pochs\": 1}"), 400)
                        .problem("\u00e9pochs", "Unknown field"),
                // Numbers out of range or absurd.
                row(post("epochs 10^9", "{\"epochs\": 1000000000}"), 400)
                        .problem("epochs", "between 1 and 1000"),
                row(post("batchSize above the data set", "{\"batchSize\": 513}"), 400)
                        .problem("batchSize", "allowed: 2 to 512"),
                row(post("latentSize 0", "{\"latentSize\": 0}"), 400)
                        .problem("latentSize", "between 1 and 1024"),
                row(post("learningRate -1", "{\"learningRate\": -1}"), 400)
                        .problem("learningRate", "above 0"),
                row(post("learningRate \"Infinity\"", "{\"learningRate\": \"Infinity\"}"), 400)
                        .problem("learningRate", "above 0"),
                row(post("seed below Long.MIN_VALUE", "{\"seed\": -9223372036854775809}"), 400)
                        .problem("seed", "whole number"),
                row(post("seed in quotes", "{\"seed\": \"12\"}"), 400)
                        .problem("seed", "whole number"),
                row(post("seed 1e3", "{\"seed\": 1e3}"), 400).problem("seed", "whole number"),
                // Bad requests still get JSON problems whatever the client accepts.
                row(post("Accept: image/png", "{\"epochs\": 0}", "Accept", "image/png"), 400)
                        .problem("epochs", "between 1 and 1000"),
                row(post("Accept: text/html", "{\"epochs\": 0}", "Accept", "text/html"), 400)
                        .problem("epochs", "between 1 and 1000"),
                row(get("GET /train, Accept: image/png", "/train", "Accept", "image/png"), 200)
                        .problem(null, JSON),
                row(get("a job, Accept: image/png", "/train/{job}", "Accept", "image/png"), 200)
                        .problem(null, JSON),
                row(get("a bad id, Accept: image/png", "/train/x", "Accept", "image/png"), 400)
                        .problem("id", "not a job id"),
                row(get("no job, Accept: text/html", "/train/2001-01-01_00-00-00", "Accept", HTML))
                        .status(404)
                        .problem(null, "No training job"),
                // Ids that are not ids, at GET and DELETE /train/{id}.
                row(get("%2e%2e", "/train/%2e%2e"), 400, "suspicious URL"),
                row(get("..%5C..%5Cetc", "/train/..%5C..%5Cetc"), 400, "suspicious URL"),
                row(get("a backslash", "/train/2026-12-04_16-37-00%5C"), 400, "suspicious URL"),
                row(get("a 10,000-character id", "/train/" + LONG_ID), 400)
                        .problem(null, "too long for the server"),
                row(get("a 5,000-character id", "/train/" + LONG_ID.substring(0, 5000)), 400)
                        .problem("id", "not a job id"),
                row(get("%00", "/train/2026-12-04_16-37-00%00"), 400, "suspicious URL"),
                row(get("Unicode digits", "/train/%D9%A2026-12-04_16-37-00"), 400)
                        .problem("id", "not a job id"),
                row(get("..;", "/train/..;/..;/etc"), 400, "suspicious URL"),
                row(delete("../../etc", "/train/../../etc"), 400, "suspicious URL"),
                row(delete("..%2F..%2Fetc", "/train/..%2F..%2Fetc"), 400)
                        .problem(null, "suspicious URL"),
                row(delete("%2e%2e", "/train/%2e%2e"), 400, "suspicious URL"),
                row(delete("%00", "/train/2026-12-04_16-37-00%00"), 400, "suspicious URL"),
                row(delete("a 10,000-character id", "/train/" + LONG_ID), 400)
                        .problem(null, "too long for the server"),
                row(delete("a job that ended", "/train/{job}"), 409).problem(null, "SUCCEEDED"),
                row(delete("no such job", "/train/2001-01-01_00-00-00"), 404, "No training job"),
                // POST /train/{id}/resume: Tomcat refuses these before any controller sees them.
                row(send("POST", "resume ..%2F..%2Fetc", "/train/..%2F..%2Fetc/resume"), 400)
                        .problem(null, "suspicious URL"),
                row(send("POST", "resume %2F", "/train/{job}%2F..%2F..%2F/resume"), 400)
                        .problem(null, "suspicious URL"),
                row(send("POST", "resume %2e%2e", "/train/%2e%2e/resume"), 400)
                        .problem(null, "suspicious URL"),
                row(send("POST", "resume x", "/train/x/resume"), 400).problem("id", "not a job id"),
                row(
                                send(
                                        "POST",
                                        "resume a 5,000-character id",
                                        "/train/" + LONG_ID.substring(0, 5000) + "/resume"),
                                400)
                        .problem("id", "not a job id"),
                row(send("POST", "resume Unicode digits", "/train/%D9%A2026-12-04_16-37-00/resume"))
                        .status(400)
                        .problem("id", "not a job id"),
                row(send("POST", "resume no such job", "/train/2001-01-01_00-00-00/resume"), 404)
                        .problem(null, "No training job"),
                row(send("POST", "resume a job that succeeded", "/train/{job}/resume"), 409)
                        .problem(null, "finished every epoch"),
                row(send("POST", "resume, Accept: image/png", "/train/{job}/resume")
                                .withHeaders("Accept", "image/png"))
                        .status(409)
                        .problem(null, "cannot be resumed"),
                row(send("GET", "resume with GET", "/train/{job}/resume"), 405),
                // GET /samples.
                row(get("count twice", "/samples?count=5&count=6"), 400)
                        .problem("count", "2 values [5, 6] where one belongs"),
                row(get("count 0, Accept: image/png", "/samples?count=0", "Accept", "image/png"))
                        .status(400)
                        .problem("count", "between 1 and 1024"),
                row(get("count -1, Accept: text/html", "/samples?count=-1", "Accept", "text/html"))
                        .status(400)
                        .problem("count", "between 1 and 1024"),
                row(get("count 10^9, Accept: XML", "/samples?count=1000000000", "Accept", XML))
                        .status(400)
                        .problem("count", "between 1 and 1024"),
                row(get("count abc, Accept: image/*", "/samples?count=abc", "Accept", "image/*"))
                        .status(400)
                        .problem("count", "whole number"),
                row(get("count %00", "/samples?count=%00"), 400).problem("count", "whole number"),
                row(get("epoch 0", "/samples?job={job}&epoch=0"), 400)
                        .problem("epoch", "at least 1"),
                row(get("epoch -1", "/samples?job={job}&epoch=-1"), 400)
                        .problem("epoch", "at least 1"),
                row(get("epoch 2, not trained", "/samples?job={job}&epoch=2"), 404)
                        .problem(null, "no checkpoint for epoch 2"),
                row(get("epoch 2^31-1", "/samples?job={job}&epoch=2147483647"), 404)
                        .problem(null, "no checkpoint for epoch 2147483647"),
                row(get("epoch 10^11", "/samples?job={job}&epoch=99999999999"), 400)
                        .problem("epoch", "whole number"),
                row(get("epoch abc", "/samples?job={job}&epoch=abc"), 400)
                        .problem("epoch", "whole number"),
                row(get("seed abc", "/samples?job={job}&seed=abc"), 400)
                        .problem("seed", "whole number"),
                row(get("seed 2^63", "/samples?job={job}&seed=9223372036854775808"), 400)
                        .problem("seed", "whole number"),
                row(get("seed -2^63-1", "/samples?job={job}&seed=-9223372036854775809"), 400)
                        .problem("seed", "whole number"),
                row(get("seed 1e5", "/samples?job={job}&seed=1e5"), 400)
                        .problem("seed", "whole number"),
                row(get("job ..%5C..%5Cetc", "/samples?job=..%5C..%5Cetc"), 400)
                        .problem("job", "not a job id"),
                row(get("job %2e%2e%2F", "/samples?job=%2e%2e%2F{job}"), 400)
                        .problem("job", "not a job id"),
                // Tomcat refuses a request line longer than its 8 KiB header limit itself.
                row(get("job, 10,000 characters", "/samples?job=" + LONG_ID), 400)
                        .problem(null, "too long for the server"),
                row(get("job, 5,000 characters", "/samples?job=" + LONG_ID.substring(0, 5000)))
                        .status(400)
                        .problem("job", "not a job id"),
                row(get("job with Unicode", "/samples?job=%C3%A9t%C3%A9"), 400)
                        .problem("job", "not a job id"),
                // A good request gets its PNG whatever the client accepts.
                row(get("PNG to text/html", "/samples?job={job}&count=1", "Accept", "text/html"))
                        .status(200)
                        .problem(null, "image/png"),
                row(get("PNG to XML", "/samples?job={job}&count=1", "Accept", XML), 200)
                        .problem(null, "image/png"),
                // GET /samples/interpolation.
                row(get("steps 1", "/samples/interpolation?steps=1"), 400)
                        .problem("steps", "between 2 and 32"),
                row(get("steps 33, Accept: image/png", "/samples/interpolation?steps=33"))
                        .status(400)
                        .problem("steps", "between 2 and 32"),
                row(get("steps 2^31", "/samples/interpolation?steps=2147483648"), 400)
                        .problem("steps", "whole number between 2 and 32"),
                row(get("steps 0x10", "/samples/interpolation?steps=0x10"), 400)
                        .problem("steps", "whole number"),
                row(get("rows 0", "/samples/interpolation?rows=0"), 400)
                        .problem("rows", "between 1 and 16"),
                row(get("rows 17", "/samples/interpolation?rows=17"), 400)
                        .problem("rows", "between 1 and 16"),
                row(get("rows twice", "/samples/interpolation?rows=2&rows=3"), 400)
                        .problem("rows", "2 values [2, 3] where one belongs"),
                row(get("path cubic", "/samples/interpolation?path=cubic"), 400)
                        .problem("path", "must be linear or slerp"),
                row(get("path SLERP", "/samples/interpolation?path=SLERP"), 400)
                        .problem("path", "must be linear or slerp"),
                // Given empty, a parameter takes its default, as everywhere in the API.
                row(get("path empty", "/samples/interpolation?job={job}&steps=2&rows=1&path="))
                        .status(200)
                        .problem(null, "image/png"),
                row(get("path %00", "/samples/interpolation?path=slerp%00"), 400)
                        .problem("path", "must be linear or slerp"),
                row(get("scale 9", "/samples/interpolation?scale=9"), 400)
                        .problem("scale", "between 1 and 8"),
                row(get(
                                "too many pixels",
                                "/samples/interpolation?job={job}&steps=32&rows=16&scale=8"))
                        .status(400)
                        .problem("scale", "pixels"),
                row(get("seed 1e3", "/samples/interpolation?seed=1e3"), 400)
                        .problem("seed", "whole number"),
                row(get("epoch without job", "/samples/interpolation?epoch=1"), 400)
                        .problem("job", "epoch needs job"),
                row(get("epoch 0", "/samples/interpolation?job={job}&epoch=0"), 400)
                        .problem("epoch", "at least 1"),
                row(get("epoch 2, not trained", "/samples/interpolation?job={job}&epoch=2"), 404)
                        .problem(null, "no checkpoint for epoch 2"),
                row(get("job ..%2F", "/samples/interpolation?job=..%2F{job}"), 400)
                        .problem("job", "not a job id"),
                row(get("no such job", "/samples/interpolation?job=2001-01-01_00-00-00"), 404)
                        .problem(null, "No run folder"),
                row(get("walk to text/html", "/samples/interpolation?job={job}&steps=2&rows=1")
                                .withHeaders("Accept", HTML))
                        .status(200)
                        .problem(null, "image/png"),
                // GET /train/{id}/epochs/{epoch}/grid.png.
                row(get("grid of epoch 0", "/train/{job}/epochs/0/grid.png"), 400)
                        .problem("epoch", "between 1 and 1000"),
                row(get("grid of epoch 1001", "/train/{job}/epochs/1001/grid.png"), 400)
                        .problem("epoch", "between 1 and 1000"),
                row(get("grid of epoch -1", "/train/{job}/epochs/-1/grid.png"), 400)
                        .problem("epoch", "between 1 and 1000"),
                row(get("grid of epoch 10^11", "/train/{job}/epochs/99999999999/grid.png"))
                        .status(400)
                        .problem("epoch", "whole number between 1 and 1000"),
                row(get("grid of epoch abc", "/train/{job}/epochs/abc/grid.png"), 400)
                        .problem("epoch", "whole number"),
                row(get("grid of epoch %D9%A1", "/train/{job}/epochs/%D9%A1/grid.png"), 400)
                        .problem("epoch", "whole number"),
                row(get("grid of epoch 2, not trained", "/train/{job}/epochs/2/grid.png"), 404)
                        .problem(null, "no grid for epoch 2; it has grids for epochs [1]"),
                row(get("grid of a bad id", "/train/x/epochs/1/grid.png"), 400)
                        .problem("id", "not a job id"),
                row(get("grid of no job", "/train/2001-01-01_00-00-00/epochs/1/grid.png"), 404)
                        .problem(null, "No training job"),
                row(get("grid %2e%2e", "/train/%2e%2e/epochs/1/grid.png"), 400, "suspicious URL"),
                row(get("grid ..%2F", "/train/{job}/epochs/..%2F1/grid.png"), 400)
                        .problem(null, "suspicious URL"),
                row(get("grid, Accept: JSON", "/train/{job}/epochs/1/grid.png", "Accept", JSON))
                        .status(200)
                        .problem(null, "image/png"),
                row(send("DELETE", "delete a grid", "/train/{job}/epochs/1/grid.png"), 405),
                // GET /train/{id}/events.
                row(get("events of a bad id", "/train/x/events"), 400)
                        .problem("id", "not a job id"),
                row(get("events of no job", "/train/2001-01-01_00-00-00/events"), 404)
                        .problem(null, "No training job"),
                row(get("events %2e%2e", "/train/%2e%2e/events"), 400, "suspicious URL"),
                row(get(
                                "events of a 5,000-character id",
                                "/train/" + LONG_ID.substring(0, 5000) + "/events"))
                        .status(400)
                        .problem("id", "not a job id"),
                row(get("events to JSON", "/train/{job}/events", "Accept", JSON), 200)
                        .problem(null, "text/event-stream"),
                row(send("POST", "post to events", "/train/{job}/events"), 405));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileRequests")
    void answersHostileRequestsWithProblems(Row row) {
        long foldersBefore = runFolders();

        Http.Response response = row.request().send(http, job);

        assertThat(response.status()).as(response.toString()).isEqualTo(row.status());
        if (row.status() >= 200 && row.status() < 300) {
            assertThat(response.header("Content-Type")).startsWith(row.mention());
        } else {
            assertProblem(response, row.status());
            if (row.field() != null) {
                assertThat(response.json().path("field").asString())
                        .as(response.toString())
                        .isEqualTo(row.field());
            }
            if (row.mention() != null) {
                assertThat(response.json().get("detail").asString())
                        .as(response.toString())
                        .contains(row.mention());
            }
            assertThat(response.text()).doesNotContain("at dev.", "at org.", "<html");
        }
        assertThat(runFolders()).isEqualTo(foldersBefore);
    }

    /**
     * A body larger than Tomcat reads and discards after an early answer (2 MB): a client that
     * keeps sending may see the connection closed instead of the 413, but never a 5xx, and the
     * service carries on.
     */
    @ParameterizedTest(name = "chunked: {0}")
    @ValueSource(booleans = {false, true})
    void aHugeBodyIsCutOffAndTheServiceCarriesOn(boolean chunked) {
        long foldersBefore = runFolders();
        byte[] body = (" ".repeat(20_000_000) + "{}").getBytes(StandardCharsets.UTF_8);

        try {
            Http.Response response =
                    new Request("20 MB", "POST", "/train", body, chunked)
                            .withHeaders("Content-Type", JSON)
                            .send(http, job);
            assertProblem(response, 413);
        } catch (UncheckedIOException closed) {
            // Tomcat closed the connection after answering, with the body still coming.
        }

        assertProblem(http.postJson("/train", "{\"epochs\": 0}"), 400);
        assertThat(runFolders()).isEqualTo(foldersBefore);
    }

    /**
     * Traversal-style ids at every endpoint that takes one, next to files placed just outside the
     * runs folder that would load if any of them were followed: none is served, and nothing outside
     * the runs folder changes.
     */
    @Test
    void noRequestReachesOutsideTheRunsFolder() throws IOException {
        String outside = "2001-02-03_04-05-06";
        Path checkpoint = RUNS.resolve(job).resolve("epoch-001.zip");
        Files.createDirectories(ROOT.resolve(outside));
        Files.copy(checkpoint, ROOT.resolve(outside).resolve("epoch-001.zip"));
        Files.createDirectories(ROOT.resolve("canary").resolve(outside));
        Files.copy(checkpoint, ROOT.resolve("canary").resolve(outside).resolve("epoch-001.zip"));
        Map<String, String> before = tree(ROOT);

        List<String> ids =
                List.of(
                        "../" + outside,
                        "..%2F" + outside,
                        "%2e%2e%2f" + outside,
                        "%2E%2E/" + outside,
                        "..%5C" + outside,
                        "../canary/" + outside,
                        "..%2Fcanary%2F" + outside,
                        ROOT.resolve(outside).toString(),
                        "%2F" + ROOT.resolve(outside).toString().substring(1),
                        "file:" + ROOT.resolve(outside),
                        job + "/../../" + outside,
                        job + "%2F..%2F..%2F" + outside,
                        outside + "%00",
                        "~/" + outside);
        for (String id : ids) {
            for (Http.Response response :
                    List.of(
                            http.get("/samples?job=" + id),
                            http.get("/samples?job=" + id + "&epoch=1"),
                            http.get("/train/" + id),
                            http.get("/train/" + id + "/events"),
                            http.get("/train/" + id + "/epochs/1/grid.png"),
                            http.get("/samples/interpolation?job=" + id),
                            http.delete("/train/" + id),
                            http.send("POST", "/train/" + id + "/resume"))) {
                assertThat(response.status()).as(id).isBetween(400, 499);
                assertThat(response.header("Content-Type")).as(id).doesNotContain("image/png");
            }
        }

        assertThat(tree(ROOT)).isEqualTo(before);
    }

    private long runFolders() {
        try (Stream<Path> entries = Files.list(RUNS)) {
            return entries.count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every file and folder under {@code root}, with its size and modification time. */
    private static Map<String, String> tree(Path root) throws IOException {
        Map<String, String> entries = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path path : walk.toList()) {
                entries.put(
                        root.relativize(path).toString(),
                        Files.isDirectory(path)
                                ? "folder " + Files.getLastModifiedTime(path)
                                : Files.size(path) + " " + Files.getLastModifiedTime(path));
            }
        }
        return entries;
    }

    private static String array(int elements) {
        return "{\"epochs\": [" + "1,".repeat(elements - 1) + "1]}";
    }

    /** A body of about 60 KiB: under the cap, so it is read and judged on its content. */
    private static String pad(String json) {
        return " ".repeat(60 * 1024) + json + " ".repeat(100);
    }

    /** Java's HTTP client refuses such URLs itself, so these go over a plain socket. */
    @ParameterizedTest(name = "GET {0} -> 400")
    @ValueSource(
            strings = {
                "/samples?count=%ZZ",
                "/samples?%ZZ=1",
                "/samples?count=5%",
                "/train?x=%G0",
                "/actuator/health?x=%ZZ"
            })
    void refusesQueryStringsThatCannotBeDecoded(String target) throws IOException {
        String answer = http.raw("GET " + target + " HTTP/1.1");

        assertThat(answer).startsWith("HTTP/1.1 400");
        assertThat(answer)
                .contains("application/problem+json", "malformed-query", "cannot be decoded")
                .doesNotContain("Exception", "\tat ");
    }

    private static Request post(String label, String body, String... headers) {
        String[] all =
                Stream.concat(Stream.of("Content-Type", JSON), Stream.of(headers))
                        .toArray(String[]::new);
        return new Request(label, "POST", "/train", body.getBytes(StandardCharsets.UTF_8), false)
                .withHeaders(all);
    }

    /** A body of {@code contentType}; none at all when it is null. */
    private static Request postAs(String label, String body, String contentType) {
        Request request =
                new Request(label, "POST", "/train", body.getBytes(StandardCharsets.UTF_8), false);
        return contentType == null ? request : request.withHeaders("Content-Type", contentType);
    }

    private static Request chunked(String label, String body) {
        return new Request(label, "POST", "/train", body.getBytes(StandardCharsets.UTF_8), true)
                .withHeaders("Content-Type", JSON);
    }

    private static Request bytes(String label, byte[] body) {
        return new Request(label, "POST", "/train", body, false).withHeaders("Content-Type", JSON);
    }

    private static Request get(String label, String path, String... headers) {
        return new Request(label, "GET", path, null, false).withHeaders(headers);
    }

    private static Request delete(String label, String path) {
        return new Request(label, "DELETE", path, null, false);
    }

    private static Request send(String method, String label, String path) {
        return new Request(label, method, path, null, false);
    }

    private static Row row(Request request) {
        return new Row(request, 0, null, null);
    }

    private static Row row(Request request, int status) {
        return new Row(request, status, null, null);
    }

    private static Row row(Request request, int status, String mention) {
        return new Row(request, status, null, mention);
    }

    /** One request of the table. */
    record Request(
            String label,
            String method,
            String path,
            byte[] body,
            boolean chunked,
            boolean expectContinue,
            String... headers) {

        Request(String label, String method, String path, byte[] body, boolean chunked) {
            this(label, method, path, body, chunked, false);
        }

        Request withHeaders(String... more) {
            return new Request(label, method, path, body, chunked, expectContinue, more);
        }

        Request holdingBack() {
            return new Request(label, method, path, body, chunked, true, headers);
        }

        Http.Response send(Http http, String job) {
            HttpRequest.BodyPublisher publisher =
                    body == null
                            ? HttpRequest.BodyPublishers.noBody()
                            : chunked
                                    // No length known in advance: the client sends chunks.
                                    ? HttpRequest.BodyPublishers.ofInputStream(
                                            () -> new ByteArrayInputStream(body))
                                    : HttpRequest.BodyPublishers.ofByteArray(body);
            return http.exchange(
                    method, path.replace("{job}", job), publisher, expectContinue, headers);
        }

        @Override
        public String toString() {
            return method + " " + label;
        }
    }

    /** A request and what must come back. */
    record Row(Request request, int status, String field, String mention) {

        Row status(int value) {
            return new Row(request, value, field, mention);
        }

        Row problem(String name, String words) {
            return new Row(request, status, name, words);
        }

        @Override
        public String toString() {
            return request + " -> " + status;
        }
    }
}
