package dev.ganservice.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ganservice.model.Gan;
import dev.ganservice.model.ImageShape;
import dev.ganservice.model.ModelSpec;
import dev.ganservice.storage.CheckpointFiles;
import dev.ganservice.storage.CheckpointInfo;
import dev.ganservice.storage.RunFolder;
import dev.ganservice.storage.RunsDirectory;
import dev.ganservice.support.Http;
import dev.ganservice.support.TestFolders;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The sampling concurrency limit, set to one request at a time with no waiting. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SamplesLimitTests {

    private static final Path RUNS = TestFolders.create("samples-limit").resolve("runs");
    private static final int CLIENTS = 12;

    /** 1024 images at scale 2: a 1924 x 1924 grid, a few hundred milliseconds' work. */
    private static final String LARGE = "/samples?count=1024&scale=2&seed=3";

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) {
        registry.add("gan.runs-dir", RUNS::toString);
        registry.add("gan.data.download.enabled", () -> "false");
        registry.add("gan.samples.max-concurrent", () -> "1");
        registry.add("gan.samples.max-wait", () -> "0s");
    }

    @LocalServerPort int port;

    private Http http;

    @BeforeAll
    void writeACheckpoint() throws IOException {
        RunFolder folder = new RunsDirectory(RUNS).create(LocalDateTime.of(2026, 12, 4, 12, 0));
        ModelSpec spec = new ModelSpec(ImageShape.FASHION_MNIST, 16, 2e-4, 0.5, 1);
        new CheckpointFiles(JsonMapper.builder().build())
                .write(
                        folder.checkpoint(1),
                        Gan.create(spec),
                        new CheckpointInfo(1, folder.id(), 1, spec, Instant.now(), "test"));
        http = new Http(port);
        assertThat(http.get("/samples?count=1").status()).isEqualTo(200);
    }

    @Test
    void aboveTheLimitRequestsAreToldToRetryAndBelowItAllAreServed() throws Exception {
        List<Http.Response> answers = new ArrayList<>();
        for (int round = 0; round < 5 && answers.stream().noneMatch(this::refused); round++) {
            answers.addAll(concurrently(LARGE, CLIENTS));
        }

        List<Http.Response> refused = answers.stream().filter(this::refused).toList();
        List<Http.Response> served = answers.stream().filter(a -> a.status() == 200).toList();
        assertThat(refused).as("answers 503").isNotEmpty();
        assertThat(served).as("answers 200").isNotEmpty();
        assertThat(refused.size() + served.size()).as("only 200 or 503").isEqualTo(answers.size());
        for (Http.Response response : refused) {
            ApiTestBase.assertProblem(response, 503);
            assertThat(response.header("Retry-After")).isEqualTo("2");
            JsonNode problem = response.json();
            assertThat(problem.get("type").asString())
                    .isEqualTo("urn:gan-service:problem:sampling-busy");
            assertThat(problem.get("detail").asString())
                    .contains("All 1 sampling slots", "gan.samples.max-concurrent");
        }
        for (Http.Response response : served) {
            BufferedImage grid = response.png();
            assertThat(grid.getWidth()).isEqualTo((32 * 30 + 2) * 2);
            assertThat(grid.getHeight()).isEqualTo((32 * 30 + 2) * 2);
        }
        assertThat(served.stream().map(Http.Response::body).distinct())
                .as("one seed, one image")
                .hasSize(1)
                .allSatisfy(png -> assertThat(png).isEqualTo(served.get(0).body()));

        String scrape = http.get("/actuator/prometheus").text();
        assertThat(value(scrape, "gan_samples_in_flight", "")).isZero();
        assertThat(value(scrape, "gan_samples_max_concurrent", "")).isEqualTo(1);
        assertThat(value(scrape, "gan_samples_rejected_total", "")).isEqualTo(refused.size());
        assertThat(value(scrape, "gan_samples_requests_seconds_count", "outcome=\"rejected\""))
                .isEqualTo(refused.size());

        for (int i = 0; i < 4; i++) {
            assertThat(http.get(LARGE).status()).as("one request at a time").isEqualTo(200);
        }
    }

    @Test
    void theApiDocumentationNamesTheRefusalAndItsRetryAfterHeader() {
        JsonNode refusal =
                http.get("/v3/api-docs")
                        .json()
                        .get("paths")
                        .get("/samples")
                        .get("get")
                        .get("responses")
                        .get("503");

        assertThat(refusal.get("description").asString()).contains("gan.samples.max-concurrent");
        assertThat(refusal.get("headers").has("Retry-After")).isTrue();
    }

    private boolean refused(Http.Response response) {
        return response.status() == 503;
    }

    /** {@code clients} requests for {@code path} sent at the same moment. */
    private List<Http.Response> concurrently(String path, int clients) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(clients);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Http.Response>> futures = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                futures.add(
                        threads.submit(
                                () -> {
                                    start.await();
                                    return new Http(port).get(path);
                                }));
            }
            start.countDown();
            List<Http.Response> answers = new ArrayList<>();
            for (Future<Http.Response> future : futures) {
                answers.add(future.get(2, TimeUnit.MINUTES));
            }
            return answers;
        } finally {
            threads.shutdownNow();
        }
    }

    /** The value of the first sample of {@code metric} whose labels contain {@code label}. */
    private static double value(String scrape, String metric, String label) {
        Matcher matcher =
                Pattern.compile(
                                "^" + Pattern.quote(metric) + "(\\{[^}]*\\})? (\\S+)$",
                                Pattern.MULTILINE)
                        .matcher(scrape);
        while (matcher.find()) {
            String labels = matcher.group(1) == null ? "" : matcher.group(1);
            if (labels.contains(label)) {
                return Double.parseDouble(matcher.group(2));
            }
        }
        throw new AssertionError("no " + metric + " with " + label + " in the scrape");
    }
}
