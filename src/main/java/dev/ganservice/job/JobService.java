package dev.ganservice.job;

import dev.ganservice.config.GanProperties;
import dev.ganservice.config.Nd4jRuntime;
import dev.ganservice.data.DataDownloader;
import dev.ganservice.data.DataFileChecks;
import dev.ganservice.data.DataSetNotFoundException;
import dev.ganservice.data.FashionMnist;
import dev.ganservice.data.TrainingImagesCache;
import dev.ganservice.storage.CheckpointFiles;
import dev.ganservice.storage.RunFolder;
import dev.ganservice.storage.RunsDirectory;
import dev.ganservice.storage.RunsFolderUnavailableException;
import jakarta.annotation.PreDestroy;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

/**
 * Accepts, queues, runs and cancels training jobs on a fixed pool of workers.
 *
 * <p>A job is admitted only while fewer than {@code workers + queue-capacity} jobs are active, so
 * the pool's own queue can never overflow. An admitted job gets its run folder and {@code run.json}
 * before it is handed to the pool; if the pool refuses it anyway (the service is stopping), it is
 * marked failed and recorded, never lost.
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
    private final JobRegistry registry = new JobRegistry();
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
            ApplicationEventPublisher events) {
        this.properties = properties;
        this.runs = runs;
        this.dataSet = dataSet;
        this.recorder = recorder;
        this.clock = clock;
        this.events = events;
        this.downloadEnabled = properties.data().download().enabled();
        this.resources =
                new JobResources(
                        images,
                        downloader,
                        checkpoints,
                        recorder.software(),
                        nd4j,
                        properties.checkpoints().minFreeSpace().toBytes(),
                        clock,
                        events::publishEvent);
        this.workers =
                new ThreadPoolExecutor(
                        properties.workers(),
                        properties.workers(),
                        0,
                        TimeUnit.SECONDS,
                        new LinkedBlockingQueue<>(),
                        namedThreads());
    }

    /** Accepts a job, or refuses it when the data set does not fit or the queue is full. */
    public synchronized JobSnapshot submit(JobParameters parameters) {
        if (registry.countActive() >= (long) properties.workers() + properties.queueCapacity()) {
            throw new QueueFullException(properties.workers(), properties.queueCapacity());
        }
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
        try {
            workers.execute(new JobRunner(job, resources));
        } catch (RejectedExecutionException e) {
            job.failed("The service is shutting down and could not start the job.");
            events.publishEvent(new JobEnded(job.snapshot()));
            return job.snapshot();
        }
        events.publishEvent(new JobAccepted(job.snapshot()));
        log.info(
                "Job {} queued: {} epochs over {} images from {}, batch {}, seed {}; run folder {}",
                job.id(),
                parameters.epochs(),
                imageCount,
                dataFile,
                parameters.batchSize(),
                parameters.seed(),
                job.folder());
        return job.snapshot();
    }

    public JobSnapshot get(String id) {
        return require(id).snapshot();
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
        if (wasQueued && snapshot.status().isTerminal()) {
            // A running job announces its own end, after its current batch.
            events.publishEvent(new JobEnded(snapshot));
        }
        log.info("Job {}: cancellation requested while {}", id, snapshot.status());
        return snapshot;
    }

    /**
     * Stops training when the service stops: running jobs end after their current batch and keep
     * every finished epoch's checkpoint.
     */
    @PreDestroy
    public void shutdown() throws InterruptedException {
        List<TrainingJob> active = registry.active();
        active.forEach(TrainingJob::requestCancel);
        workers.shutdown();
        if (!workers.awaitTermination(SHUTDOWN_WAIT_SECONDS, TimeUnit.SECONDS)) {
            log.warn("Training did not stop within {} s of shutdown", SHUTDOWN_WAIT_SECONDS);
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
