package dev.ganservice.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ganservice.data.IdxReader;
import dev.ganservice.data.TrainingImages;
import dev.ganservice.model.Gan;
import dev.ganservice.model.ImageShape;
import dev.ganservice.model.ModelSpec;
import java.nio.file.Path;
import java.util.stream.IntStream;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Scoring generators with a classifier trained on a small slice of real Fashion-MNIST. */
class QualityModelTests {

    static final ModelSpec SPEC = new ModelSpec(ImageShape.FASHION_MNIST, 100, 2e-4, 0.5, 3);

    private static QualityModel model;
    private static Path data;

    @BeforeAll
    static void train() {
        model = TrainedClassifier.get().model;
        data = TrainedClassifier.get().data;
    }

    @Test
    void anUntrainedGeneratorScoresFarAboveTheFloorOfRealImages() {
        QualityScore score = model.score(Gan.create(SPEC).generator(), 100, 7);

        assertThat(score.fid()).isGreaterThan(5 * model.floor());
        assertThat(score.seconds()).isPositive();
    }

    @Test
    void realTestImagesScoreNearTheFloor() {
        TrainingImages test =
                TrainingImages.of(IdxReader.readImages(data.resolve("t10k-images-idx3-ubyte.gz")));
        INDArray images = test.gather(IntStream.range(0, test.count()).toArray(), 0, test.count());

        // The test split against its own statistics; the floor compares training images with it.
        assertThat(model.distanceTo(images)).isLessThan(1e-6);
        assertThat(model.floor()).isLessThan(0.2 * model.score(generator(), 100, 7).fid());
    }

    @Test
    void theSameSeedGivesTheSameScoreAndAnotherSeedAClosePoint() {
        MultiLayerNetwork generator = generator();

        double once = model.score(generator, 100, 7).fid();
        double again = model.score(generator, 100, 7).fid();
        double other = model.score(generator, 100, 8).fid();

        assertThat(again).isEqualTo(once);
        assertThat(other).isNotEqualTo(once).isBetween(0.8 * once, 1.25 * once);
    }

    @Test
    void aGeneratorThatDrawsNothingButNanCannotBeScored() {
        MultiLayerNetwork generator = generator();
        generator.params().assign(Double.NaN);

        assertThatThrownBy(() -> model.score(generator, 100, 7))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("NaN");
    }

    private static MultiLayerNetwork generator() {
        return Gan.create(SPEC).generator();
    }
}
