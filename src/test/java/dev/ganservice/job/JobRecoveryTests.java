package dev.ganservice.job;

import static dev.ganservice.job.JobServiceFixture.awaitStatus;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ganservice.storage.RunFolder;
import dev.ganservice.storage.RunsDirectory;
import dev.ganservice.support.Polling;
import dev.ganservice.support.TestFolders;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A service that starts on the run folders of one that died: it lists every job again, and no job
 * is shown as queued or running unless this process runs it.
 */
class JobRecoveryTests {

    private static final JobParameters PARAMETERS =
            new JobParameters(2, 64, 100, 2e-4, 0.5, 11, 256, 28, 28, 1);

    @TempDir Path root;

    private JobServiceFixture fixture;
    private RunsDirectory runs;

    @BeforeEach
    void fixture() {
        fixture = new JobServiceFixture(root);
        runs = new RunsDirectory(fixture.runs);
    }

    @AfterEach
    void stop() throws InterruptedException {
        fixture.close();
    }

    @Test
    void jobsThatWereQueuedOrRunningComeBackInterruptedAndTheRestAsTheyWere() throws IOException {
        TrainingJob queued = leftBehind(0);
        queued.persist();
        TrainingJob running = leftBehind(1);
        running.persist();
        running.start();
        running.epochFinished(epoch(1));
        TrainingJob failed = leftBehind(2);
        failed.persist();
        failed.start();
        failed.failed("out of memory");

        JobService service = fixture.start();

        Map<String, JobSnapshot> jobs =
                service.list().stream()
                        .collect(Collectors.toMap(JobSnapshot::id, Function.identity()));
        assertThat(jobs).hasSize(3);
        assertThat(jobs.get(queued.id()).status()).isEqualTo(JobStatus.INTERRUPTED);
        assertThat(jobs.get(queued.id()).epoch()).isZero();
        assertThat(jobs.get(queued.id()).error()).contains("QUEUED", "before it finished an epoch");
        JobSnapshot interrupted = jobs.get(running.id());
        assertThat(interrupted.status()).isEqualTo(JobStatus.INTERRUPTED);
        assertThat(interrupted.epoch()).isEqualTo(1);
        assertThat(interrupted.history()).hasSize(1);
        assertThat(interrupted.error())
                .contains(
                        "RUNNING",
                        "after it finished epoch 1",
                        "/train/" + running.id() + "/resume");
        assertThat(jobs.get(failed.id()).status()).isEqualTo(JobStatus.FAILED);
        assertThat(jobs.get(failed.id()).error()).isEqualTo("out of memory");
        assertThat(service.list()).extracting(JobSnapshot::id).first().isEqualTo(failed.id());

        assertThat(
                        TestFolders.readJson(running.folder().runJson())
                                .get("job")
                                .get("status")
                                .asString())
                .isEqualTo("INTERRUPTED");
        assertThat(service.count(JobStatus.RUNNING)).isZero();
        assertThat(service.count(JobStatus.QUEUED)).isZero();
    }

    @Test
    void deletesHalfWrittenFilesAndSkipsFoldersThatAreNotJobs() throws IOException {
        TrainingJob running = leftBehind(0);
        running.persist();
        running.start();
        Path leftover = running.folder().path().resolve(".epoch-001.zip.8472.tmp");
        Files.write(leftover, new byte[1000]);
        RunFolder broken = runs.create(LocalDateTime.of(2026, 12, 1, 10, 0));
        Files.writeString(broken.runJson(), "{\"job\": ");
        RunFolder empty = runs.create(LocalDateTime.of(2026, 12, 1, 11, 0));

        JobService service = fixture.start();

        assertThat(service.list()).extracting(JobSnapshot::id).containsExactly(running.id());
        assertThat(leftover).doesNotExist();
        assertThat(Files.readString(broken.runJson())).isEqualTo("{\"job\": ");
        assertThat(empty.path()).isDirectory();
    }

    @Test
    void finishedJobsSurviveARestart() {
        JobService first = fixture.start();
        String id = first.submit(PARAMETERS).id();
        awaitStatus(first, id, JobStatus.SUCCEEDED);
        JobService second = fixture.start();

        assertThat(second.get(id).status()).isEqualTo(JobStatus.SUCCEEDED);
        assertThat(second.get(id).history()).hasSize(2);
    }

