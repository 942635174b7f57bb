package dev.ganservice.job;

import dev.ganservice.config.GanProperties;
import dev.ganservice.config.Nd4jRuntime;
import dev.ganservice.config.Software;
import dev.ganservice.data.DataDownloader;
import dev.ganservice.data.FashionMnist;
import dev.ganservice.data.TrainingImagesCache;
import dev.ganservice.quality.QualityScorer;
import dev.ganservice.storage.CheckpointFiles;
import dev.ganservice.storage.RunsDirectory;
import dev.ganservice.support.Polling;
import dev.ganservice.support.TestImages;
import dev.ganservice.support.TestSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import tools.jackson.databind.json.JsonMapper;

/**
 * Builds job services the way the application does, on a runs folder and a small data set of random
 * images, and plays the part of the service that stopped and the one that starts after it.
 */
final class JobServiceFixture implements AutoCloseable {

    static final int IMAGES = 512;

    private static final Nd4jRuntime ND4J = TestSettings.nd4j();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    final Path runs;
    final Path data;
    final List<Object> events = new CopyOnWriteArrayList<>();
    private final List<JobService> started = new ArrayList<>();
    private volatile Consumer<Object> onEvent = event -> {};

    JobServiceFixture(Path root) {
        this.runs = root.resolve("runs");
        this.data = root.resolve("data");
        try {
            TestImages.writeRandomIdx(data.resolve("train-images-idx3-ubyte.gz"), IMAGES, 5);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reacts to every event, on the thread that publishes it (a trainer, for epoch events). */
    void onEvent(Consumer<Object> reaction) {
        this.onEvent = reaction;
    }

    JobService start() {
        return start(null, false);
    }

    JobService start(Integer keepLast, boolean autoResume) {
        return start(TestSettings.service(runs, data, keepLast, autoResume, 8));
    }

    JobService start(GanProperties properties) {
        JobService service =
                new JobService(
                        properties,
                        new RunsDirectory(runs),
                        new FashionMnist(properties.data().dirs()),
                        new TrainingImagesCache(),
                        new DataDownloader(
                                properties.data().download().mirror(), java.util.Map.of(), data),
                        checkpoints(),
                        recorder(),
                        Clock.systemUTC(),
                        ND4J,
                        event -> {
                            events.add(event);
                            onEvent.accept(event);
                        },
                        quality(properties.quality()));
        started.add(service);
        return service;
    }

    /** Scores with {@code settings}, caching the classifier in this fixture's folder. */
    QualityScorer quality(GanProperties.Quality settings) {
        return new QualityScorer(
                settings,
                runs.resolveSibling("quality"),
                JSON,
                new TrainingImagesCache(),
                Clock.systemUTC(),
                new Software("test", ND4J));
    }

    RunRecorder recorder() {
        return new RunRecorder(JSON, new Software("test", ND4J));
    }

    CheckpointFiles checkpoints() {
        return new CheckpointFiles(JSON);
    }

    static JobSnapshot awaitStatus(JobService service, String id, JobStatus status) {
        return Polling.until(
                () -> service.get(id),
                job ->
                        job.status() == status
                                || (job.status().isStopped() && job.status() != status),
                Duration.ofMinutes(2),
                "job " + id + " to become " + status);
    }

    @Override
    public void close() throws InterruptedException {
        for (JobService service : started) {
            service.shutdown();
        }
    }
}
