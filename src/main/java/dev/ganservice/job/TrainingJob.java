package dev.ganservice.job;

import dev.ganservice.storage.RunFolder;
import dev.ganservice.training.BatchProgress;
import dev.ganservice.training.GanTrainer;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * A training job's changing state. The worker that trains it and the threads that answer requests
 * share it, so every method is synchronized; readers take a {@link #snapshot()}.
 *
 * <p>Every change worth keeping (status, finished epochs) is handed to the job's store before the
 * lock is released, so no reader sees a state that {@code run.json} does not hold yet.
 */
public final class TrainingJob {

    private final String id;
    private final JobParameters parameters;
    private final RunFolder folder;
    private final Path dataFile;
    private int images;
    private final Clock clock;
    private final Consumer<TrainingJob> store;
    private final Instant createdAt;
    private final List<EpochSummary> history = new ArrayList<>();

    private JobStatus status = JobStatus.QUEUED;
    private Instant startedAt;
    private Instant finishedAt;
    private String error;
    private boolean cancelRequested;
    private int epoch;
    private int batch;
    private int batchesPerEpoch;
    private double imagesPerSecond;
    private Double etaSeconds;
    private DownloadProgress download;

    TrainingJob(
            RunFolder folder,
            JobParameters parameters,
            Path dataFile,
            int images,
            Clock clock,
            Consumer<TrainingJob> store) {
        this.id = folder.id();
        this.folder = folder;
        this.parameters = parameters;
        this.dataFile = dataFile;
        this.images = images;
        this.clock = clock;
        this.store = store;
        this.createdAt = clock.instant();
        this.batchesPerEpoch = GanTrainer.batchesPerEpoch(images, parameters.batchSize());
    }

    public String id() {
        return id;
    }

    public JobParameters parameters() {
        return parameters;
    }

    public RunFolder folder() {
        return folder;
    }

    public Path dataFile() {
        return dataFile;
    }

    public synchronized int images() {
        return images;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public synchronized JobStatus status() {
        return status;
    }

    public synchronized boolean isCancelRequested() {
        return cancelRequested;
    }

    /** Marks the job running; false if it was cancelled while it waited. */
    synchronized boolean start() {
        if (status != JobStatus.QUEUED) {
            return false;
        }
        status = JobStatus.RUNNING;
        startedAt = clock.instant();
        store.accept(this);
        return true;
    }

    synchronized void downloading(String file, long bytes, long totalBytes) {
        download = new DownloadProgress(file, bytes, totalBytes < 0 ? null : totalBytes);
    }

    /** The data is in place and holds {@code images} images for this job. */
    synchronized void dataReady(int images) {
        this.images = images;
        this.batchesPerEpoch = GanTrainer.batchesPerEpoch(images, parameters.batchSize());
        this.download = null;
        store.accept(this);
    }

    synchronized void epochStarted(int epoch, int batchesPerEpoch) {
        this.epoch = epoch;
        this.batchesPerEpoch = batchesPerEpoch;
        this.batch = 0;
    }

    synchronized void progressed(BatchProgress progress) {
        epoch = progress.epoch();
        batch = progress.batch();
        batchesPerEpoch = progress.batchesPerEpoch();
        imagesPerSecond = progress.imagesPerSecond();
        etaSeconds = progress.secondsLeft();
    }

    synchronized void epochFinished(EpochSummary summary) {
        history.add(summary);
        store.accept(this);
    }

    /** Hands the job as it stands to its store, as when it is first accepted. */
    synchronized void persist() {
        store.accept(this);
    }

    /**
     * Asks the job to stop: a queued job ends at once, a running one after its current batch.
     * Returns false if the job had already ended.
     */
    synchronized boolean requestCancel() {
        if (status.isTerminal()) {
            return false;
        }
        cancelRequested = true;
        if (status == JobStatus.QUEUED) {
            finish(JobStatus.CANCELLED, null);
        }
        return true;
    }

    synchronized void succeeded() {
        finish(JobStatus.SUCCEEDED, null);
    }

    synchronized void cancelled() {
        finish(JobStatus.CANCELLED, null);
    }

    synchronized void failed(String message) {
        finish(JobStatus.FAILED, message);
    }

    private void finish(JobStatus terminal, String message) {
        if (status.isTerminal()) {
            return;
        }
        status = terminal;
        error = message;
        finishedAt = clock.instant();
        etaSeconds = null;
        store.accept(this);
    }

    public synchronized JobSnapshot snapshot() {
        return new JobSnapshot(
                id,
                status,
                parameters,
                folder.path().toString(),
                images,
                epoch,
                parameters.epochs(),
                batch,
                batchesPerEpoch,
                imagesPerSecond,
                status == JobStatus.RUNNING ? etaSeconds : null,
                createdAt,
                startedAt,
                finishedAt,
                cancelRequested && status.isActive(),
                download,
                error,
                List.copyOf(history));
    }
}
