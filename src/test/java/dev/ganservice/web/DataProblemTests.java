package dev.ganservice.web;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ganservice.data.IdxImages;
import dev.ganservice.support.Http;
import dev.ganservice.support.Polling;
import dev.ganservice.support.TestFolders;
import dev.ganservice.support.TestImages;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Missing and broken training data. The service looks for the data at every submission, so each
 * test puts a different file (or none) in the one data folder.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class DataProblemTests {

    private static final Path ROOT = TestFolders.create("data-problems");
    private static final Path DATA = ROOT.resolve("data");
    private static final String PLAIN = "train-images-idx3-ubyte";
    private static final String GZ = PLAIN + ".gz";
    private static final Path IMAGES = DATA.resolve(PLAIN);

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) {
        registry.add("gan.runs-dir", () -> ROOT.resolve("runs").toString());
        registry.add("gan.data.dirs[0]", DATA::toString);
        registry.add("gan.data.dirs[1]", () -> ROOT.resolve("nowhere").toString());
        registry.add("gan.data.download.enabled", () -> "false");
    }

    @LocalServerPort int port;

    private Http http;

    @BeforeEach
    void connect() throws IOException {
        http = new Http(port);
        Files.createDirectories(DATA);
    }

    @AfterEach
    void removeData() throws IOException {
        Files.deleteIfExists(IMAGES);
        Files.deleteIfExists(DATA.resolve(GZ));
    }

    @Test
    void missingDataIsUnavailableWithInstructions() {
        long foldersBefore = TestFolders.names(ROOT.resolve("runs")).count();

        Http.Response response = http.postJson("/train", "{}");

        ApiTestBase.assertProblem(response, 503);
        assertThat(response.json().get("detail").asString())
                .contains(
                        "apt-get install dataset-fashion-mnist", DATA.toString(), "gan.data.dirs");
        assertThat(TestFolders.names(ROOT.resolve("runs")).count()).isEqualTo(foldersBefore);
    }

    @Test
    void aFileWithTheWrongMagicIsUnavailableNamingTheFile() throws IOException {
        byte[] idx = TestImages.idxBytes(new IdxImages(4, 28, 28, new byte[4 * 784]));
        idx[3] = 0x01;
        Files.write(IMAGES, idx);

        Http.Response response = http.postJson("/train", "{}");

        ApiTestBase.assertProblem(response, 503);
        assertThat(response.json().get("detail").asString()).contains(IMAGES.toString(), "magic");
    }

    @Test
    void imagesOfAnotherSizeRefuseTheDefaultShapeNamingTheField() throws IOException {
        Files.write(IMAGES, TestImages.idxBytes(new IdxImages(8, 32, 32, new byte[8 * 1024])));

        Http.Response response = http.postJson("/train", "{}");

        ApiTestBase.assertProblem(response, 400);
        assertThat(response.json().get("field").asString()).isEqualTo("width");
        assertThat(response.json().get("detail").asString()).contains("32x32");
    }

    /**
     * Broken training data, one file per row, plain or gzip-compressed. The service cannot train on
     * it whatever the client sends, so the answer is 503 (unavailable until an operator fixes the
     * file) rather than a 4xx (which would tell the client to change its request), with a problem
     * naming the file and what is wrong. Only images of another size are the client's business: a
     * job may ask for that size, so it is a 400 naming the field.
     */
    static Stream<Arguments> brokenDataFiles() throws IOException {
        byte[] good = idx(64, 28, 28);
        byte[] header = Arrays.copyOf(good, 16);
        byte[] gzipHeaderThenGarbage = new byte[1000];
        new Random(7).nextBytes(gzipHeaderThenGarbage);
        System.arraycopy(
                new byte[] {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, -1},
                0,
                gzipHeaderThenGarbage,
                0,
                10);
        byte[] gzipped = gzip(good);
        byte[] flipped = gzipped.clone();
        for (int i = gzipped.length / 3; i < gzipped.length / 3 + 16; i++) {
            flipped[i] ^= (byte) 0x5a;
        }
        byte[] moreImagesThanHeld = good.clone();
        moreImagesThanHeld[7] = (byte) 200;
        byte[] labelsMagic = good.clone();
        labelsMagic[3] = 0x01;
        return Stream.of(
                broken("zero-length", PLAIN, new byte[0], 503, "truncated"),
                broken("zero-length .gz", GZ, new byte[0], 503, "truncated"),
                broken("header only", PLAIN, header, 503, "truncated: the header promises"),
                broken(
                        "truncated",
                        PLAIN,
                        Arrays.copyOf(good, good.length - 100),
                        503,
                        "truncated: the header promises 50176 bytes of data, the file holds"
                                + " 50076"),
                broken(
                        "gzip of a truncated file",
                        GZ,
                        gzip(Arrays.copyOf(good, 5000)),
                        503,
                        "truncated: the header promises"),
                broken(
                        "gzip cut short",
                        GZ,
                        Arrays.copyOf(gzipped, gzipped.length / 2),
                        503,
                        "truncated"),
                broken(
                        "gzip header, then garbage",
                        GZ,
                        gzipHeaderThenGarbage,
                        503,
                        "corrupt gzip data"),
                broken("gzip with bytes flipped", GZ, flipped, 503, "corrupt gzip data"),
                broken("wrong magic", PLAIN, labelsMagic, 503, "wrong magic number 0x00000801"),
                broken("wrong magic .gz", GZ, gzip(labelsMagic), 503, "wrong magic number"),
                broken(
                        "plain text",
                        PLAIN,
                        "hello, world\n".repeat(10).getBytes(UTF_8),
                        503,
                        "wrong magic number"),
                broken(
                        "header claims more images than held",
                        PLAIN,
                        moreImagesThanHeld,
                        503,
                        "truncated: the header promises"),
                broken(
                        "header claims more images .gz",
                        GZ,
                        gzip(moreImagesThanHeld),
                        503,
                        "truncated: the header promises"),
                broken(
                        "data after the last image",
                        GZ,
                        gzip(concat(good, new byte[8])),
                        503,
                        "longer than its header says"),
                broken("rows 0", PLAIN, header(64, 0, 28), 503, "rows is 0"),
                broken(
                        "columns 100,000",
                        GZ,
                        gzip(header(64, 28, 100_000)),
                        503,
                        "columns is 100000, must be between 1 and 4096"),
                broken("count -1", PLAIN, header(-1, 28, 28), 503, "image count is -1"),
                broken(
                        "more pixels than an array holds",
                        GZ,
                        gzip(header(1 << 30, 4096, 4096)),
                        503,
                        "more than one array can hold"),
                broken("one image", PLAIN, idx(1, 28, 28), 503, "at least 2"),
                broken("32x32 images", PLAIN, idx(8, 32, 32), 400, "32x32"),
                broken("32x32 images .gz", GZ, gzip(idx(8, 32, 32)), 400, "32x32"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenDataFiles")
    void brokenDataIsRefusedNamingTheFileAndNothingStoredChanges(
            String name, String fileName, byte[] content, int status, String problem)
            throws IOException {
        Path file = Files.write(DATA.resolve(fileName), content);
        Map<String, String> before = tree(ROOT);

        Http.Response response = http.postJson("/train", "{\"epochs\": 1, \"batchSize\": 2}");

        ApiTestBase.assertProblem(response, status);
        String detail = response.json().get("detail").asString();
        assertThat(detail).contains(problem);
        if (status == 503) {
            assertThat(detail).contains(file.toString());
            assertThat(response.json().get("type").asString())
                    .isEqualTo("urn:gan-service:problem:data-set-unreadable");
        } else {
            assertThat(response.json().get("field").asString()).isEqualTo("width");
        }
        assertThat(tree(ROOT)).isEqualTo(before);
    }

    @Test
    void dataThatBreaksAfterAJobIsAcceptedFailsTheJobNamingTheFile() throws IOException {
        Path file = DATA.resolve(GZ);
        TestImages.writeRandomIdx(file, 256, 4);
        String running = id(http.postJson("/train", "{\"epochs\": 1000, \"batchSize\": 32}"));
        Polling.until(
                () -> http.get("/train/" + running).json().get("status").asString(),
                "RUNNING"::equals,
                Duration.ofMinutes(1),
                "the first job to start");
        String queued = id(http.postJson("/train", "{\"epochs\": 1, \"batchSize\": 16}"));

        // Replaced whole, as an operator's copy would: the running job keeps the old file open.
        Path next = DATA.resolve("next.tmp");
        Files.write(next, gzip(Arrays.copyOf(idx(256, 28, 28), 16 + 10 * 784)));
        Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        http.delete("/train/" + running);

        JsonNode job =
                Polling.until(
                        () -> http.get("/train/" + queued).json(),
                        state -> state.get("status").asString().matches("FAILED|SUCCEEDED"),
                        Duration.ofMinutes(1),
                        "the queued job to end");
        assertThat(job.get("status").asString()).isEqualTo("FAILED");
        assertThat(job.get("error").asString()).contains(file.toString(), "truncated");
        assertThat(job.get("history")).isEmpty();
        Polling.until(
                () -> http.get("/train/" + running).json().get("status").asString(),
                "CANCELLED"::equals,
                Duration.ofMinutes(1),
                "the first job to stop");
    }

    @Test
    void aSingleImageIsTooLittleToTrainOn() throws IOException {
        Files.write(IMAGES, TestImages.idxBytes(new IdxImages(1, 28, 28, new byte[784])));

        Http.Response response = http.postJson("/train", "{\"batchSize\": 2}");

        ApiTestBase.assertProblem(response, 503);
        assertThat(response.json().get("detail").asString()).contains("at least 2");
    }

    @Test
    void anUnwritableRunsFolderIsUnavailableAndTheServiceRecoversOnceItIsBack() throws IOException {
        TestImages.writeRandomIdx(IMAGES, 64, 3);
        Path runs = ROOT.resolve("runs");
        Path aside = ROOT.resolve("runs-aside");
        Files.move(runs, aside);
        // A plain file where the folder was: nobody, root included, can create a folder in it.
        Files.writeString(runs, "not a folder");
        try {
            Http.Response refused = http.postJson("/train", "{\"epochs\": 1, \"batchSize\": 16}");

            ApiTestBase.assertProblem(refused, 503);
            assertThat(refused.json().get("title").asString())
                    .isEqualTo("Runs folder not writable");
            assertThat(refused.text()).doesNotContain(runs.toString());
        } finally {
            Files.delete(runs);
            Files.move(aside, runs);
        }
        assertThat(http.get("/actuator/health/readiness").status()).isEqualTo(200);
        Http.Response accepted = http.postJson("/train", "{\"epochs\": 1, \"batchSize\": 16}");
        assertThat(accepted.status()).isEqualTo(202);
        http.delete("/train/" + accepted.json().get("id").asString());
    }

    @Test
    void withoutAnyCheckpointSamplesAreNotFound() {
        Http.Response response = http.get("/samples");

        ApiTestBase.assertProblem(response, 404);
        assertThat(response.json().get("detail").asString()).contains("POST /train");
    }

    private static String id(Http.Response response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(202);
        return response.json().get("id").asString();
    }

    private static Arguments broken(
            String name, String fileName, byte[] content, int status, String problem) {
        return Arguments.of(name, fileName, content, status, problem);
    }

    /** An IDX image file of {@code count} random images. */
    private static byte[] idx(int count, int rows, int columns) throws IOException {
        byte[] pixels = new byte[count * rows * columns];
        new Random(count).nextBytes(pixels);
        return TestImages.idxBytes(new IdxImages(count, rows, columns, pixels));
    }

    /** The 16-byte header of an IDX image file, with no images after it. */
    private static byte[] header(int count, int rows, int columns) {
        return ByteBuffer.allocate(16)
                .putInt(0x803)
                .putInt(count)
                .putInt(rows)
                .putInt(columns)
                .array();
    }

    private static byte[] gzip(byte[] plain) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write(plain);
        }
        return bytes.toByteArray();
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] both = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
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
}
