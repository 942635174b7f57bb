package dev.ganservice.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ganservice.model.Gan;
import dev.ganservice.model.ImageShape;
import dev.ganservice.model.ModelSpec;
import dev.ganservice.model.Noise;
import dev.ganservice.support.TestImages;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collections;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
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

        MultiLayerNetwork restored = checkpoints.readGenerator(file).network();

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

    @ParameterizedTest
    @ValueSource(strings = {"generator.zip", "checkpoint.json"})
    void aCheckpointMissingAPartIsUnreadableNamingThePart(String part) throws IOException {
        Path incomplete = copyWithout(write("epoch-001.zip"), part);

        assertThatThrownBy(() -> checkpoints.readGenerator(incomplete))
                .isInstanceOf(UnreadableCheckpointException.class)
                .hasMessageContaining("no " + part);
    }

    @ParameterizedTest(name = "checkpoint.json with {0}")
    @ValueSource(
            strings = {
                "\"latentSize\":100,->\"latentSize\":10,",
                "\"width\":28,->\"width\":1,",
                "\"channels\":1->\"channels\":3",
                "\"model\":{->\"other\":{"
            })
    void aDescriptionThatDoesNotMatchItsNetworksMakesTheCheckpointUnreadable(String edit)
            throws IOException {
        Path file = write("epoch-001.zip");
        String[] change = edit.split("->");
        Path lying = withInfo(file, info -> replaceOnce(info, change[0], change[1]));

        assertThatThrownBy(() -> checkpoints.readGenerator(lying))
                .isInstanceOf(UnreadableCheckpointException.class)
                .hasMessageContaining(lying.toString());
        assertThatThrownBy(() -> checkpoints.read(lying))
                .isInstanceOf(UnreadableCheckpointException.class);
    }

    private static String replaceOnce(String text, String target, String replacement) {
        assertThat(text).as("the edit applies").contains(target);
        return text.replace(target, replacement);
    }

    /** A copy of {@code file} without the entry {@code part}. */
    private Path copyWithout(Path file, String part) throws IOException {
        return copy(file, "without-", entry -> !entry.equals(part), info -> info);
    }

    /** A copy of {@code file} whose checkpoint.json is rewritten by {@code edit}. */
    private Path withInfo(Path file, UnaryOperator<String> edit) throws IOException {
        return copy(file, "edited-", entry -> true, edit);
    }

    private Path copy(Path file, String prefix, Predicate<String> keep, UnaryOperator<String> edit)
            throws IOException {
        Path copy = folder.resolve(prefix + file.getFileName());
        try (ZipFile source = new ZipFile(file.toFile());
                ZipOutputStream target = new ZipOutputStream(Files.newOutputStream(copy))) {
            for (ZipEntry entry : Collections.list(source.entries())) {
                if (!keep.test(entry.getName())) {
                    continue;
                }
                byte[] content = source.getInputStream(entry).readAllBytes();
                if (entry.getName().equals(CheckpointFiles.INFO)) {
                    String compact =
                            new String(content, StandardCharsets.UTF_8).replaceAll("\\s+", "");
                    content = edit.apply(compact).getBytes(StandardCharsets.UTF_8);
                }
                target.putNextEntry(new ZipEntry(entry.getName()));
                target.write(content);
            }
        }
        return copy;
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
