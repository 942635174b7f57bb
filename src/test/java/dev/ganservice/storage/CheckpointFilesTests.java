package dev.ganservice.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ganservice.model.Gan;
import dev.ganservice.model.ImageShape;
import dev.ganservice.model.ModelSpec;
import dev.ganservice.model.Noise;
import dev.ganservice.support.TestImages;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.zip.ZipFile;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import tools.jackson.databind.json.JsonMapper;

class CheckpointFilesTests {

    private static final ModelSpec SPEC =
            new ModelSpec(ImageShape.FASHION_MNIST, 100, 2e-4, 0.5, 5);

    private static Gan trained;

    private final CheckpointFiles checkpoints = new CheckpointFiles(JsonMapper.builder().build());

    @TempDir Path folder;

    /** A few real training steps, so BatchNorm's running statistics and Adam's state are set. */
    @BeforeAll
    static void trainBriefly() {
        trained = Gan.create(SPEC);
        var parameters =
                new dev.ganservice.training.TrainingParameters(
                        1, 32, 100, 2e-4, 0.5, 5, ImageShape.FASHION_MNIST);
        new dev.ganservice.training.GanTrainer(
                        trained,
                        TestImages.fashionMnist(96),
                        parameters,
                        new dev.ganservice.training.TrainingListener() {})
                .train(1, () -> false);
    }

    @Test
    void restoredGeneratorDrawsTheSameImagesFromTheSameNoise() throws IOException {
        Path file = write("epoch-001.zip");
        INDArray noise = new Noise(123, 100).next(16);

        MultiLayerNetwork restored = checkpoints.readGenerator(file);

        assertThat(restored.output(noise, false))
                .isEqualTo(trained.generator().output(noise, false));
    }

    @Test
    void restoresBothNetworksWithTheirAdamStateAndIterationCounts() throws IOException {
        Path file = write("epoch-001.zip");

        Gan restored = checkpoints.read(file);

        assertThat(restored.spec()).isEqualTo(SPEC);
        for (var pair :
                new MultiLayerNetwork[][] {
                    {trained.generator(), restored.generator()},
                    {trained.discriminator(), restored.discriminator()}
                }) {
            assertThat(pair[1].params()).isEqualTo(pair[0].params());
            assertThat(pair[1].getUpdater().getStateViewArray())
                    .isEqualTo(pair[0].getUpdater().getStateViewArray());
            assertThat(pair[1].getIterationCount())
                    .isEqualTo(pair[0].getIterationCount())
                    .isPositive();
        }
    }

    @Test
    void describesItselfAndHoldsStandardDl4jModelFiles() throws IOException {
        Path file = write("epoch-001.zip");

        CheckpointInfo info = checkpoints.readInfo(file);
        assertThat(info.job()).isEqualTo("2026-12-04_10-00-00");
        assertThat(info.epoch()).isEqualTo(1);
        assertThat(info.model()).isEqualTo(SPEC);

        try (ZipFile zip = new ZipFile(file.toFile())) {
            Path inner = folder.resolve("discriminator.zip");
            Files.copy(zip.getInputStream(zip.getEntry(CheckpointFiles.DISCRIMINATOR)), inner);
            MultiLayerNetwork discriminator =
                    ModelSerializer.restoreMultiLayerNetwork(inner.toFile(), true);
            assertThat(discriminator.params()).isEqualTo(trained.discriminator().params());
        }
    }

    @Test
    void refusesTruncatedEmptyAndForeignFilesNamingTheFile() throws IOException {
        byte[] whole = Files.readAllBytes(write("epoch-001.zip"));
        Path truncated =
                Files.write(
                        folder.resolve("epoch-002.zip"), Arrays.copyOf(whole, whole.length / 2));
        Path empty = Files.write(folder.resolve("epoch-003.zip"), new byte[0]);
        Path text = Files.writeString(folder.resolve("epoch-004.zip"), "not a zip");

        for (Path bad : new Path[] {truncated, empty, text}) {
            assertThatThrownBy(() -> checkpoints.readGenerator(bad))
                    .isInstanceOf(UnreadableCheckpointException.class)
                    .hasMessageContaining(bad.toString());
        }
    }

    @Test
    void aZipWithoutTheGeneratorIsUnreadable() throws IOException {
        Path zip = folder.resolve("epoch-005.zip");
        try (var out = new java.util.zip.ZipOutputStream(Files.newOutputStream(zip))) {
            out.putNextEntry(new java.util.zip.ZipEntry("something-else.txt"));
            out.write(1);
        }

        assertThatThrownBy(() -> checkpoints.readGenerator(zip))
                .isInstanceOf(UnreadableCheckpointException.class)
                .hasMessageContaining("generator.zip");
    }

    private Path write(String name) throws IOException {
        Path file = folder.resolve(name);
        checkpoints.write(
                file,
                trained,
                new CheckpointInfo(
                        CheckpointInfo.FORMAT,
                        "2026-12-04_10-00-00",
                        1,
                        SPEC,
                        Instant.parse("2026-12-04T10:00:00Z"),
                        "test"));
        return file;
    }
}
