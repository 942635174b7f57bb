package dev.ganservice.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ganservice.support.Http;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** {@code GET /train/{id}/epochs/{epoch}/grid.png} against the grids a real job saved. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EpochGridApiTests extends ApiTestBase {

    private String job;

    @BeforeAll
    void trainAJob() {
        connect();
        job = start("{\"epochs\": 2, \"batchSize\": 64, \"limit\": 128, \"seed\": 4}");
        assertThat(waitForEnd(job).get("status").asString()).isEqualTo("SUCCEEDED");
    }

    @Test
    void servesTheSavedGridForeverCacheableWithAnEntityTag() throws IOException {
        Http.Response response = http.get(grid(1));

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("Content-Type")).isEqualTo("image/png");
        assertThat(response.header("Cache-Control")).isEqualTo("max-age=31536000, immutable");
        assertThat(response.header("ETag")).matches("\"[0-9a-f]{32}\"");
        assertThat(response.body())
                .isEqualTo(Files.readAllBytes(folder().resolve("epoch-001.png")));
        BufferedImage image = response.png();
        // 8x8 tiles of 28 pixels, 2 pixels between and around them, everything twice the size.
        assertThat(image.getWidth()).isEqualTo((8 * 30 + 2) * 2);
        assertThat(image.getHeight()).isEqualTo((8 * 30 + 2) * 2);
    }

    @Test
    void answersNotModifiedToAClientWithTheCurrentCopy() {
        String etag = http.get(grid(2)).header("ETag");

        Http.Response again = http.get(grid(2), "If-None-Match", etag);
        Http.Response other = http.get(grid(1), "If-None-Match", etag);

        assertThat(again.status()).isEqualTo(304);
        assertThat(again.body()).isEmpty();
        assertThat(again.header("ETag")).isEqualTo(etag);
        assertThat(other.status()).isEqualTo(200);
        assertThat(other.header("ETag")).isNotEqualTo(etag);
        Http.Response any = http.get(grid(2), "If-None-Match", "*");
        assertThat(any.status()).isEqualTo(304);
        assertThat(any.header("ETag")).isEqualTo(etag);
        assertProblem(http.get(grid(3), "If-None-Match", "*"), 404);
    }

    @Test
    void anEpochNotTrainedYetHasNoGrid() {
        Http.Response response = http.get(grid(3));

        assertProblem(response, 404);
        assertThat(response.json().get("type").asString()).endsWith(":no-grid");
        assertThat(response.json().get("detail").asString())
                .contains("no grid for epoch 3", "epochs [1, 2]");
    }

    @Test
    void aGridReplacedByALinkOrRemovedIsNotServed() throws IOException {
        Path file = folder().resolve("epoch-002.png");
        Path kept = folder().resolve("kept.png");
        Path outside = Files.writeString(ROOT.resolve("outside.png"), "not a grid");
        Files.move(file, kept);
        try {
            assertProblem(http.get(grid(2)), 404);

            Files.createSymbolicLink(file, outside);
            Http.Response linked = http.get(grid(2));

            assertProblem(linked, 404);
            assertThat(linked.text()).doesNotContain("not a grid");
        } finally {
            Files.move(kept, file, StandardCopyOption.REPLACE_EXISTING);
        }
        assertThat(http.get(grid(2)).status()).isEqualTo(200);
    }

    @Test
    void aDamagedGridOrARunFolderLinkedFromElsewhereIsNotServed() throws IOException {
        Path file = folder().resolve("epoch-001.png");
        byte[] whole = Files.readAllBytes(file);
        try {
            Files.write(file, new byte[0]);
            assertProblem(http.get(grid(1)), 404);
            Files.write(file, Arrays.copyOf(whole, whole.length - 20));
            assertProblem(http.get(grid(1)), 404);
        } finally {
            Files.write(file, whole);
        }
        assertThat(http.get(grid(1)).status()).isEqualTo(200);

        Path moved = ROOT.resolve("elsewhere-" + job);
        Files.move(folder(), moved);
        try {
            Files.createSymbolicLink(folder(), moved);
            assertProblem(http.get(grid(1)), 404);
        } finally {
            Files.delete(folder());
            Files.move(moved, folder());
        }
        assertThat(http.get(grid(1)).status()).isEqualTo(200);
    }

    @Test
    void anUnknownJobIsNotFound() {
        Http.Response response = http.get("/train/2001-01-01_00-00-00/epochs/1/grid.png");

        assertProblem(response, 404);
        assertThat(response.json().get("type").asString()).endsWith(":job-not-found");
    }

    private String grid(int epoch) {
        return "/train/" + job + "/epochs/" + epoch + "/grid.png";
    }

    private Path folder() {
        return RUNS.resolve(job);
    }
}
