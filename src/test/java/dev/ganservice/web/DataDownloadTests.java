package dev.ganservice.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ganservice.support.Http;
import dev.ganservice.support.Mirror;
import dev.ganservice.support.Polling;
import dev.ganservice.support.TestFolders;
import dev.ganservice.support.TestImages;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * First run with no data: the service downloads the data set from a mirror this test serves on
 * loopback, verifies every checksum, and leaves nothing behind when the mirror misbehaves.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DataDownloadTests {

    private static final Path ROOT = TestFolders.create("download");
    private static final Path DATA = ROOT.resolve("data/fashion-mnist");
    private static final String IMAGES = "train-images-idx3-ubyte.gz";
    private static final Map<String, byte[]> GOOD = goodFiles();
    private static final Mirror MIRROR = new Mirror();

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) {
        GOOD.forEach(MIRROR::serve);
        Map<String, String> md5 = MIRROR.md5();
        registry.add("gan.runs-dir", () -> ROOT.resolve("runs").toString());
        registry.add("gan.data.dirs[0]", DATA::toString);
        registry.add("gan.data.download.mirror", () -> MIRROR.uri().toString());
        md5.forEach((name, sum) -> registry.add("gan.data.download.md5[" + name + "]", () -> sum));
    }

    @LocalServerPort int port;

    private Http http;

    @BeforeEach
    void connect() {
        http = new Http(port);
    }

    @AfterAll
    static void stopMirror() {
        MIRROR.close();
    }

    @Test
    @Order(1)
    void aCorruptMirrorFailsTheJobClearlyAndLeavesNoFiles() {
        byte[] corrupt = GOOD.get(IMAGES).clone();
        corrupt[corrupt.length / 2] ^= 0x5a;
        MIRROR.serve(IMAGES, corrupt);

        JsonNode job = runToEnd("{\"epochs\": 1, \"batchSize\": 16}");

        assertThat(job.get("status").asString()).isEqualTo("FAILED");
        assertThat(job.get("error").asString()).contains(IMAGES, "MD5", "expected");
        assertThat(TestFolders.names(DATA).filter(name -> name.contains(IMAGES))).isEmpty();
        assertThat(TestFolders.names(DATA)).noneMatch(name -> name.endsWith(".part"));
    }

    @Test
    @Order(2)
    void aConnectionDroppedMidFileFailsTheJobAndLeavesNoFiles() {
        MIRROR.cutOff(IMAGES, GOOD.get(IMAGES));

        JsonNode job = runToEnd("{\"epochs\": 1, \"batchSize\": 16}");

        assertThat(job.get("status").asString()).isEqualTo("FAILED");
        assertThat(job.get("error").asString()).contains(IMAGES, "failed");
        assertThat(TestFolders.names(DATA)).noneMatch(name -> name.contains(IMAGES));
    }

    @Test
    @Order(3)
    void aGoodMirrorIsDownloadedVerifiedAndTrainedOn() throws IOException {
        MIRROR.serve(IMAGES, GOOD.get(IMAGES));

        Http.Response accepted = http.postJson("/train", "{\"epochs\": 1, \"batchSize\": 16}");
        assertThat(accepted.status()).isEqualTo(202);
        assertThat(accepted.json().get("images").asInt()).isZero();
        JsonNode job = waitForEnd(accepted.json().get("id").asString());

        assertThat(job.get("status").asString()).as(job.toString()).isEqualTo("SUCCEEDED");
        assertThat(job.get("images").asInt()).isEqualTo(96);
        assertThat(job.get("download").isNull()).isTrue();
        for (Map.Entry<String, byte[]> file : GOOD.entrySet()) {
            assertThat(Files.readAllBytes(DATA.resolve(file.getKey()))).isEqualTo(file.getValue());
        }
        assertThat(TestFolders.names(DATA)).hasSize(GOOD.size());
    }

    private JsonNode runToEnd(String body) {
        Http.Response accepted = http.postJson("/train", body);
        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(202);
        return waitForEnd(accepted.json().get("id").asString());
    }

    private JsonNode waitForEnd(String id) {
        return Polling.until(
                () -> http.get("/train/" + id).json(),
                job -> !job.get("status").asString().matches("QUEUED|RUNNING"),
                Duration.ofMinutes(2),
                "job " + id + " to end");
    }

    private static Map<String, byte[]> goodFiles() {
        try {
            Path images = TestImages.writeRandomIdx(ROOT.resolve("mirror/" + IMAGES), 96, 5);
            return Map.of(
                    IMAGES,
                    Files.readAllBytes(images),
                    "train-labels-idx1-ubyte.gz",
                    new byte[] {1, 2, 3},
                    "t10k-images-idx3-ubyte.gz",
                    new byte[] {4, 5, 6},
                    "t10k-labels-idx1-ubyte.gz",
                    new byte[] {7, 8, 9});
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
