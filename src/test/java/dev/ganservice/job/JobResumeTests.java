package dev.ganservice.job;

import static dev.ganservice.job.JobServiceFixture.awaitStatus;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.ganservice.data.IdxImages;
import dev.ganservice.storage.CheckpointInfo;
import dev.ganservice.support.TestFolders;
import dev.ganservice.support.TestImages;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Resuming stopped jobs: a resumed job trains exactly as if it had never stopped, skips checkpoints
 * it cannot read, and is refused when there is nothing to resume.
 */
class JobResumeTests {

    /**
     * Losses of a resumed epoch may differ from the straight run's by this much. Checkpoints hold
     * the exact float parameters and Adam moments, so on one machine the runs agree bit for bit;
     * the margin leaves room for a BLAS that splits its sums differently between runs.
     */
    static final double TOLERANCE = 1e-6;

    private static final JobParameters PARAMETERS =
            new JobParameters(3, 64, 100, 2e-4, 0.5, 20261204, 256, 28, 28, 1);

    @TempDir Path root;

    private JobServiceFixture fixture;

    @BeforeEach
    void fixture() {
        fixture = new JobServiceFixture(root);
    }

    @AfterEach
    void stop() throws InterruptedException {
        fixture.close();
    }

    @Test
    void aResumedJobGivesTheLossesOfAnUninterruptedOne() {
        JobService service = fixture.start();
        String straight = service.submit(PARAMETERS).id();
        List<EpochSummary> expected = awaitStatus(service, straight, JobStatus.SUCCEEDED).history();

        JobSnapshot cancelled = cancelledAfter(service, 1);
        String stopped = cancelled.id();
        assertThat(cancelled.history()).extracting(EpochSummary::epoch).containsExactly(1);
        assertThat(cancelled.epoch()).isEqualTo(1);
        assertThat(cancelled.imagesPerSecond()).isZero();
        assertThat(cancelled.cancelRequested()).isFalse();

        JobSnapshot queued = service.resume(stopped);
        assertThat(queued.status()).isEqualTo(JobStatus.QUEUED);
        assertThat(queued.resumes()).isEqualTo(1);
        assertThat(queued.epoch()).isEqualTo(1);
        assertThat(queued.error()).isNull();
        JobSnapshot finished = awaitStatus(service, stopped, JobStatus.SUCCEEDED);
        assertThat(finished.startedAt()).isEqualTo(cancelled.startedAt());
        List<EpochSummary> resumed = finished.history();

        assertThat(resumed).extracting(EpochSummary::epoch).containsExactly(1, 2, 3);
        double largest = 0;
        for (int i = 0; i < expected.size(); i++) {
            largest =
                    Math.max(
                            largest,
                            Math.max(
                                    Math.abs(
                                            resumed.get(i).discriminatorLoss()
                                                    - expected.get(i).discriminatorLoss()),
                                    Math.abs(
                                            resumed.get(i).generatorLoss()
                                                    - expected.get(i).generatorLoss())));
        }
        System.out.printf("Resumed run vs straight run: largest loss difference %.3g%n", largest);
        for (int i = 0; i < expected.size(); i++) {
            EpochSummary want = expected.get(i);
            EpochSummary got = resumed.get(i);
            assertThat(got.discriminatorLoss())
                    .as("D loss of epoch %d", want.epoch())
                    .isCloseTo(want.discriminatorLoss(), within(TOLERANCE));
            assertThat(got.generatorLoss())
                    .as("G loss of epoch %d", want.epoch())
                    .isCloseTo(want.generatorLoss(), within(TOLERANCE));
            assertThat(got.realScore()).isCloseTo(want.realScore(), within(TOLERANCE));
            assertThat(got.fakeScore()).isCloseTo(want.fakeScore(), within(TOLERANCE));
        }
    }

    @Test
    void skipsACheckpointItCannotReadAndTrainsThatEpochAgain() throws IOException {
        JobService service = fixture.start();
        JobSnapshot cancelled = cancelledAfter(service, 2);
        String id = cancelled.id();
        Path newest = Path.of(cancelled.runFolder()).resolve("epoch-002.zip");
        byte[] whole = Files.readAllBytes(newest);
        Files.write(newest, java.util.Arrays.copyOf(whole, whole.length / 2));

        service.resume(id);
        JobSnapshot finished = awaitStatus(service, id, JobStatus.SUCCEEDED);

        assertThat(finished.history()).extracting(EpochSummary::epoch).containsExactly(1, 2, 3);
        CheckpointInfo rewritten = fixture.checkpoints().readInfo(newest);
        assertThat(rewritten.epoch()).isEqualTo(2);
        fixture.checkpoints().read(newest);
    }

