package dev.ganservice.job;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ganservice.storage.RunsDirectory;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainingJobTests {

    private static final JobParameters PARAMETERS =
            new JobParameters(2, 16, 100, 2e-4, 0.5, 1, null, 28, 28, 1);

    @TempDir Path root;

    private final List<JobSnapshot> stored = new ArrayList<>();

    @Test
    void showsDownloadProgressUntilTheDataIsReadyThenCountsItsImages() {
        TrainingJob job = job(0);
        job.start();

        job.downloading("train-images-idx3-ubyte.gz", 1 << 20, 26_421_880);
        JobSnapshot downloading = job.snapshot();
        job.dataReady(100);

        assertThat(downloading.download())
                .isEqualTo(
                        new DownloadProgress("train-images-idx3-ubyte.gz", 1 << 20, 26_421_880L));
        assertThat(downloading.batchesPerEpoch()).isZero();
        JobSnapshot ready = job.snapshot();
        assertThat(ready.download()).isNull();
        assertThat(ready.images()).isEqualTo(100);
        assertThat(ready.batchesPerEpoch()).isEqualTo(7);
        assertThat(stored).last().isEqualTo(ready);
    }

    @Test
    void saysWhatItPreparesOnlyWhileRunningAndBeforeItsFirstEpoch() {
        TrainingJob job = job(64);
        job.preparing("the training images");
        JobSnapshot queued = job.snapshot();
        job.start();
        job.preparing("the training images");
        JobSnapshot preparing = job.snapshot();

        job.epochStarted(1, 4);
        JobSnapshot training = job.snapshot();
        job.preparing("the networks");
        job.stopped();

        assertThat(queued.preparing()).isNull();
        assertThat(preparing.preparing()).isEqualTo("the training images");
        assertThat(training.preparing()).isNull();
        assertThat(job.snapshot().preparing()).isNull();
    }

    @Test
    void anUnknownDownloadSizeIsShownAsNull() {
        TrainingJob job = job(0);

        job.downloading("t10k-labels-idx1-ubyte.gz", 10, -1);

        assertThat(job.snapshot().download().totalBytes()).isNull();
    }

    @Test
    void aQueuedJobKnowsItsBatchesBeforeItStarts() {
        assertThat(job(1000).snapshot().batchesPerEpoch()).isEqualTo(63);
    }

    @Test
    void recordsEveryStatusChangeAndEndsOnlyOnce() {
        TrainingJob job = job(64);

        job.start();
        job.succeeded();
        job.failed("too late");

        assertThat(stored)
                .extracting(JobSnapshot::status)
                .containsExactly(JobStatus.RUNNING, JobStatus.SUCCEEDED);
        assertThat(job.snapshot().error()).isNull();
        assertThat(job.requestCancel()).isFalse();
    }

    private TrainingJob job(int images) {
        return new TrainingJob(
                new RunsDirectory(root).create(LocalDateTime.of(2026, 12, 4, 12, 0)),
                PARAMETERS,
                root.resolve("images.gz"),
                images,
                Clock.systemUTC(),
                job -> stored.add(job.snapshot()));
    }
}
