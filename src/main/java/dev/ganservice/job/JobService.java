package dev.ganservice.job;

import dev.ganservice.config.GanProperties;
import dev.ganservice.config.Nd4jRuntime;
import dev.ganservice.data.DataDownloader;
import dev.ganservice.data.DataFileChecks;
import dev.ganservice.data.DataSetNotFoundException;
import dev.ganservice.data.FashionMnist;
import dev.ganservice.data.TrainingImagesCache;
import dev.ganservice.quality.QualityScorer;
import dev.ganservice.storage.CheckpointFiles;
import dev.ganservice.storage.RunFolder;
import dev.ganservice.storage.RunsDirectory;
import dev.ganservice.storage.RunsFolderUnavailableException;
import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;

/**
 * Accepts, queues, runs, cancels and resumes training jobs on a fixed pool of workers.
 *
 * <p>A job is admitted only while fewer than {@code workers + queue-capacity} jobs are active, so
 * the pool's own queue can never overflow. An admitted job gets its run folder and {@code run.json}
 * before it is handed to the pool; if the pool refuses it anyway (the service is stopping), it is
 * marked failed and recorded, never lost.
 *
 * <p>At start-up the job list is rebuilt from the run folders' {@code run.json} files. Jobs that
 * were queued or running when the previous process died become {@code INTERRUPTED}; with {@code
 * gan.jobs.auto-resume} they are queued again once the service is ready.
 */
@Service
public class JobService {

    private static final Logger log = LoggerFactory.getLogger(JobService.class);

    private static final long SHUTDOWN_WAIT_SECONDS = 30;

    private final GanProperties properties;
    private final RunsDirectory runs;
    private final FashionMnist dataSet;
    private final RunRecorder recorder;
    private final Clock clock;
    private final JobResources resources;
    private final ApplicationEventPublisher events;
    private final boolean downloadEnabled;
    private final boolean autoResume;
    private final JobRegistry registry = new JobRegistry();
    private boolean refusing;
    private final DataFileChecks checkedFiles = new DataFileChecks();
    private final ThreadPoolExecutor workers;

    public JobService(
            GanProperties properties,
            RunsDirectory runs,
            FashionMnist dataSet,
            TrainingImagesCache images,
            DataDownloader downloader,
            CheckpointFiles checkpoints,
            RunRecorder recorder,
            Clock clock,
            Nd4jRuntime nd4j,
            ApplicationEventPublisher events,
            QualityScorer quality) {
        this.properties = properties;
        this.runs = runs;
        this.dataSet = dataSet;
        this.recorder = recorder;
        this.clock = clock;
        this.events = events;
        this.downloadEnabled = properties.data().download().enabled();
        this.autoResume = properties.jobs().autoResume();
        this.resources =
                new JobResources(
                        images,
                        downloader,
                        checkpoints,
                        recorder.software(),
                        nd4j,
                        properties.checkpoints().minFreeSpace().toBytes(),
                        properties.checkpoints().keepLast(),
                        clock,
                        this::announce,
                        quality);
        this.workers =
                new ThreadPoolExecutor(
                        properties.workers(),
                        properties.workers(),
                        0,
                        TimeUnit.SECONDS,
                        new LinkedBlockingQueue<>(),
                        namedThreads());
        recover();
    }

    /**
     * Tells the rest of the service what a job did. Listeners (metrics, event streams, the
     * sampler's preloading) report; none of them may fail the job, not even one that is being shut
     * down while the job finishes its last batch.
     */
    private void announce(Object event) {
        try {
            events.publishEvent(event);
        } catch (RuntimeException e) {
            log.warn(
                    "A listener failed on {}; the job goes on: {}",
                    event.getClass().getSimpleName(),
                    e.toString());
        }
    }

