package dev.ganservice.job;

import static dev.ganservice.job.JobServiceFixture.awaitStatus;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ganservice.config.GanProperties;
import dev.ganservice.storage.RunFolder;
import dev.ganservice.storage.RunsDirectory;
import dev.ganservice.support.TestFolders;
import dev.ganservice.support.TestImages;
import dev.ganservice.support.TestSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDateTime;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** Jobs score each epoch's generator, or train unscored when scoring cannot be done. */
class EpochScoringTests {

    private static final JobParameters PARAMETERS =
            new JobParameters(2, 64, 100, 2e-4, 0.5, 21, null, 28, 28, 1);

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
    void scoresEveryEpochInTheHistoryRunJsonAndEpochEvents() throws IOException {
        TestImages.writeFashionMnistSubset(fixture.data, JobServiceFixture.IMAGES, 300);
        JobService service = fixture.start(scoring(200));

        String id = service.submit(PARAMETERS).id();
        JobSnapshot done = awaitStatus(service, id, JobStatus.SUCCEEDED);

        assertThat(done.status()).isEqualTo(JobStatus.SUCCEEDED);
        assertThat(done.history())
                .hasSize(2)
                .allSatisfy(
                        epoch -> {
                            assertThat(epoch.fid()).isPositive();
                            assertThat(epoch.fidSeconds()).isPositive();
                        });
        JsonNode recorded =
                TestFolders.readJson(fixture.runs.resolve(id).resolve(RunFolder.RUN_JSON))
                        .get("job")
                        .get("history");
        for (int i = 0; i < 2; i++) {
            assertThat(recorded.get(i).get("fid").asDouble())
                    .isEqualTo(done.history().get(i).fid());
        }
        assertThat(fixture.events)
                .filteredOn(EpochEnded.class::isInstance)
                .map(event -> ((EpochEnded) event).epoch().fid())
                .containsExactly(done.history().get(0).fid(), done.history().get(1).fid());
    }

    @Test
    void aJobOnDataWithoutLabelsOrTestSplitTrainsWithoutScores() {
        JobService service = fixture.start(scoring(200));

        String id = service.submit(PARAMETERS).id();
        JobSnapshot done = awaitStatus(service, id, JobStatus.SUCCEEDED);

        assertThat(done.status()).isEqualTo(JobStatus.SUCCEEDED);
        assertThat(done.history())
                .hasSize(2)
                .allSatisfy(
                        epoch -> {
                            assertThat(epoch.fid()).isNull();
                            assertThat(epoch.fidSeconds()).isNull();
                            assertThat(epoch.checkpoint()).isNotNull();
                        });
    }

    @Test
    void theBestEpochIsTheLowestScoreWhoseCheckpointIsKept() throws IOException {
        TrainingJob job = leftBehind();
        job.start();
        job.epochFinished(epoch(1, 30.0, "epoch-001.zip"));
        job.epochFinished(epoch(2, 12.0, null));
        job.epochFinished(epoch(3, 20.0, "epoch-003.zip"));
        job.epochFinished(epoch(4, null, "epoch-004.zip"));
        job.epochFinished(epoch(5, 20.0, "epoch-005.zip"));
        job.failed("stopped for the test");
        TrainingJob unscored = leftBehind();
        unscored.start();
        unscored.epochFinished(epoch(1, null, "epoch-001.zip"));
        unscored.failed("stopped for the test");

        for (int epoch : new int[] {1, 3, 4, 5}) {
            Files.createFile(job.folder().checkpoint(epoch));
        }
        Files.createFile(unscored.folder().checkpoint(1));

        JobService service = fixture.start();

        assertThat(service.bestEpoch(job.id())).isEqualTo(3);
        assertThatThrownBy(() -> service.bestEpoch(unscored.id()))
                .isInstanceOf(NoScoredEpochException.class)
                .hasMessageContaining("no scored epoch");
        // The history keeps epoch 3's checkpoint, but someone removed the file.
        Files.delete(job.folder().checkpoint(3));
        assertThat(service.bestEpoch(job.id())).isEqualTo(5);
    }

    private GanProperties scoring(int samples) {
        return TestSettings.withQuality(
                TestSettings.service(fixture.runs, fixture.data, null, false, 8),
                TestSettings.quickQuality(samples));
    }

    private TrainingJob leftBehind() {
        RunFolder folder =
                new RunsDirectory(fixture.runs).create(LocalDateTime.of(2026, 12, 4, 9, 0));
        return new TrainingJob(
                folder,
                PARAMETERS,
                fixture.data.resolve("train-images-idx3-ubyte.gz"),
                JobServiceFixture.IMAGES,
                Clock.systemUTC(),
                fixture.recorder()::record);
    }

    private static EpochSummary epoch(int epoch, Double fid, String checkpoint) {
        return new EpochSummary(
                epoch,
                1.2,
                0.9,
                0.6,
                0.4,
                1.5,
                170,
                checkpoint,
                String.format("epoch-%03d.png", epoch),
                fid,
                fid == null ? null : 2.5);
    }
}
