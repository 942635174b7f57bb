package dev.ganservice.job;

import dev.ganservice.storage.RunFolder;
import dev.ganservice.training.BatchProgress;
import dev.ganservice.training.GanTrainer;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
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
    private final Clock clock;
    private final Consumer<TrainingJob> store;
    private final Instant createdAt;
    private final List<EpochSummary> history = new ArrayList<>();

    private Path dataFile;
    private int images;
    private int resumes;

    private JobStatus status = JobStatus.QUEUED;
    private Instant startedAt;
    private Instant finishedAt;
    private String error;
    private boolean cancelRequested;
    private boolean shuttingDown;
    private int epoch;
    private int batch;
    private int batchesPerEpoch;
    private double imagesPerSecond;
    private Double etaSeconds;
    private DownloadProgress download;
    private String preparing;

    TrainingJob(
            RunFolder folder,
            JobParameters parameters,
            Path dataFile,
            int images,
            Clock clock,
            Consumer<TrainingJob> store) {
        this(folder, parameters, dataFile, images, clock, store, clock.instant());
    }

    private TrainingJob(
            RunFolder folder,
            JobParameters parameters,
            Path dataFile,
            int images,
            Clock clock,
            Consumer<TrainingJob> store,
            Instant createdAt) {
        this.id = folder.id();
        this.folder = folder;
        this.parameters = parameters;
        this.dataFile = dataFile;
        this.images = images;
        this.clock = clock;
        this.store = store;
        this.createdAt = createdAt;
        this.batchesPerEpoch = GanTrainer.batchesPerEpoch(images, parameters.batchSize());
    }

    /**
     * The job a run folder's {@code run.json} describes, as an earlier process left it. A job that
     * was queued or running then has nothing running it now: it becomes {@code INTERRUPTED} at the
     * last epoch it finished, and its {@code run.json} says so.
     */
    static TrainingJob restore(
            RunFolder folder, RunManifest manifest, Clock clock, Consumer<TrainingJob> store) {
        JobSnapshot saved = manifest.job();
        TrainingJob job =
                new TrainingJob(
                        folder,
                        saved.parameters(),
                        Path.of(manifest.dataSet().file()),
                        manifest.dataSet().images(),
                        clock,
                        store,
                        saved.createdAt());
        synchronized (job) {
            job.history.addAll(saved.history());
            job.status = saved.status();
            job.startedAt = saved.startedAt();
            job.finishedAt = saved.finishedAt();
            job.error = saved.error();
            job.resumes = saved.resumes();
            job.epoch = saved.epoch();
            job.batch = saved.batch();
            job.imagesPerSecond = saved.imagesPerSecond();
            if (job.status.isActive() && saved.cancelRequested()) {
                // Cancelled by request; the process stopped before the batch ended.
                job.status = JobStatus.CANCELLED;
                job.finishedAt = clock.instant();
                job.standAtLastFinishedEpoch();
            } else if (job.status.isActive()) {
                job.interrupt("The service stopped while the job was " + saved.status().name());
            }
        }
        return job;
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

    public synchronized Path dataFile() {
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
        if (startedAt == null) {
            // A resumed job keeps the time it first started.
            startedAt = clock.instant();
        }
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

    /**
     * What a running job prepares before its first batch, as a phrase that follows "Preparing"; it
     * ends when an epoch starts.
     */
    synchronized void preparing(String activity) {
        preparing = activity;
    }

    synchronized void epochStarted(int epoch, int batchesPerEpoch) {
        this.preparing = null;
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
     * Queues a stopped job again, to continue after the newest epoch it can restore. Returns false
     * if the job is queued, running or has succeeded.
     */
    synchronized boolean requeue(Path dataFile) {
        if (!status.isResumable()) {
            return false;
        }
        JobStatus previousStatus = status;
        Path previousData = this.dataFile;
        String previousError = error;
        Instant previousFinish = finishedAt;
        boolean previousCancel = cancelRequested;

        this.dataFile = dataFile;
        status = JobStatus.QUEUED;
        error = null;
        finishedAt = null;
        cancelRequested = false;
        resumes++;
        try {
            store.accept(this);
        } catch (RuntimeException e) {
            // Not on disk, so not queued: the job stays as it was.
            status = previousStatus;
            this.dataFile = previousData;
            error = previousError;
            finishedAt = previousFinish;
            cancelRequested = previousCancel;
            resumes--;
            throw e;
        }
        shuttingDown = false;
        return true;
    }

    /**
     * The job continues after {@code lastEpoch}, restored from its checkpoint (0: from scratch).
     * Epochs after it leave the history: they are trained again.
     */
    synchronized void continuesAfter(int lastEpoch) {
        history.removeIf(summary -> summary.epoch() > lastEpoch);
        epoch = lastEpoch;
        batch = 0;
        store.accept(this);
    }

    /** Older checkpoints were deleted to keep the disk from filling; the history says so. */
    synchronized void checkpointsDeleted(Set<Integer> epochs) {
        history.replaceAll(
                summary ->
                        epochs.contains(summary.epoch()) ? summary.withoutCheckpoint() : summary);
        store.accept(this);
    }

    /**
     * Asks the job to stop: a queued job ends at once, a running one after its current batch.
     * Returns false if the job had already ended.
     */
    synchronized boolean requestCancel() {
        if (status.isStopped()) {
            return false;
        }
        cancelRequested = true;
        shuttingDown = false;
        if (status == JobStatus.QUEUED) {
            stopped();
        } else {
            // Recorded, so that a process dying before the batch ends leaves it cancelled.
            store.accept(this);
        }
        return true;
    }

    /**
     * Stops the job because the service is shutting down: it ends {@code INTERRUPTED}, not
     * cancelled, so that it can be resumed, by hand or by {@code gan.jobs.auto-resume}.
     */
    synchronized void requestInterrupt() {
        if (status.isStopped()) {
            return;
        }
        // A job already being cancelled by request ends cancelled, as asked.
        shuttingDown = !cancelRequested;
        cancelRequested = true;
        if (status == JobStatus.QUEUED) {
            stopped();
        }
    }

    /** The job's runner stopped it between batches, as requested. */
    synchronized void stopped() {
        if (status.isStopped()) {
            return;
        }
        if (shuttingDown) {
            interrupt("The service shut down while the job was " + status.name());
            store.accept(this);
        } else {
            finish(JobStatus.CANCELLED, null);
        }
    }

    synchronized void succeeded() {
        finish(JobStatus.SUCCEEDED, null);
    }

    synchronized void failed(String message) {
        finish(JobStatus.FAILED, message);
    }

    /** Nothing runs the job any more; it stands at the last epoch it finished. */
    private void interrupt(String why) {
        status = JobStatus.INTERRUPTED;
        standAtLastFinishedEpoch();
        finishedAt = clock.instant();
        error =
                why
                        + (epoch == 0
                                ? ", before it finished an epoch"
                                : ", after it finished epoch " + epoch)
                        + ". POST /train/"
                        + id
                        + "/resume continues it.";
    }

    /**
     * Once nothing runs the job, its progress is the last epoch it finished, whole, and nothing is
     * being trained at any rate.
     */
    private void standAtLastFinishedEpoch() {
        epoch = history.isEmpty() ? 0 : history.get(history.size() - 1).epoch();
        batch = epoch == 0 ? 0 : batchesPerEpoch;
        imagesPerSecond = 0;
        etaSeconds = null;
    }

    private void finish(JobStatus terminal, String message) {
        if (status.isStopped()) {
            return;
        }
        status = terminal;
        error = message;
        finishedAt = clock.instant();
        standAtLastFinishedEpoch();
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
                status == JobStatus.RUNNING ? preparing : null,
                error,
                resumes,
                List.copyOf(history));
    }
}