    /** As GeneratorWarmer's pool did once it was shut down before the job had stopped. */
    @Test
    void aListenerThatFailsDoesNotFailTheJob() {
        JobService service = fixture.start();
        fixture.onEvent(
                event -> {
                    if (event instanceof CheckpointSaved) {
                        throw new RejectedExecutionException("the pool is shut down");
                    }
                });

        String id = service.submit(PARAMETERS).id();

        JobSnapshot finished = awaitStatus(service, id, JobStatus.SUCCEEDED);
        assertThat(finished.history()).extracting(EpochSummary::epoch).containsExactly(1, 2);
        assertThat(finished.error()).isNull();
    }

    @Test
    void autoResumeContinuesInterruptedJobsOnceTheServiceIsReady() throws IOException {
        JobService first = fixture.start();
        fixture.onEvent(
                event -> {
                    if (event instanceof EpochEnded ended && ended.epoch().epoch() == 1) {
                        first.cancel(ended.job());
                    }
                });
        String id = first.submit(PARAMETERS).id();
        awaitStatus(first, id, JobStatus.CANCELLED);
        fixture.onEvent(event -> {});
        RunFolder folder = runs.find(id).orElseThrow();
        markRunning(folder);

        JobService second = fixture.start(null, true);
        assertThat(second.get(id).status()).isEqualTo(JobStatus.INTERRUPTED);
        second.resumeInterruptedJobs();

        JobSnapshot finished = awaitStatus(second, id, JobStatus.SUCCEEDED);
        assertThat(finished.history()).extracting(EpochSummary::epoch).containsExactly(1, 2);
        assertThat(finished.resumes()).isEqualTo(1);
        assertThat(fixture.events)
                .anySatisfy(event -> assertThat(event).isInstanceOf(JobResumed.class));
    }

    @Test
    void withoutAutoResumeInterruptedJobsWait() {
        TrainingJob running = leftBehind(0);
        running.persist();
        running.start();

        JobService service = fixture.start(null, false);
        service.resumeInterruptedJobs();

        assertThat(service.get(running.id()).status()).isEqualTo(JobStatus.INTERRUPTED);
    }

    @Test
    void aServiceThatShutsDownLeavesItsJobsInterruptedNotCancelled() throws InterruptedException {
        JobService service = fixture.start();
        fixture.onEvent(
                event -> {
                    if (event instanceof EpochEnded ended && ended.epoch().epoch() == 1) {
                        // Shutdown waits for the workers, so it must not run on one; this
                        // worker waits until the shutdown has asked its job to stop.
                        new Thread(JobRecoveryTests.this::shutDown).start();
                        Polling.until(
                                () -> service.get(ended.job()),
                                JobSnapshot::cancelRequested,
                                Duration.ofSeconds(30),
                                "the shutdown to reach the job");
                    }
                });
        String running = service.submit(PARAMETERS).id();
        String queued = service.submit(PARAMETERS).id();

        JobSnapshot stopped = awaitStatus(service, running, JobStatus.INTERRUPTED);

        assertThat(stopped.error()).contains("shut down", "after it finished epoch 1");
        assertThat(service.get(queued).status()).isEqualTo(JobStatus.INTERRUPTED);
        assertThat(service.get(queued).error()).contains("before it finished an epoch");
    }

