package dev.ganservice.job;

import dev.ganservice.training.BatchProgress;
import dev.ganservice.training.TrainingListener;
import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Copies the trainer's progress into the job, where status requests read it, and announces it as
 * {@link JobProgressed}: at the first batch of each epoch, then at most once per {@link
 * #ANNOUNCE_INTERVAL}. A progress bar needs no more, and a batch can take a millisecond.
 *
 * <p>The trainer's estimate of the time left counts training only. Between epochs the job saves a
 * checkpoint and a grid and may score the epoch, which on small jobs takes longer than the
 * training; so the estimate here adds the mean time from an epoch's last batch to the next epoch's
 * start, once for each epoch still to end.
 */
final class JobProgress implements TrainingListener {

    static final Duration ANNOUNCE_INTERVAL = Duration.ofMillis(250);

    private final TrainingJob job;
    private final Consumer<Object> events;
    private final LongSupplier nanoTime;
    private int announcedEpoch = -1;
    private long announcedAt;
    private long lastBatchAt = -1;
    private double betweenEpochsSeconds;
    private int gapsMeasured;

    JobProgress(TrainingJob job, Consumer<Object> events) {
        this(job, events, System::nanoTime);
    }

    JobProgress(TrainingJob job, Consumer<Object> events, LongSupplier nanoTime) {
        this.job = job;
        this.events = events;
        this.nanoTime = nanoTime;
    }

    @Override
    public void onEpochStart(int epoch, int batchesPerEpoch) {
        if (lastBatchAt >= 0) {
            double gap = (nanoTime.getAsLong() - lastBatchAt) / 1e9;
            gapsMeasured++;
            betweenEpochsSeconds += (gap - betweenEpochsSeconds) / gapsMeasured;
        }
        job.epochStarted(epoch, batchesPerEpoch);
    }

    @Override
    public void onBatch(BatchProgress progress) {
        long now = nanoTime.getAsLong();
        lastBatchAt = now;
        int epochsToEnd = job.parameters().epochs() - progress.epoch() + 1;
        job.progressed(
                new BatchProgress(
                        progress.epoch(),
                        progress.batch(),
                        progress.batchesPerEpoch(),
                        progress.imagesPerSecond(),
                        progress.secondsLeft() + epochsToEnd * betweenEpochsSeconds));

        if (progress.epoch() != announcedEpoch
                || now - announcedAt >= ANNOUNCE_INTERVAL.toNanos()) {
            announcedEpoch = progress.epoch();
            announcedAt = now;
            events.accept(new JobProgressed(job.snapshot()));
        }
    }
}
