package dev.ganservice.support;

import dev.ganservice.config.GanProperties;
import dev.ganservice.config.Nd4jRuntime;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.springframework.util.unit.DataSize;

/** The service's settings at their defaults, and the real ND4J runtime, outside Spring. */
public final class TestSettings {

    private TestSettings() {}

    public static GanProperties defaults() {
        return new GanProperties(
                1,
                8,
                Path.of("runs"),
                new GanProperties.Data(null, null),
                new GanProperties.Nd4j(null, 0, "PASSIVE", "auto"),
                new GanProperties.Checkpoints(DataSize.ofGigabytes(1), null),
                new GanProperties.Jobs(false),
                new GanProperties.Metrics(10),
                new GanProperties.Samples(8, Duration.ofSeconds(5)),
                new GanProperties.Events(64, Duration.ofSeconds(15)),
                new GanProperties.Quality(true, 5000, null, 2, null));
    }

    /**
     * Quality scoring that costs seconds: a classifier trained for one epoch on at most 1000
     * images, and {@code samples} images scored per epoch.
     */
    public static GanProperties.Quality quickQuality(int samples) {
        return new GanProperties.Quality(true, samples, null, 1, 1000);
    }

    /**
     * Settings for a service on {@code runs} that trains on the data in {@code data}, never
     * downloads, keeps {@code keepLast} checkpoints (null: all) and scores no epochs.
     */
    public static GanProperties service(
            Path runs, Path data, Integer keepLast, boolean autoResume, int queueCapacity) {
        return new GanProperties(
                1,
                queueCapacity,
                runs,
                new GanProperties.Data(
                        List.of(data), new GanProperties.Download(false, null, null)),
                new GanProperties.Nd4j(null, 0, "PASSIVE", "auto"),
                new GanProperties.Checkpoints(DataSize.ofMegabytes(1), keepLast),
                new GanProperties.Jobs(autoResume),
                new GanProperties.Metrics(10),
                new GanProperties.Samples(8, Duration.ofSeconds(5)),
                new GanProperties.Events(64, Duration.ofSeconds(15)),
                new GanProperties.Quality(false, 5000, null, 2, null));
    }

    /** {@code settings} with {@code quality} in place of their quality settings. */
    public static GanProperties withQuality(GanProperties settings, GanProperties.Quality quality) {
        return new GanProperties(
                settings.workers(),
                settings.queueCapacity(),
                settings.runsDir(),
                settings.data(),
                settings.nd4j(),
                settings.checkpoints(),
                settings.jobs(),
                settings.metrics(),
                settings.samples(),
                settings.events(),
                quality);
    }

    public static Nd4jRuntime nd4j() {
        return new Nd4jRuntime(defaults());
    }
}
