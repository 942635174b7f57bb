package dev.ganservice.job;

import java.time.Instant;
import java.util.List;

/**
 * A job as it stands at one moment: what {@code GET /train/{id}} returns and what {@code run.json}
 * records.
 *
 * @param id the job's id, which is also its run folder's name
 * @param runFolder where the job writes checkpoints, grids and run.json
 * @param images how many training images the job uses; 0 until a download has brought them
 * @param epoch while running, the epoch being trained (from 1); otherwise the last epoch the job
 *     finished (0: none), which is where a resume continues
 * @param batch batches finished in that epoch
 * @param imagesPerSecond throughput in the current epoch; 0 unless running
 * @param etaSeconds estimated seconds until the last epoch ends; null unless running
 * @param cancelRequested whether a cancellation waits for the current batch to end; false once the
 *     job has stopped
 * @param download how far the data set's download has got, while the job waits for it; null
 *     otherwise
 * @param error why the job failed or was interrupted; null otherwise
 * @param resumes how many times the job was resumed
 * @param history one entry per finished epoch
 */
public record JobSnapshot(
        String id,
        JobStatus status,
        JobParameters parameters,
        String runFolder,
        int images,
        int epoch,
        int epochs,
        int batch,
        int batchesPerEpoch,
        double imagesPerSecond,
        Double etaSeconds,
        Instant createdAt,
        Instant startedAt,
        Instant finishedAt,
        boolean cancelRequested,
        DownloadProgress download,
        String preparing,
        String error,
        int resumes,
        List<EpochSummary> history) {}
