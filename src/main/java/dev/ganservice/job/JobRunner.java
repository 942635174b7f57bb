package dev.ganservice.job;

import dev.ganservice.data.TrainingImages;
import dev.ganservice.model.Gan;
import dev.ganservice.training.GanTrainer;
import dev.ganservice.training.TrainingListeners;
import dev.ganservice.training.TrainingParameters;
import java.nio.file.Files;
import java.time.Duration;
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
        resources.nd4j().awaitReady(BACKEND_WAIT);
        TrainingParameters parameters = job.parameters().training();
        TrainingImages images = resources.data().load(job.dataFile(), job.images());
        Gan gan = Gan.create(parameters.modelSpec());
        GanTrainer trainer =
                new GanTrainer(
                        gan,
                        images,
                        parameters,
                        TrainingListeners.of(
                                new JobProgress(job), new EpochCheckpointer(job, resources)));

        long started = System.nanoTime();
        GanTrainer.Outcome outcome = trainer.train(1, job::isCancelRequested);
        if (outcome == GanTrainer.Outcome.COMPLETED) {
            job.succeeded();
            log.info(
                    "Job {} succeeded in {}; checkpoints and grids are in {}",
                    job.id(),
                    since(started),
                    job.folder());
        } else {
            job.cancelled();
            log.info(
                    "Job {} cancelled after {}; {} finished epochs stay in {}",
                    job.id(),
                    since(started),
                    job.snapshot().history().size(),
                    job.folder());
        }
    }

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