    /** Accepts a job, or refuses it when the data set does not fit or the queue is full. */
    public synchronized JobSnapshot submit(JobParameters parameters) {
        admit();
        Optional<Path> found = dataSet.findTrainImages();
        if (found.isEmpty() && !downloadEnabled) {
            throw new DataSetNotFoundException(dataSet.dirs());
        }
        // Data still to be downloaded is checked, and counted, once it has arrived.
        Path dataFile = found.orElse(resources.downloader().trainImages());
        int imageCount =
                found.isPresent()
                        ? DataChecks.imagesFor(
                                parameters, dataFile, checkedFiles.imageHeader(dataFile))
                        : 0;

        TrainingJob job =
                new TrainingJob(
                        newRunFolder(), parameters, dataFile, imageCount, clock, recorder::record);
        try {
            job.persist();
        } catch (UncheckedIOException e) {
            throw new RunsFolderUnavailableException(job.folder().path(), e);
        }
        registry.add(job);
        // What was accepted, before a worker can start it.
        JobSnapshot accepted = job.snapshot();
        if (!hand(job)) {
            return job.snapshot();
        }
        events.publishEvent(new JobAccepted(accepted));
        log.info(
                "Job {} queued: {} epochs over {} images from {}, batch {}, seed {}; run folder {}",
                job.id(),
                parameters.epochs(),
                imageCount,
                dataFile,
                parameters.batchSize(),
                parameters.seed(),
                job.folder());
        return accepted;
    }

    /**
     * Queues an interrupted, failed or cancelled job again. Its runner continues after the newest
     * epoch whose checkpoint can be read, with both networks, both optimisers and the epoch counter
     * as they were; data order and noise follow from the seed and the epoch.
     */
    public synchronized JobSnapshot resume(String id) {
        TrainingJob job = require(id);
        JobStatus status = job.status();
        if (!status.isResumable()) {
            throw JobNotResumableException.because(id, status);
        }
        if (!Files.isDirectory(job.folder().path())) {
            throw new JobNotResumableException(
                    "Job "
                            + id
                            + " cannot be resumed: its run folder "
                            + job.folder()
                            + " no longer exists.");
        }
        admit();
        Path dataFile = dataToResume(job);

        boolean requeued;
        try {
            requeued = job.requeue(dataFile);
        } catch (UncheckedIOException e) {
            throw new RunsFolderUnavailableException(job.folder().path(), e);
        }
        if (!requeued) {
            throw JobNotResumableException.because(id, job.status());
        }
        JobSnapshot queued = job.snapshot();
        if (!hand(job)) {
            return job.snapshot();
        }
        events.publishEvent(new JobResumed(queued));
        log.info(
                "Job {} resumed (resume {}) after {}: it continues after its newest readable"
                        + " checkpoint; run folder {}",
                id,
                queued.resumes(),
                status,
                job.folder());
        return queued;
    }

    /**
     * Resumes, oldest first, the jobs the previous process left interrupted, as far as they fit.
     */
    @EventListener(ApplicationReadyEvent.class)
    public void resumeInterruptedJobs() {
        if (!autoResume) {
            return;
        }
        List<TrainingJob> interrupted =
                registry.oldestFirst().stream()
                        .filter(job -> job.status() == JobStatus.INTERRUPTED)
                        .toList();
        for (TrainingJob job : interrupted) {
            try {
                resume(job.id());
            } catch (RuntimeException e) {
                log.warn(
                        "Job {} stays interrupted; gan.jobs.auto-resume could not resume it: {}",
                        job.id(),
                        e.getMessage());
            }
        }
    }

    public JobSnapshot get(String id) {
        return require(id).snapshot();
    }

    /**
     * The epoch of job {@code id} with the lowest quality score ({@code fid}) among those whose
     * checkpoint is kept and still in the run folder; the earliest of equals.
     *
     * @throws NoScoredEpochException when no epoch of the job has both
     */
    public int bestEpoch(String id) {
        JobSnapshot job = get(id);
        Path folder = Path.of(job.runFolder());
        // A checkpoint the history keeps may still have been removed by hand.
        return job.history().stream()
                .filter(epoch -> epoch.fid() != null && epoch.checkpoint() != null)
                .filter(epoch -> Files.isRegularFile(folder.resolve(epoch.checkpoint())))
                .min(Comparator.comparingDouble(EpochSummary::fid))
                .map(EpochSummary::epoch)
                .orElseThrow(() -> new NoScoredEpochException(id, job.history().size()));
    }

