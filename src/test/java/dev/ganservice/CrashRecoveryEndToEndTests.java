package dev.ganservice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.ganservice.storage.AtomicFiles;
import dev.ganservice.storage.CheckpointFiles;
import dev.ganservice.support.Http;
import dev.ganservice.support.Polling;
import dev.ganservice.support.ServiceProcess;
import dev.ganservice.support.TestFolders;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The packaged jar killed with SIGKILL, once in the middle of an epoch and once in the middle of
 * writing a checkpoint, then started again on the same runs folder: jobs come back interrupted,
 * every checkpoint on disk loads, and the resumed job ends with the losses of one that never
 * stopped.
 */
class CrashRecoveryEndToEndTests {

    private static final Path REAL_DATA = Path.of("/usr/share/datasets/fashion-mnist");
    private static final String JOB =
            "{\"epochs\": 4, \"limit\": 2000, \"batchSize\": 128, \"seed\": 20261204}";
    private static final Pattern CHECKPOINT_BEING_WRITTEN =
            Pattern.compile("\\.epoch-\\d+\\.zip\\..*\\" + AtomicFiles.TEMPORARY_SUFFIX);

    /** As in JobResumeTests: checkpoints are exact, so only BLAS summation order may differ. */
    private static final double TOLERANCE = 1e-6;

    private final Path work = TestFolders.create("e2e-crash");
    private final Path runs = work.resolve("runs");
    private final CheckpointFiles checkpoints = new CheckpointFiles(JsonMapper.builder().build());

    @Test
    void jobsSurviveKillsMidEpochAndMidCheckpoint() throws IOException {
        String resumed;
        String neverStarted;
        try (ServiceProcess first = start("first", List.of())) {
            Http http = first.http();
            resumed = submit(http);
            neverStarted = submit(http);
            Polling.until(
                    () -> http.get("/train/" + resumed).json(),
                    job -> job.get("epoch").asInt() == 2 && job.get("batch").asInt() >= 1,
                    Duration.ofMinutes(3),
                    "the first job to be inside epoch 2");
            first.kill();
        }

        try (ServiceProcess second = start("second", List.of())) {
            Http http = second.http();
            JsonNode interrupted = http.get("/train/" + resumed).json();
            assertThat(interrupted.get("status").asString()).isEqualTo("INTERRUPTED");
            assertThat(interrupted.get("epoch").asInt()).isEqualTo(1);
            assertThat(interrupted.get("history")).hasSize(1);
            JsonNode waiting = http.get("/train/" + neverStarted).json();
            assertThat(waiting.get("status").asString()).isEqualTo("INTERRUPTED");
            assertThat(waiting.get("epoch").asInt()).isZero();
            assertThat(http.get("/train").json())
                    .noneSatisfy(
                            job ->
                                    assertThat(job.get("status").asString())
                                            .isIn("RUNNING", "QUEUED"));
            everyCheckpointLoads();

            Http.Response resume = http.post("/train/" + resumed + "/resume", null);
            assertThat(resume.status()).as(resume.toString()).isEqualTo(202);
            Path leftover = killWhileWritingACheckpoint(second, runs.resolve(resumed));
            assertThat(leftover).as("a checkpoint the kill cut short").exists();
        }

        List<String> arguments = List.of("--gan.jobs.auto-resume=true");
        try (ServiceProcess third = start("third", arguments)) {
            Http http = third.http();
            assertThat(third.log()).contains("Deleted 1 unfinished file(s)");
            assertThat(TestFolders.names(runs.resolve(resumed)))
                    .noneMatch(name -> name.endsWith(AtomicFiles.TEMPORARY_SUFFIX));

            JsonNode straight = awaitSuccess(http, neverStarted);
            JsonNode continued = awaitSuccess(http, resumed);

            assertThat(continued.get("resumes").asInt()).isEqualTo(2);
            assertThat(straight.get("resumes").asInt()).isEqualTo(1);
            for (int i = 0; i < 4; i++) {
                JsonNode want = straight.get("history").get(i);
                JsonNode got = continued.get("history").get(i);
                assertThat(got.get("epoch").asInt()).isEqualTo(i + 1);
                for (String loss : List.of("discriminatorLoss", "generatorLoss")) {
                    assertThat(got.get(loss).asDouble())
                            .as("%s of epoch %d", loss, i + 1)
                            .isCloseTo(want.get(loss).asDouble(), within(TOLERANCE));
                }
            }
        }
        everyCheckpointLoads();
    }

    /**
     * Starts the jar on the shared runs folder; each start keeps its log in a folder of its own.
     */
    private ServiceProcess start(String name, List<String> more) {
        List<String> arguments =
                Stream.concat(
                                Stream.of(
                                        "--gan.data.dirs[0]=" + REAL_DATA,
                                        "--gan.runs-dir=" + runs,
                                        // Kills are timed against checkpoints, not scoring.
                                        "--gan.quality.enabled=false"),
                                more.stream())
                        .toList();
        return ServiceProcess.start(work.resolve(name), List.of("-Xmx1g"), arguments);
    }

    private static String submit(Http http) {
        Http.Response accepted = http.postJson("/train", JOB);
        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(202);
        return accepted.json().get("id").asString();
    }

    /**
     * Watches the run folder for a checkpoint's temporary file and kills the service the moment one
     * appears, then returns it. Writing takes tens of milliseconds, a look a fraction of one.
     */
    private static Path killWhileWritingACheckpoint(ServiceProcess service, Path folder)
            throws IOException {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (System.nanoTime() < deadline) {
            Optional<Path> writing;
            try (Stream<Path> files = Files.list(folder)) {
                writing =
                        files.filter(
                                        file ->
                                                CHECKPOINT_BEING_WRITTEN
                                                        .matcher(file.getFileName().toString())
                                                        .matches())
                                .findFirst();
            }
            if (writing.isPresent()) {
                service.kill();
                return writing.get();
            }
            Thread.onSpinWait();
        }
        throw new AssertionError("no checkpoint was written within 3 minutes:\n" + service.log());
    }

    private void everyCheckpointLoads() throws IOException {
        try (Stream<Path> files = Files.walk(runs)) {
            List<Path> zips =
                    files.filter(file -> file.getFileName().toString().matches("epoch-\\d+\\.zip"))
                            .toList();
            assertThat(zips).isNotEmpty();
            for (Path zip : zips) {
                checkpoints.verify(zip);
                checkpoints.read(zip);
            }
        }
    }

    private static JsonNode awaitSuccess(Http http, String id) {
        JsonNode job =
                Polling.until(
                        () -> http.get("/train/" + id).json(),
                        state -> !state.get("status").asString().matches("QUEUED|RUNNING"),
                        Duration.ofMinutes(5),
                        "job " + id + " to end");
        assertThat(job.get("status").asString()).as(job.toString()).isEqualTo("SUCCEEDED");
        assertThat(job.get("history")).hasSize(4);
        return job;
    }
}
