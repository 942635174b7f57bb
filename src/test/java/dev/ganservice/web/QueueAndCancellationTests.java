package dev.ganservice.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ganservice.support.Http;
import dev.ganservice.support.Polling;
import dev.ganservice.support.TestFolders;
import dev.ganservice.support.TestImages;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/** One worker and a queue of one: admission, 429, and cancelling queued and running jobs. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class QueueAndCancellationTests {

    private static final Path ROOT = TestFolders.create("queue");
    private static final String LONG_JOB = "{\"epochs\": 1000, \"batchSize\": 32, \"limit\": 256}";

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) throws IOException {
        Path data = ROOT.resolve("data");
        TestImages.writeRandomIdx(data.resolve("train-images-idx3-ubyte.gz"), 256, 2);
        registry.add("gan.runs-dir", () -> ROOT.resolve("runs").toString());
        registry.add("gan.data.dirs[0]", data::toString);
        registry.add("gan.workers", () -> "1");
        registry.add("gan.queue-capacity", () -> "1");
    }

    @LocalServerPort int port;

    @Test
    void fullQueueRefusesWithRetryAfterAndCancellationFreesIt() {
        Http http = new Http(port);
        String running = id(http.postJson("/train", LONG_JOB));
        String queued = id(http.postJson("/train", LONG_JOB));

        Http.Response refused = http.postJson("/train", LONG_JOB);
        ApiTestBase.assertProblem(refused, 429);
        assertThat(refused.header("Retry-After")).isEqualTo("30");
        assertThat(refused.json().get("detail").asString()).contains("gan.queue-capacity");
        assertThat(status(http, queued)).isEqualTo("QUEUED");

        JsonNode cancelledWhileQueued = http.delete("/train/" + queued).json();
        assertThat(cancelledWhileQueued.get("status").asString()).isEqualTo("CANCELLED");
        assertThat(cancelledWhileQueued.get("startedAt").isNull()).isTrue();

        Polling.until(
                () -> http.get("/train/" + running).json().get("history").size(),
                epochs -> epochs >= 1,
                Duration.ofMinutes(1),
                "a first epoch");
        JsonNode cancelling = http.delete("/train/" + running).json();
        assertThat(cancelling.get("status").asString()).isIn("RUNNING", "CANCELLED");
        JsonNode cancelled =
                Polling.until(
                        () -> http.get("/train/" + running).json(),
                        job -> job.get("status").asString().equals("CANCELLED"),
                        Duration.ofMinutes(1),
                        "the running job to stop");
        int epochs = cancelled.get("history").size();
        assertThat(TestFolders.names(ROOT.resolve("runs").resolve(running)))
                .contains("epoch-001.zip", "epoch-001.png", "run.json")
                .doesNotContain(String.format("epoch-%03d.zip", epochs + 1));
        Path runJson = ROOT.resolve("runs").resolve(running).resolve("run.json");
        // run.json is rewritten just after the status changes, so it may lag the API briefly.
        Polling.until(
                () -> TestFolders.readJson(runJson).get("job").get("status").asString(),
                "CANCELLED"::equals,
                Duration.ofSeconds(10),
                "run.json to record CANCELLED");

        String next =
                id(
                        http.postJson(
                                "/train",
                                "{\"epochs\": 1, \"batchSize\": 32," + " \"limit\": 64}"));
        Polling.until(
                () -> status(http, next),
                "SUCCEEDED"::equals,
                Duration.ofMinutes(1),
                "the next job to run once the queue is free");
        assertThat(status(http, queued)).isEqualTo("CANCELLED");
    }

    private static String id(Http.Response response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(202);
        return response.json().get("id").asString();
    }

    private static String status(Http http, String id) {
        return http.get("/train/" + id).json().get("status").asString();
    }
}
