package dev.ganservice.job;

import dev.ganservice.data.TrainingImages;
import dev.ganservice.model.Gan;
import dev.ganservice.model.ModelSpec;
import dev.ganservice.quality.QualityModel;
import dev.ganservice.quality.QualityUnavailableException;
import dev.ganservice.storage.CheckpointInfo;
import dev.ganservice.storage.UnreadableCheckpointException;
import dev.ganservice.training.GanTrainer;
import dev.ganservice.training.TrainingListeners;
import dev.ganservice.training.TrainingParameters;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/** Trains one job on a worker thread, from its start to a terminal status. */
final class JobRunner implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(JobRunner.class);

    /** A first start unpacks hundreds of megabytes of natives; a job waits that long at most. */
    private static final Duration BACKEND_WAIT = Duration.ofMinutes(10);

    private final TrainingJob job;
    private final JobResources resources;

    JobRunner(TrainingJob job, JobResources resources) {
        this.job = job;
        this.resources = resources;
    }

    TrainingJob job() {
        return job;
    }

    @Override
    public void run() {
        MDC.put("job", job.id());
        long started = System.nanoTime();
        boolean ran = false;
        try {
            if (!job.start()) {
                return;
            }
            ran = true;
            resources.events().accept(new JobStarted(job.snapshot()));
            log.info(
                    "Job {} started: epochs {}, images {}",
                    job.id(),
                    job.parameters().epochs(),
                    job.images());
            train();
        } catch (Exception | OutOfMemoryError e) {
            log.error("Job {} failed after {}: {}", job.id(), since(started), describe(e), e);
            failQuietly(describe(e));
            ran = true;
        } finally {
            if (ran) {
                resources.events().accept(new JobEnded(job.snapshot()));
            }
            MDC.remove("job");
        }
    }

    private void train() {
        if (!Files.exists(job.dataFile())) {
            download();
        }
        job.preparing("the compute backend");
        resources.nd4j().awaitReady(BACKEND_WAIT);
        QualityModel quality = qualityModel();
        job.preparing("the training images");
        TrainingParameters parameters = job.parameters().training();
        TrainingImages images = resources.data().load(job.dataFile(), job.images());
        job.preparing("the networks");
        StartingPoint start = startingPoint(parameters);
        GanTrainer trainer =
                new GanTrainer(
                        start.gan(),
                        images,
                        parameters,
                        TrainingListeners.of(
                                new JobProgress(job, resources.events()),
                                new EpochCheckpointer(job, resources, quality)));

        long started = System.nanoTime();
        GanTrainer.Outcome outcome = trainer.train(start.epoch() + 1, job::isCancelRequested);
        if (outcome == GanTrainer.Outcome.COMPLETED) {
            job.succeeded();
            log.info(
                    "Job {} succeeded in {}; checkpoints and grids are in {}",
                    job.id(),
                    since(started),
                    job.folder());
        } else {
            job.stopped();
            log.info(
                    "Job {} {} after {}; the checkpoints of {} finished epoch(s) stay in {}",
                    job.id(),
                    job.status(),
                    since(started),
                    job.snapshot().history().size(),
                    job.folder());
        }
    }

    /**
     * Where training starts: after the newest epoch of the job's history whose checkpoint can be
     * read, or from fresh networks. A checkpoint newer than the history (the process died before
     * recording its epoch) is trained again, which writes the same checkpoint.
     */
    private StartingPoint startingPoint(TrainingParameters parameters) {
        List<EpochSummary> history = job.snapshot().history();
        for (int i = history.size() - 1; i >= 0; i--) {
            int epoch = history.get(i).epoch();
            Path file = job.folder().checkpoint(epoch);
            if (!Files.exists(file)) {
                continue;
            }
            try {
                Gan gan = restore(file, epoch, parameters.modelSpec());
                job.continuesAfter(epoch);
                log.info(
                        "Job {} continues after epoch {}, restored from {}", job.id(), epoch, file);
                return new StartingPoint(gan, epoch);
            } catch (UnreadableCheckpointException e) {
                log.warn(
                        "Job {}: skipping checkpoint {}, which cannot be restored: {}",
                        job.id(),
                        file,
                        e.getMessage());
            }
        }
        if (!history.isEmpty()) {
            log.warn(
                    "Job {} has no checkpoint it can restore; it starts again from epoch 1",
                    job.id());
        }
        job.continuesAfter(0);
        return new StartingPoint(Gan.create(parameters.modelSpec()), 0);
    }

    private Gan restore(Path file, int epoch, ModelSpec spec) {
        CheckpointInfo info = resources.checkpoints().readInfo(file);
        if (info.epoch() != epoch || !spec.equals(info.model())) {
            throw new UnreadableCheckpointException(
                    file,
                    "it describes epoch "
                            + info.epoch()
                            + " of "
                            + info.model()
                            + ", not epoch "
                            + epoch
                            + " of this job's "
                            + spec,
                    null);
        }
        return resources.checkpoints().read(file);
    }

    /**
     * What scores this job's epochs, trained first if no cached one fits its data: the job waits
     * for it, once per data set. Null when scoring is off, when the data set cannot be scored, or
     * when the job was stopped meanwhile; the job trains all the same.
     */
    private QualityModel qualityModel() {
        if (!resources.quality().enabled()) {
            return null;
        }
        job.preparing(
                "the quality classifier (trained once per data set, which takes a few minutes,"
                        + " then loaded from its cache)");
        try {
            return resources.quality().prepare(job.dataFile(), job::isCancelRequested).orElse(null);
        } catch (QualityUnavailableException e) {
            log.warn("Job {}: its epochs are not scored: {}", job.id(), e.getMessage());
        } catch (RuntimeException e) {
            log.warn("Job {}: its epochs are not scored: {}", job.id(), describe(e), e);
        }
        return null;
    }

    /** The networks training starts from, and the epoch they have finished. */
    private record StartingPoint(Gan gan, int epoch) {}

    /** Brings the data set into the data folder, then checks the job against it. */
    private void download() {
        log.info(
                "Job {}: the training data is missing; downloading it into {}",
                job.id(),
                resources.downloader().folder());
        resources.downloader().download(job::downloading);
        job.dataReady(DataChecks.imagesFor(job.parameters(), job.dataFile()));
    }

    /** Marks the job failed; if even that cannot be recorded, the log says so. */
    private void failQuietly(String message) {
        try {
            job.failed(message);
        } catch (RuntimeException e) {
            log.error(
                    "Job {}: cannot record its failure in {}", job.id(), job.folder().runJson(), e);
        }
    }

    private static String describe(Throwable e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }

    private static String since(long startedNanos) {
        Duration elapsed = Duration.ofNanos(System.nanoTime() - startedNanos);
        return elapsed.toSeconds() + " s";
    }
}
