package dev.ganservice.job;

import dev.ganservice.training.BatchProgress;
import dev.ganservice.training.TrainingListener;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * Copies the trainer's progress into the job, where status requests read it, and announces it as
 * {@link JobProgressed}: at the first batch of each epoch, then at most once per {@link
 * #ANNOUNCE_INTERVAL}. A progress bar needs no more, and a batch can take a millisecond.
 */
final class JobProgress implements TrainingListener {

    static final Duration ANNOUNCE_INTERVAL = Duration.ofMillis(250);

    private final TrainingJob job;
    private final Consumer<Object> events;
    private int announcedEpoch = -1;
    private long announcedAt;

    JobProgress(TrainingJob job, Consumer<Object> events) {
        this.job = job;
        this.events = events;
    }

    @Override
    public void onEpochStart(int epoch, int batchesPerEpoch) {
        job.epochStarted(epoch, batchesPerEpoch);
    }

    @Override
    public void onBatch(BatchProgress progress) {
        job.progressed(progress);

        long now = System.nanoTime();
        if (progress.epoch() != announcedEpoch
                || now - announcedAt >= ANNOUNCE_INTERVAL.toNanos()) {
            announcedEpoch = progress.epoch();
            announcedAt = now;
            events.accept(new JobProgressed(job.snapshot()));
        }
    }
}