    static Stream<Arguments> damagedManifests() {
        return Stream.of(
                Arguments.of("no data file", "\"file\" : \"[^\"]*\"", "\"file\" : null"),
                Arguments.of("batch size 0", "\"batchSize\" : 64", "\"batchSize\" : 0"),
                Arguments.of(
                        "an empty history entry", "\"history\" : \\[", "\"history\" : [ null,"),
                Arguments.of("no history", "\"history\" : \\[", "\"history\" : null, \"x\" : ["),
                Arguments.of(
                        "no creation time", "\"createdAt\" : \"[^\"]*\"", "\"createdAt\" : null"),
                Arguments.of("not an object", "(?s).*", "[]"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("damagedManifests")
    void aDamagedRunJsonIsSkippedAndTheServiceStillStarts(
            String damage, String pattern, String replacement) throws IOException {
        TrainingJob sound = leftBehind(0);
        sound.persist();
        TrainingJob damaged = leftBehind(1);
        damaged.persist();
        damaged.start();
        damaged.epochFinished(epoch(1));
        String json = Files.readString(damaged.folder().runJson());
        String broken = json.replaceFirst(pattern, replacement);
        assertThat(broken).isNotEqualTo(json);
        Files.writeString(damaged.folder().runJson(), broken);

        JobService service = fixture.start(null, true);
        service.resumeInterruptedJobs();

        assertThat(service.list()).extracting(JobSnapshot::id).containsExactly(sound.id());
        assertThat(Files.readString(damaged.folder().runJson())).isEqualTo(broken);
    }

    @Test
    void aCancellationRequestedBeforeTheProcessDiedIsKept() {
        TrainingJob cancelling = leftBehind(0);
        cancelling.persist();
        cancelling.start();
        cancelling.requestCancel();

        JobService service = fixture.start(null, true);
        service.resumeInterruptedJobs();

        assertThat(service.get(cancelling.id()).status()).isEqualTo(JobStatus.CANCELLED);
    }

    @Test
    void aShutdownDuringACancellationEndsTheJobCancelled() {
        TrainingJob cancelling = leftBehind(0);
        cancelling.persist();
        cancelling.start();

        cancelling.requestCancel();
        cancelling.requestInterrupt();
        cancelling.stopped();

        assertThat(cancelling.status()).isEqualTo(JobStatus.CANCELLED);
    }

    @Test
    void aResumedJobTrainsOnTheDataFoldersNotOnAPathFromItsRunJson() {
        TrainingJob planted =
                new TrainingJob(
                        runs.create(LocalDateTime.of(2026, 12, 4, 9, 0)),
                        PARAMETERS,
                        Path.of("/etc/passwd"),
                        256,
                        Clock.systemUTC(),
                        fixture.recorder()::record);
        planted.persist();
        planted.start();
        JobService service = fixture.start();

        service.resume(planted.id());

        JobSnapshot done = awaitStatus(service, planted.id(), JobStatus.SUCCEEDED);
        assertThat(done.status()).isEqualTo(JobStatus.SUCCEEDED);
        assertThat(
                        TestFolders.readJson(planted.folder().runJson())
                                .get("dataSet")
                                .get("file")
                                .asString())
                .startsWith(fixture.data.toString());
    }

    @Test
    void aCancelledQueuedJobLeavesTheQueueAndAResumeJoinsItsEnd() {
        JobService service = fixture.start();
        JobParameters longer = new JobParameters(1000, 64, 100, 2e-4, 0.5, 1, 256, 28, 28, 1);
        String running = service.submit(longer).id();
        String first = service.submit(PARAMETERS).id();
        String second = service.submit(PARAMETERS).id();

        service.cancel(first);
        service.resume(first);
        service.cancel(running);

        JobSnapshot resumed = awaitStatus(service, first, JobStatus.SUCCEEDED);
        JobSnapshot waited = awaitStatus(service, second, JobStatus.SUCCEEDED);
        assertThat(waited.startedAt()).isBefore(resumed.startedAt());
    }

    private void shutDown() {
        try {
            fixture.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A job in a run folder, as a process that has since died wrote it. */
    private TrainingJob leftBehind(int minute) {
        RunFolder folder = runs.create(LocalDateTime.of(2026, 12, 4, 9, minute));
        RunRecorder recorder = fixture.recorder();
        return new TrainingJob(
                folder,
                PARAMETERS,
                fixture.data.resolve("train-images-idx3-ubyte.gz"),
                256,
                Clock.systemUTC(),
                recorder::record);
    }

    private static EpochSummary epoch(int epoch) {
        return new EpochSummary(
                epoch, 1.2, 0.9, 0.6, 0.4, 1.5, 170, "epoch-001.zip", "epoch-001.png", null, null);
    }

    /** Rewrites run.json as a process that died while training would have left it. */
    private void markRunning(RunFolder folder) throws IOException {
        String json = Files.readString(folder.runJson());
        Files.writeString(folder.runJson(), json.replace("\"CANCELLED\"", "\"RUNNING\""));
    }
}
