package dev.ganservice.sampling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.ganservice.job.CheckpointSaved;
import dev.ganservice.model.Gan;
import dev.ganservice.model.ImageShape;
import dev.ganservice.model.ModelSpec;
import dev.ganservice.storage.CheckpointFiles;
import dev.ganservice.storage.CheckpointInfo;
import dev.ganservice.storage.RunFolder;
import dev.ganservice.storage.RunsDirectory;
import dev.ganservice.support.Polling;
import dev.ganservice.support.TestSettings;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

class GeneratorWarmerTests {

    @TempDir Path root;

    @Test
    void loadsTheGeneratorOfEachSavedCheckpointBeforeAnyoneAsks() throws IOException {
        CheckpointFiles files = new CheckpointFiles(JsonMapper.builder().build());
        RunsDirectory runs = new RunsDirectory(root);
        RunFolder folder = runs.create(LocalDateTime.of(2026, 12, 4, 10, 0));
        ModelSpec spec = new ModelSpec(ImageShape.FASHION_MNIST, 100, 2e-4, 0.5, 1);
        Path checkpoint = folder.checkpoint(1);
        files.write(
                checkpoint,
                Gan.create(spec),
                new CheckpointInfo(1, folder.id(), 1, spec, Instant.now(), "test"));
        GeneratorCache cache = new GeneratorCache(files, 2);
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        GeneratorWarmer warmer =
                new GeneratorWarmer(
                        new Sampler(
                                new CheckpointFinder(runs),
                                cache,
                                TestSettings.nd4j(),
                                new SamplingLimiter(1, Duration.ZERO, registry),
                                registry));
        CheckpointRef ref = new CheckpointRef(folder.id(), 1, checkpoint);

        assertThat(cache.contains(ref)).isFalse();
        warmer.onCheckpointSaved(new CheckpointSaved(folder.id(), 1, checkpoint, 0.1, 1));

        Polling.until(
                () -> cache.contains(ref),
                loaded -> loaded,
                Duration.ofSeconds(30),
                "the warmer to load the generator");
        warmer.stop();

        // A job may save its last epoch after the service has stopped the warmer.
        assertThatCode(
                        () ->
                                warmer.onCheckpointSaved(
                                        new CheckpointSaved(folder.id(), 2, checkpoint, 0.1, 1)))
                .doesNotThrowAnyException();
    }
}
