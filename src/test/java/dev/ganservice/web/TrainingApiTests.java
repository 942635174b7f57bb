package dev.ganservice.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ganservice.support.Http;
import dev.ganservice.support.Polling;
import dev.ganservice.support.TestFolders;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The life of a job through the HTTP API, against the running service. */
class TrainingApiTests extends ApiTestBase {

    @Test
    void acceptedJobTrainsToSuccessAndLeavesACompleteRunFolder() {
        Http.Response accepted =
                http.postJson(
                        "/train",
                        "{\"epochs\": 2, \"batchSize\": 64, \"limit\": 256, \"seed\": 5}");

        assertThat(accepted.status()).isEqualTo(202);
        JsonNode job = accepted.json();
        String id = job.get("id").asString();
        assertThat(accepted.header("Location")).isEqualTo("/train/" + id);
        assertThat(job.get("status").asString()).isIn("QUEUED", "RUNNING");
        assertThat(job.get("parameters").get("seed").asLong()).isEqualTo(5);
        assertThat(job.get("images").asInt()).isEqualTo(256);

        JsonNode done = waitForEnd(id);
        assertThat(done.get("status").asString()).isEqualTo("SUCCEEDED");
        assertThat(done.get("epoch").asInt()).isEqualTo(2);
        assertThat(done.get("batch").asInt()).isEqualTo(4);
        assertThat(done.get("batchesPerEpoch").asInt()).isEqualTo(4);
        assertThat(done.get("finishedAt").isNull()).isFalse();
        assertThat(done.get("history")).hasSize(2);
        JsonNode first = done.get("history").get(0);
        assertThat(first.get("checkpoint").asString()).isEqualTo("epoch-001.zip");
        assertThat(first.get("grid").asString()).isEqualTo("epoch-001.png");
        assertThat(first.get("realScore").asDouble()).isBetween(0.0, 1.0);

        Path folder = Path.of(done.get("runFolder").asString());
        assertThat(folder.getParent()).isEqualTo(RUNS);
        assertThat(folder.getFileName().toString()).isEqualTo(id);
        assertThat(TestFolders.names(folder))
                .containsExactlyInAnyOrder(
                        "epoch-001.zip",
                        "epoch-002.zip",
                        "epoch-001.png",
                        "epoch-002.png",
                        "run.json");
        JsonNode manifest = TestFolders.readJson(folder.resolve("run.json"));
        assertThat(manifest.get("job").get("status").asString()).isEqualTo("SUCCEEDED");
        assertThat(manifest.get("job").get("history")).hasSize(2);
        assertThat(manifest.get("dataSet").get("images").asInt()).isEqualTo(256);
        assertThat(manifest.get("software").get("deeplearning4j").asString())
                .isEqualTo("1.0.0-M2.1");
    }

    @Test
    void emptyBodyStartsAJobWithEveryDefault() {
        Http.Response accepted = http.post("/train", null);

        assertThat(accepted.status()).isEqualTo(202);
        JsonNode parameters = accepted.json().get("parameters");
        assertThat(parameters.get("epochs").asInt()).isEqualTo(10);
        assertThat(parameters.get("batchSize").asInt()).isEqualTo(128);
        assertThat(parameters.get("latentSize").asInt()).isEqualTo(100);
        assertThat(parameters.get("learningRate").asDouble()).isEqualTo(0.0002);
        assertThat(parameters.get("beta1").asDouble()).isEqualTo(0.5);
        assertThat(parameters.get("width").asInt()).isEqualTo(28);
        assertThat(parameters.get("height").asInt()).isEqualTo(28);
        assertThat(parameters.get("channels").asInt()).isEqualTo(1);
        assertThat(parameters.get("limit").isNull()).isTrue();
        assertThat(parameters.get("seed").isIntegralNumber()).isTrue();
        assertThat(accepted.json().get("images").asInt()).isEqualTo(DATA_SET_IMAGES);

        String id = accepted.json().get("id").asString();
        assertThat(http.delete("/train/" + id).status()).isEqualTo(200);
        assertThat(waitForEnd(id).get("status").asString()).isEqualTo("CANCELLED");
    }

