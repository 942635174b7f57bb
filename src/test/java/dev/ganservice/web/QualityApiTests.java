package dev.ganservice.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ganservice.support.Http;
import dev.ganservice.support.Polling;
import dev.ganservice.support.TestFolders;
import dev.ganservice.support.TestImages;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.IntStream;
import java.util.stream.Stream;
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
 * The service on a small slice of real Fashion-MNIST with labels and a test split, so that every
 * epoch is scored: the scores in the job, the metrics, and {@code GET /samples?epoch=best}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class QualityApiTests {

    static final Path ROOT = TestFolders.create("quality-api");

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) throws IOException {
        Path data = TestImages.writeFashionMnistSubset(ROOT.resolve("data"), 512, 300);
        registry.add("gan.runs-dir", () -> ROOT.resolve("runs").toString());
        registry.add("gan.data.dirs[0]", data::toString);
        registry.add("gan.quality.samples", () -> "200");
        registry.add("gan.quality.classifier-epochs", () -> "1");
        registry.add("gan.quality.classifier-images", () -> "512");
    }

    @LocalServerPort int port;

    Http http;

    @BeforeEach
    void connect() {
        http = new Http(port);
    }

    @Test
    void scoresEveryEpochAndServesTheBestScoredOne() throws IOException {
        String id = start("{\"epochs\": 3, \"batchSize\": 64, \"seed\": 5}");
        String cancelled = start("{\"epochs\": 1}");
        assertThat(http.delete("/train/" + cancelled).status()).isEqualTo(200);

        Http.Response unscored = http.get("/samples?job=" + cancelled + "&epoch=best");
        assertThat(unscored.status()).as(unscored.toString()).isEqualTo(404);
        assertThat(unscored.json().get("type").asString())
                .isEqualTo("urn:gan-service:problem:no-scored-epoch");
        assertThat(unscored.json().get("detail").asString()).contains("not finished an epoch");

        JsonNode done = waitForEnd(id);
        assertThat(done.get("status").asString()).isEqualTo("SUCCEEDED");
        JsonNode history = done.get("history");
        assertThat(history).hasSize(3);
        history.forEach(
                epoch -> {
                    assertThat(epoch.get("fid").asDouble()).isPositive();
                    assertThat(epoch.get("fidSeconds").asDouble()).isPositive();
                });
        int best =
                IntStream.range(0, 3)
                                .boxed()
                                .min((a, b) -> Double.compare(fid(history, a), fid(history, b)))
                                .orElseThrow()
                        + 1;

        Http.Response sample = http.get("/samples?job=" + id + "&epoch=best&count=4&seed=9");
        assertThat(sample.status()).as(sample.toString()).isEqualTo(200);
        assertThat(sample.header(SamplesController.EPOCH_HEADER)).isEqualTo(String.valueOf(best));
        assertThat(sample.body())
                .isEqualTo(
                        http.get("/samples?job=" + id + "&epoch=" + best + "&count=4&seed=9")
                                .body());
        assertThat(sample.header("Cache-Control")).isEqualTo("no-store");

        String walk = "/samples/interpolation?steps=3&rows=2&seed=9&job=" + id + "&epoch=";
        Http.Response bestWalk = http.get(walk + "best");
        assertThat(bestWalk.status()).as(bestWalk.toString()).isEqualTo(200);
        assertThat(bestWalk.header(SamplesController.EPOCH_HEADER)).isEqualTo(String.valueOf(best));
        assertThat(bestWalk.header("ETag")).isNull();
        assertThat(bestWalk.body()).isEqualTo(http.get(walk + best).body());

        Path bestCheckpoint =
                ROOT.resolve("runs").resolve(id).resolve(String.format("epoch-%03d.zip", best));
        Path aside = bestCheckpoint.resolveSibling("aside.zip");
        Files.move(bestCheckpoint, aside);
        try {
            int nextBest =
                    IntStream.range(0, 3)
                                    .filter(index -> index + 1 != best)
                                    .boxed()
                                    .min((a, b) -> Double.compare(fid(history, a), fid(history, b)))
                                    .orElseThrow()
                            + 1;
            Http.Response fallback = http.get("/samples?job=" + id + "&epoch=best&count=1");
            assertThat(fallback.status()).as(fallback.toString()).isEqualTo(200);
            assertThat(fallback.header(SamplesController.EPOCH_HEADER))
                    .isEqualTo(String.valueOf(nextBest));
        } finally {
            Files.move(aside, bestCheckpoint);
        }

        String scrape = http.get("/actuator/prometheus").text();
        String tag = "job=\"" + id + "\"";
        assertThat(scrape)
                .contains(
                        "gan_training_quality{" + tag,
                        "gan_training_quality_duration_seconds_count{" + tag,
                        "gan_quality_classifier_accuracy ",
                        "gan_quality_floor ");
        assertThat(TestFolders.names(ROOT.resolve("runs").resolve(".quality")))
                .contains("classifier.json", "classifier.zip", "test-features.bin");
    }

    static Stream<Arguments> badEpochs() {
        return Stream.of(
                Arguments.of("job=2026-12-04_16-37-00&epoch=worst", "epoch", "or best"),
                Arguments.of("job=2026-12-04_16-37-00&epoch=9999999999", "epoch", "whole number"),
                Arguments.of("job=2026-12-04_16-37-00&epoch=0", "epoch", "at least 1"),
                Arguments.of("epoch=best", "job", "epoch needs job"));
    }

    @ParameterizedTest(name = "GET /samples?{0} -> 400 naming {1}")
    @MethodSource("badEpochs")
    void refusesEpochsThatAreNeitherANumberNorBest(String query, String field, String mention) {
        Http.Response response = http.get("/samples?" + query);

        ApiTestBase.assertProblem(response, 400);
        assertThat(response.json().get("field").asString()).isEqualTo(field);
        assertThat(response.json().get("detail").asString()).contains(mention);
    }

    @Test
    void bestOfAJobNobodyKnowsIsNotFound() {
        Http.Response response = http.get("/samples?job=2001-01-01_00-00-00&epoch=best");

        ApiTestBase.assertProblem(response, 404);
        assertThat(response.json().get("type").asString())
                .isEqualTo("urn:gan-service:problem:job-not-found");
    }

    private String start(String body) {
        Http.Response response = http.postJson("/train", body);
        assertThat(response.status()).as(response.toString()).isEqualTo(202);
        return response.json().get("id").asString();
    }

    private JsonNode waitForEnd(String id) {
        return Polling.until(
                () -> http.get("/train/" + id).json(),
                job -> !job.get("status").asString().matches("QUEUED|RUNNING"),
                Duration.ofMinutes(3),
                "job " + id + " to end");
    }

    private static double fid(JsonNode history, int index) {
        return history.get(index).get("fid").asDouble();
    }
}
