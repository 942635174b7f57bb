package dev.ganservice.sampling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ganservice.model.Gan;
import dev.ganservice.model.ImageShape;
import dev.ganservice.model.Noise;
import dev.ganservice.support.TestImages;
import dev.ganservice.training.GanTrainer;
import dev.ganservice.training.TrainingListeners;
import dev.ganservice.training.TrainingParameters;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

/** The fast forward pass draws what DL4J's own forward pass draws, to float precision. */
class GeneratorInferenceTests {

    /** Folding BatchNorm into one scale and shift reorders float arithmetic, nothing more. */
    private static final double TOLERANCE = 2e-5;

    @Test
    void matchesDl4jOnAFreshGenerator() {
        Gan gan = Gan.create(parameters(1).modelSpec());

        assertSameImages(gan.generator(), 100);
    }

    @Test
    void matchesDl4jOnATrainedGeneratorWhoseBatchNormHasLearnedStatistics() {
        TrainingParameters parameters = parameters(2);
        Gan gan = Gan.create(parameters.modelSpec());
        new GanTrainer(gan, TestImages.fashionMnist(512), parameters, TrainingListeners.of())
                .train(1, () -> false);

        assertSameImages(gan.generator(), 100);
    }

    @Test
    void refusesANetworkItDoesNotKnow() {
        Gan gan = Gan.create(parameters(1).modelSpec());

        assertThatThrownBy(() -> GeneratorInference.of(gan.discriminator()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unsupported");
    }

    private static void assertSameImages(MultiLayerNetwork generator, int latentSize) {
        INDArray noise = new Noise(42, latentSize).next(64);

        INDArray expected = generator.output(noise, false);
        INDArray actual = GeneratorInference.of(generator).output(noise);

        assertThat(actual.shape()).isEqualTo(expected.shape());
        double largest = Math.abs(actual.sub(expected).maxNumber().doubleValue());
        largest = Math.max(largest, Math.abs(actual.sub(expected).minNumber().doubleValue()));
        assertThat(largest).isLessThan(TOLERANCE);
        assertThat(expected.std().getDouble(0)).as("images that are not flat").isGreaterThan(0.01);
    }

    private static TrainingParameters parameters(int epochs) {
        return new TrainingParameters(epochs, 64, 100, 2e-4, 0.5, 3, new ImageShape(28, 28, 1));
    }
}