    @Test
    void startsAgainWhenNoCheckpointCanBeRead() throws IOException {
        JobService service = fixture.start();
        JobSnapshot cancelled = cancelledAfter(service, 1);
        String id = cancelled.id();
        Files.write(Path.of(cancelled.runFolder()).resolve("epoch-001.zip"), new byte[0]);

        service.resume(id);

        assertThat(awaitStatus(service, id, JobStatus.SUCCEEDED).history())
                .extracting(EpochSummary::epoch)
                .containsExactly(1, 2, 3);
    }

    @Test
    void refusesToResumeOnDataOfAnotherShapeAsNotResumable() throws IOException {
        JobService service = fixture.start();
        String id = cancelledAfter(service, 1).id();
        Path data = fixture.data.resolve("train-images-idx3-ubyte.gz");
        byte[] original = Files.readAllBytes(data);
        TestImages.writeIdx(
                data,
                new IdxImages(
                        JobServiceFixture.IMAGES, 8, 8, new byte[JobServiceFixture.IMAGES * 64]));
        try {
            assertThatThrownBy(() -> service.resume(id))
                    .isInstanceOf(JobNotResumableException.class)
                    .hasMessageContaining("cannot be resumed")
                    .hasMessageContaining("width 28");
        } finally {
            Files.write(data, original);
        }
        assertThat(service.get(id).status()).isEqualTo(JobStatus.CANCELLED);
    }

    @Test
    void refusesToResumeWhatIsRunningOrDone() {
        JobService service = fixture.start();
        String id = service.submit(PARAMETERS).id();
        assertThatThrownBy(() -> service.resume(id))
                .isInstanceOf(JobNotResumableException.class)
                .hasMessageContaining("cannot be resumed");

        awaitStatus(service, id, JobStatus.SUCCEEDED);

        assertThatThrownBy(() -> service.resume(id))
                .isInstanceOf(JobNotResumableException.class)
                .hasMessageContaining("finished every epoch");
        assertThatThrownBy(() -> service.resume("2020-01-01_00-00-00"))
                .isInstanceOf(JobNotFoundException.class);
    }

    @Test
    void keepsOnlyTheNewestCheckpointsButEveryGrid() {
        JobService service = fixture.start(2, false);
        String id =
                service.submit(new JobParameters(4, 64, 100, 2e-4, 0.5, 7, 128, 28, 28, 1)).id();

        JobSnapshot done = awaitStatus(service, id, JobStatus.SUCCEEDED);

        Path folder = Path.of(done.runFolder());
        assertThat(TestFolders.names(folder))
                .containsExactlyInAnyOrder(
                        "epoch-003.zip",
                        "epoch-004.zip",
                        "epoch-001.png",
                        "epoch-002.png",
                        "epoch-003.png",
                        "epoch-004.png",
                        "run.json");
        assertThat(done.history())
                .extracting(EpochSummary::checkpoint)
                .containsExactly(null, null, "epoch-003.zip", "epoch-004.zip");
        assertThat(TestFolders.readJson(folder.resolve("run.json")).get("job").get("history"))
                .extracting(epoch -> epoch.get("checkpoint").isNull())
                .containsExactly(true, true, false, false);
    }

    /**
     * A job of {@link #PARAMETERS} cancelled on the trainer's thread as soon as {@code epoch} ends,
     * before the next epoch's first batch.
     */
    private JobSnapshot cancelledAfter(JobService service, int epoch) {
        fixture.onEvent(
                event -> {
                    if (event instanceof EpochEnded ended && ended.epoch().epoch() == epoch) {
                        service.cancel(ended.job());
                    }
                });
        String id = service.submit(PARAMETERS).id();
        JobSnapshot cancelled = awaitStatus(service, id, JobStatus.CANCELLED);
        fixture.onEvent(event -> {});
        return cancelled;
    }
}
