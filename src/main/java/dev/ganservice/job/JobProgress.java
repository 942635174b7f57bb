package dev.ganservice.job;

import dev.ganservice.training.BatchProgress;
import dev.ganservice.training.TrainingListener;

/** Copies the trainer's progress into the job, where status requests read it. */
final class JobProgress implements TrainingListener {

    private final TrainingJob job;

    JobProgress(TrainingJob job) {
        this.job = job;
    }

    @Override
    public void onEpochStart(int epoch, int batchesPerEpoch) {
        job.epochStarted(epoch, batchesPerEpoch);
    }

    @Override
    public void onBatch(BatchProgress progress) {
        job.progressed(progress);
    }
}
