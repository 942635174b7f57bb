package dev.ganservice.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ganservice.data.IdxImages;
import dev.ganservice.support.Http;
import dev.ganservice.support.Polling;
import dev.ganservice.support.TestFolders;
import dev.ganservice.support.TestImages;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
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
    private static final Path IMAGES = DATA.resolve("train-images-idx3-ubyte");

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

    @Test
    void aTruncatedFileFailsTheJobWithAMessageNamingTheFile() throws IOException {
        byte[] idx = TestImages.idxBytes(new IdxImages(64, 28, 28, new byte[64 * 784]));
        Files.write(IMAGES, Arrays.copyOf(idx, idx.length - 100));

        Http.Response accepted = http.postJson("/train", "{\"batchSize\": 16}");
        assertThat(accepted.status()).isEqualTo(202);
        String id = accepted.json().get("id").asString();

        JsonNode job =
                Polling.until(
                        () -> http.get("/train/" + id).json(),
                        state -> state.get("status").asString().equals("FAILED"),
                        Duration.ofMinutes(1),
                        "the job to fail");
        assertThat(job.get("error").asString()).contains(IMAGES.toString(), "truncated");
        assertThat(job.get("history")).isEmpty();
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
}