    @Test
    void listsJobsNewestFirst() {
        String older = start("{\"epochs\": 1, \"limit\": 64, \"batchSize\": 32}");
        String newer = start("{\"epochs\": 1, \"limit\": 64, \"batchSize\": 32}");
        waitForEnd(newer);

        JsonNode list = http.get("/train").json();

        assertThat(list.isArray()).isTrue();
        int olderAt = -1;
        int newerAt = -1;
        for (int i = 0; i < list.size(); i++) {
            String id = list.get(i).get("id").asString();
            olderAt = id.equals(older) ? i : olderAt;
            newerAt = id.equals(newer) ? i : newerAt;
        }
        assertThat(newerAt).isNotNegative().isLessThan(olderAt);
    }

    @Test
    void cancellingStillWorksWhenTheRunFolderWasDeletedBehindTheServicesBack()
            throws java.io.IOException {
        String busy = start("{\"epochs\": 1000, \"limit\": 64, \"batchSize\": 32}");
        String queued = start("{\"epochs\": 1, \"limit\": 64, \"batchSize\": 32}");
        try (var files = java.nio.file.Files.walk(RUNS.resolve(queued))) {
            files.sorted(java.util.Comparator.reverseOrder())
                    .forEach(file -> file.toFile().delete());
        }

        Http.Response cancelled = http.delete("/train/" + queued);

        assertThat(cancelled.status()).as(cancelled.toString()).isEqualTo(200);
        assertThat(cancelled.json().get("status").asString()).isEqualTo("CANCELLED");
        assertThat(http.delete("/train/" + busy).status()).isEqualTo(200);
        waitForEnd(busy);
    }

    @Test
    void cancellingAnEndedJobIsAConflict() {
        String id = start("{\"epochs\": 1, \"limit\": 64, \"batchSize\": 32}");
        waitForEnd(id);

        Http.Response response = http.delete("/train/" + id);

        assertProblem(response, 409);
        assertThat(response.json().get("detail").asString()).contains(id, "SUCCEEDED");
    }

    @Test
    void aCancelledJobResumesAndFinishesWhereItLeftOff() {
        String id = start("{\"epochs\": 1000, \"limit\": 64, \"batchSize\": 32}");
        Http.Response running = http.post("/train/" + id + "/resume", null);
        assertProblem(running, 409);
        assertThat(running.json().get("detail").asString()).contains(id, "cannot be resumed");
        http.delete("/train/" + id);
        assertThat(waitForEnd(id).get("status").asString()).isEqualTo("CANCELLED");

        Http.Response resumed = http.post("/train/" + id + "/resume", null);

        assertThat(resumed.status()).as(resumed.toString()).isEqualTo(202);
        assertThat(resumed.header("Location")).isEqualTo("/train/" + id);
        assertThat(resumed.json().get("status").asString()).isEqualTo("QUEUED");
        assertThat(resumed.json().get("resumes").asInt()).isEqualTo(1);
        assertThat(resumed.json().get("error").isNull()).isTrue();
        Polling.until(
                () -> http.get("/train/" + id).json(),
                job -> job.get("status").asString().equals("RUNNING"),
                Duration.ofMinutes(1),
                "the resumed job to run");
        assertThat(http.delete("/train/" + id).status()).isEqualTo(200);
        assertThat(waitForEnd(id).get("status").asString()).isEqualTo("CANCELLED");
    }

    @Test
    void resumingWhatDoesNotExistOrIsNotAnIdIsAProblem() {
        Http.Response unknown = http.post("/train/2001-01-01_00-00-00/resume", null);
        Http.Response malformed = http.post("/train/..%2F..%2Fetc/resume", null);

        assertProblem(unknown, 404);
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.text()).doesNotContain("Exception", "\tat ");
    }

    @Test
    void unknownAndMalformedJobIdsAreProblems() {
        Http.Response unknown = http.get("/train/2001-01-01_00-00-00");
        Http.Response malformed = http.get("/train/not-an-id");

        assertProblem(unknown, 404);
        assertThat(unknown.json().get("title").asString()).isEqualTo("Job not found");
        assertThat(unknown.json().get("detail").asString()).contains("2001-01-01_00-00-00");
        assertProblem(malformed, 400);
        assertThat(malformed.json().get("field").asString()).isEqualTo("id");
        assertThat(http.delete("/train/2001-01-01_00-00-00").status()).isEqualTo(404);
    }
}