    /** The job called {@code id}, if this process knows it. */
    public Optional<JobSnapshot> find(String id) {
        return registry.find(id).map(TrainingJob::snapshot);
    }

    /** How many jobs this process knows with {@code status}. */
    public long count(JobStatus status) {
        return registry.count(status);
    }

    /** Every job this process knows, newest first. */
    public List<JobSnapshot> list() {
        return registry.newestFirst().stream().map(TrainingJob::snapshot).toList();
    }

    /** Stops a job: a queued one never starts, a running one stops after its current batch. */
    public JobSnapshot cancel(String id) {
        TrainingJob job = require(id);
        boolean wasQueued = job.status() == JobStatus.QUEUED;
        boolean accepted;
        try {
            accepted = job.requestCancel();
        } catch (UncheckedIOException e) {
            // The job is cancelled all the same; only its run.json could not say so.
            log.error("Job {} cancelled, but {} could not be written", id, job.folder(), e);
            accepted = true;
        }
        if (!accepted) {
            throw new JobFinishedException(id, job.status());
        }
        JobSnapshot snapshot = job.snapshot();
        if (wasQueued && snapshot.status().isStopped()) {
            // Its runner would only find it cancelled; it must not hold a place in the queue.
            workers.getQueue()
                    .removeIf(task -> task instanceof JobRunner runner && runner.job() == job);
            // A running job announces its own end, after its current batch.
            events.publishEvent(new JobEnded(snapshot));
        }
        log.info(
                "Job {}: cancellation requested while {}",
                id,
                wasQueued ? JobStatus.QUEUED : JobStatus.RUNNING);
        return snapshot;
    }

    /**
     * Stops training when the service stops: running jobs end after their current batch and keep
     * every finished epoch's checkpoint.
     */
    @PreDestroy
    public void shutdown() throws InterruptedException {
        // Queued jobs first: a running job told to stop frees its worker, which would otherwise
        // start the next queued job before that one has been told.
        // Each job is told once: a second request would read the first as a user's cancel.
        Map<Boolean, List<TrainingJob>> queued =
                registry.active().stream()
                        .collect(
                                Collectors.partitioningBy(job -> job.status() == JobStatus.QUEUED));
        queued.get(true).forEach(TrainingJob::requestInterrupt);
        queued.get(false).forEach(TrainingJob::requestInterrupt);
        workers.shutdown();
        if (!workers.awaitTermination(SHUTDOWN_WAIT_SECONDS, TimeUnit.SECONDS)) {
            log.warn("Training did not stop within {} s of shutdown", SHUTDOWN_WAIT_SECONDS);
        }
    }

    /** Refuses a job when every worker and queue place is taken; warns once per full spell. */
    private void admit() {
        if (registry.countActive() >= (long) properties.workers() + properties.queueCapacity()) {
            if (!refusing) {
                refusing = true;
                log.warn(
                        "The training queue is full ({} workers busy, {} jobs waiting); further"
                                + " jobs get 429 until one ends",
                        properties.workers(),
                        properties.queueCapacity());
            }
            throw new QueueFullException(properties.workers(), properties.queueCapacity());
        }
        refusing = false;
    }

    /** Gives the job to the pool; false (and the job failed) when the pool is shutting down. */
    private boolean hand(TrainingJob job) {
        try {
            workers.execute(new JobRunner(job, resources));
            return true;
        } catch (RejectedExecutionException e) {
            job.failed("The service is shutting down and could not start the job.");
            events.publishEvent(new JobEnded(job.snapshot()));
            return false;
        }
    }

