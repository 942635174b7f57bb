package dev.ganservice.live;

import dev.ganservice.job.JobSnapshot;
import dev.ganservice.job.JobStatus;

/**
 * The data of a {@code progress} event: the fields of the job's status that change with every
 * batch, under the names {@code GET /train/{id}} gives them.
 */
public record ProgressUpdate(
        String id,
        JobStatus status,
        int epoch,
        int epochs,
        int batch,
        int batchesPerEpoch,
        double imagesPerSecond,
        Double etaSeconds) {

    static ProgressUpdate of(JobSnapshot job) {
        return new ProgressUpdate(
                job.id(),
                job.status(),
                job.epoch(),
                job.epochs(),
                job.batch(),
                job.batchesPerEpoch(),
                job.imagesPerSecond(),
                job.etaSeconds());
    }

    /** Whether this update comes after {@code epoch} and {@code batch}. */
    boolean isAfter(int epoch, int batch) {
        return this.epoch > epoch || (this.epoch == epoch && this.batch > batch);
    }
}
