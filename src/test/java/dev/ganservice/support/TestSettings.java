package dev.ganservice.support;

import dev.ganservice.config.GanProperties;
import dev.ganservice.config.Nd4jRuntime;
import java.nio.file.Path;
import java.time.Duration;
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
                new GanProperties.Nd4j(null, 0, "PASSIVE"),
                new GanProperties.Checkpoints(DataSize.ofGigabytes(1)),
                new GanProperties.Metrics(10),
                new GanProperties.Samples(8, Duration.ofSeconds(5)));
    }

    public static Nd4jRuntime nd4j() {
        return new Nd4jRuntime(defaults());
    }
}
