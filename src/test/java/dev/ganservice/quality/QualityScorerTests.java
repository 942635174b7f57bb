package dev.ganservice.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ganservice.config.GanProperties;
import dev.ganservice.support.TestFolders;
import dev.ganservice.support.TestImages;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The classifier's life cycle on a small slice of real Fashion-MNIST: trained once, cached, reused,
 * trained again when damaged or outdated.
 */
class QualityScorerTests {

    private static final GanProperties.Quality QUICK = TrainedClassifier.QUICK;

    private static Path trained;
    private static QualityModel first;

    @TempDir Path cache;

    @BeforeAll
    static void trainOnce() {
        trained = TrainedClassifier.get().cache;
        first = TrainedClassifier.get().model;
    }

    @Test
    void trainsAClassifierThatTellsTheClassesApartAndCachesIt() {
        assertThat(first.testAccuracy()).as("10 classes: chance is 0.1").isGreaterThan(0.6);
        assertThat(first.floor()).isPositive();
        assertThat(first.description().floorSamples()).isEqualTo(300);
        assertThat(first.description().key().trainingImages()).isEqualTo(1000);
        assertThat(TestFolders.names(trained))
                .containsExactlyInAnyOrder(
                        ClassifierStore.DESCRIPTION,
                        ClassifierStore.MODEL,
                        ClassifierStore.REFERENCE);
        assertThat(
                        TestFolders.readJson(trained.resolve(ClassifierStore.DESCRIPTION))
                                .get("testAccuracy")
                                .asDouble())
                .isEqualTo(first.testAccuracy());
    }

    @Test
    void aLaterStartLoadsTheCachedClassifierInsteadOfTrainingAgain() throws IOException {
        copyTrained();
        long modified = modified(ClassifierStore.MODEL);

        QualityModel loaded = prepare(QUICK);

        assertThat(loaded.description().createdAt()).isEqualTo(first.description().createdAt());
        assertThat(loaded.testAccuracy()).isEqualTo(first.testAccuracy());
        assertThat(loaded.floor()).isEqualTo(first.floor());
        assertThat(modified(ClassifierStore.MODEL)).isEqualTo(modified);
    }

    @Test
    void aTruncatedModelIsTrainedAgainAndCachedWhole() throws IOException {
        copyTrained();
        Path model = cache.resolve(ClassifierStore.MODEL);
        Files.write(model, new byte[(int) Files.size(model) / 2]);

        QualityModel rebuilt = prepare(QUICK);

        assertThat(rebuilt.description().createdAt()).isAfter(first.description().createdAt());
        assertThat(rebuilt.testAccuracy()).isGreaterThan(0.6);
        assertThat(prepare(QUICK).description().createdAt())
                .as("the rebuilt cache loads")
                .isEqualTo(rebuilt.description().createdAt());
    }

    /** Not-a-number statistics of the right size scored every epoch NaN before. */
    @Test
    void referenceStatisticsChangedInPlaceAreTrainedAgain() throws IOException {
        copyTrained();
        Path reference = cache.resolve(ClassifierStore.REFERENCE);
        byte[] damaged = Files.readAllBytes(reference);
        Arrays.fill(damaged, 8, damaged.length, (byte) 0x7f);
        Files.write(reference, damaged);

        QualityModel rebuilt = prepare(QUICK);

        assertThat(rebuilt.description().createdAt()).isAfter(first.description().createdAt());
        assertThat(Files.readAllBytes(reference)).isNotEqualTo(damaged);
        assertThat(
                        TestFolders.readJson(cache.resolve(ClassifierStore.DESCRIPTION))
                                .get("referenceSha256")
                                .asString())
                .hasSize(64);
    }

    @Test
    void anUnreadableDescriptionIsTrainedAgain() throws IOException {
        copyTrained();
        Files.writeString(cache.resolve(ClassifierStore.DESCRIPTION), "{\"format\": ");

        QualityModel rebuilt = prepare(QUICK);

        assertThat(rebuilt.description().createdAt()).isAfter(first.description().createdAt());
        assertThat(TestFolders.readJson(cache.resolve(ClassifierStore.DESCRIPTION)).get("floor"))
                .isNotNull();
    }

    @Test
    void otherClassifierSettingsTrainANewOne() throws IOException {
        copyTrained();

        QualityModel fewer = prepare(new GanProperties.Quality(true, 300, null, 1, 500));

        assertThat(fewer.description().key().trainingImages()).isEqualTo(500);
        assertThat(fewer.description().createdAt()).isAfter(first.description().createdAt());
    }

    @Test
    void anotherSampleCountMeasuresTheFloorAgainWithoutTraining() throws IOException {
        copyTrained();

        QualityModel more = prepare(new GanProperties.Quality(true, 600, null, 1, 1000));

        assertThat(more.description().createdAt()).isEqualTo(first.description().createdAt());
        assertThat(more.description().floorSamples()).isEqualTo(600);
        assertThat(more.samples()).isEqualTo(600);
        assertThat(
                        TestFolders.readJson(cache.resolve(ClassifierStore.DESCRIPTION))
                                .get("floorSamples")
                                .asInt())
                .isEqualTo(600);
    }

    @Test
    void stoppingWhileTrainingCachesNothing() {
        assertThat(scorer(QUICK, cache).prepare(trainImages(), () -> true)).isEmpty();

        assertThat(TestFolders.names(cache)).isEmpty();
    }

    @Test
    void aDataSetWithoutLabelsOrTestSplitCannotBeScored(@TempDir Path bare) throws IOException {
        Path images = TestImages.writeRandomIdx(bare.resolve("train-images-idx3-ubyte.gz"), 64, 1);

        assertThatThrownBy(() -> scorer(QUICK, cache).prepare(images, () -> false))
                .isInstanceOf(QualityUnavailableException.class)
                .hasMessageContaining("train-labels-idx1-ubyte")
                .hasMessageContaining("t10k-images-idx3-ubyte")
                .hasMessageContaining("t10k-labels-idx1-ubyte");
    }

    @Test
    void fewerLabelsThanImagesMakeScoringUnavailable(@TempDir Path short_) throws IOException {
        TestImages.writeFashionMnistSubset(short_, 200, 100);
        TestImages.writeLabels(short_.resolve("train-labels-idx1-ubyte.gz"), new byte[150]);

        assertThatThrownBy(
                        () ->
                                scorer(QUICK, cache)
                                        .prepare(
                                                short_.resolve("train-images-idx3-ubyte.gz"),
                                                () -> false))
                .isInstanceOf(QualityUnavailableException.class)
                .hasMessageContaining("200 images but only 150 labels");
    }

    private static QualityScorer scorer(GanProperties.Quality settings, Path cacheDir) {
        return TrainedClassifier.scorer(settings, cacheDir);
    }

    private static Path trainImages() {
        return TrainedClassifier.get().trainImages();
    }

    private QualityModel prepare(GanProperties.Quality settings) {
        return scorer(settings, cache).prepare(trainImages(), () -> false).orElseThrow();
    }

    private void copyTrained() throws IOException {
        try (Stream<Path> files = Files.list(trained)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Files.copy(
                        file,
                        cache.resolve(file.getFileName()),
                        StandardCopyOption.COPY_ATTRIBUTES);
            }
        }
    }

    private long modified(String name) throws IOException {
        return Files.getLastModifiedTime(cache.resolve(name)).toMillis();
    }
}