    /**
     * The data file a resumed job trains on: the one it used, or where the data set is now. The job
     * must see the same number of images, or it would not continue the same training.
     */
    private Path dataToResume(TrainingJob job) {
        Path file = job.dataFile();
        if (!Files.exists(file) || !inDataFolders(file)) {
            Optional<Path> found = dataSet.findTrainImages();
            if (found.isEmpty()) {
                if (!downloadEnabled) {
                    throw new DataSetNotFoundException(dataSet.dirs());
                }
                return resources.downloader().trainImages();
            }
            file = found.get();
        }
        int images;
        try {
            images = DataChecks.imagesFor(job.parameters(), file, checkedFiles.imageHeader(file));
        } catch (InvalidJobException e) {
            // The request has no body to fix: the data changed under the job.
            throw new JobNotResumableException(
                    "Job "
                            + job.id()
                            + " cannot be resumed on "
                            + file
                            + " as it is now: "
                            + e.getMessage()
                            + " Start a new job for this data.");
        }
        if (job.images() > 0 && images != job.images()) {
            throw new JobNotResumableException(
                    "Job "
                            + job.id()
                            + " trained on "
                            + job.images()
                            + " images, but "
                            + file
                            + " now gives it "
                            + images
                            + ". Resuming would not continue the same training; start a new job.");
        }
        return file;
    }

    /** Whether {@code file} lies in one of the data folders; run.json is not trusted further. */
    private boolean inDataFolders(Path file) {
        Path normalised = file.toAbsolutePath().normalize();
        return dataSet.dirs().stream()
                .anyMatch(dir -> normalised.startsWith(dir.toAbsolutePath().normalize()));
    }

    /** Rebuilds the job list from the run folders a previous process left. */
    private void recover() {
        int restored = 0;
        int interrupted = 0;
        for (RunFolder folder : runs.list()) {
            removeLeftovers(folder);
            TrainingJob job = restore(folder);
            if (job == null) {
                continue;
            }
            registry.add(job);
            restored++;
            if (job.status() == JobStatus.INTERRUPTED) {
                interrupted++;
            }
        }
        if (restored > 0) {
            log.info(
                    "Found {} job(s) in {}; {} of them are interrupted{}",
                    restored,
                    runs.root(),
                    interrupted,
                    interrupted == 0 || autoResume
                            ? ""
                            : " (POST /train/{id}/resume continues one;"
                                    + " gan.jobs.auto-resume does it at start-up)");
        }
    }

    private TrainingJob restore(RunFolder folder) {
        if (!Files.exists(folder.runJson())) {
            log.warn(
                    "Run folder {} has no {}; it is not listed as a job",
                    folder,
                    RunFolder.RUN_JSON);
            return null;
        }
        RunManifest manifest;
        try {
            manifest = recorder.read(folder);
        } catch (IOException e) {
            log.warn("Run folder {} is not listed as a job: {}", folder, e.getMessage());
            return null;
        }
        TrainingJob job;
        try {
            job = TrainingJob.restore(folder, manifest, clock, recorder::record);
        } catch (RuntimeException e) {
            log.warn("Run folder {} is not listed as a job: {}", folder, e.toString());
            return null;
        }
        if (job.status() != manifest.job().status()) {
            log.warn(
                    "Job {} was {} when the service stopped; it is now {} after epoch {}",
                    job.id(),
                    manifest.job().status(),
                    job.status(),
                    job.snapshot().epoch());
            try {
                job.persist();
            } catch (UncheckedIOException e) {
                log.error(
                        "Job {}: cannot record that it was interrupted in {}", job.id(), folder, e);
            }
        }
        return job;
    }

    private static void removeLeftovers(RunFolder folder) {
        try {
            List<String> deleted = folder.deleteLeftovers();
            if (!deleted.isEmpty()) {
                log.info(
                        "Deleted {} unfinished file(s) a stopped process left in {}: {}",
                        deleted.size(),
                        folder,
                        deleted);
            }
        } catch (UncheckedIOException e) {
            log.warn("Cannot clean up {}: {}", folder, e.getMessage());
        }
    }

    private TrainingJob require(String id) {
        return registry.find(id).orElseThrow(() -> new JobNotFoundException(id));
    }

    private RunFolder newRunFolder() {
        return runs.create(LocalDateTime.now(clock));
    }

    private static ThreadFactory namedThreads() {
        AtomicInteger counter = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, "trainer-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
