package dev.ganservice.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.ganservice.storage.RunsDirectory;
import dev.ganservice.training.BatchProgress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Progress reaches the job at every batch, and its listeners a few times a second at most. */
class JobProgressTests {

    private static final JobParameters PARAMETERS =
            new JobParameters(3, 16, 100, 2e-4, 0.5, 1, null, 28, 28, 1);

    @TempDir Path root;

    private final List<Object> events = new ArrayList<>();

    @Test
    void announcesTheFirstBatchOfEachEpochAndThenAtMostFourTimesASecond()
            throws InterruptedException {
        TrainingJob job = job();
        JobProgress progress = new JobProgress(job, events::add);

        long started = System.nanoTime();
        for (int batch = 1; batch <= 500; batch++) {
            progress.onBatch(new BatchProgress(1, batch, 1000, 100, 10));
        }
        long took = System.nanoTime() - started;
        int firstEpoch = events.size();
        progress.onBatch(new BatchProgress(2, 1, 1000, 100, 10));
        Thread.sleep(JobProgress.ANNOUNCE_INTERVAL.toMillis() + 50);
        progress.onBatch(new BatchProgress(2, 2, 1000, 100, 10));

        // One per started interval of the time the first 500 batches took, and one to begin.
        long intervals = took / JobProgress.ANNOUNCE_INTERVAL.toNanos();
        assertThat(firstEpoch).isBetween(1, (int) intervals + 1);
        assertThat(job.snapshot().batch()).isEqualTo(2);
        List<JobSnapshot> announced =
                events.stream().map(event -> ((JobProgressed) event).job()).toList();
        assertThat(announced.get(0).batch()).isEqualTo(1);
        assertThat(announced).hasSize(firstEpoch + 2);
        assertThat(announced.get(firstEpoch).epoch()).isEqualTo(2);
        assertThat(announced.get(firstEpoch).batch()).isEqualTo(1);
        assertThat(announced.get(firstEpoch + 1).batch()).isEqualTo(2);
    }

    @Test
    void theTimeLeftCountsTheWorkBetweenEpochsOnceTheFirstHasEnded() {
        TrainingJob job = job();
        job.start();
        long[] now = {0};
        JobProgress progress = new JobProgress(job, events::add, () -> now[0]);

        progress.onEpochStart(1, 1000);
        progress.onBatch(new BatchProgress(1, 1000, 1000, 100, 20));
        double beforeAnyGap = job.snapshot().etaSeconds();
        now[0] += 4_000_000_000L;
        progress.onEpochStart(2, 1000);
        progress.onBatch(new BatchProgress(2, 1, 1000, 100, 19));

        assertThat(beforeAnyGap).isEqualTo(20);
        // Saving after epoch 2 and after epoch 3, 4 s each as after epoch 1.
        assertThat(job.snapshot().etaSeconds()).isCloseTo(19 + 2 * 4, within(1e-9));
    }

    private TrainingJob job() {
        return new TrainingJob(
                new RunsDirectory(root).create(LocalDateTime.of(2026, 12, 4, 12, 0)),
                PARAMETERS,
                root.resolve("images.gz"),
                1000 * 16,
                Clock.systemUTC(),
                job -> {});
    }
}
