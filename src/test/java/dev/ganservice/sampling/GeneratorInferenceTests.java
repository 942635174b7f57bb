package dev.ganservice.sampling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.ganservice.model.Gan;
import dev.ganservice.model.ImageShape;
import dev.ganservice.model.Noise;
import dev.ganservice.support.TestImages;
import dev.ganservice.training.GanTrainer;
import dev.ganservice.training.TrainingListeners;
import dev.ganservice.training.TrainingParameters;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
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
    void givesTheSameValuesForTheSameNoiseWhateverRunsBesideIt() throws Exception {
        GeneratorInference inference =
                GeneratorInference.of(Gan.create(parameters(1).modelSpec()).generator());
        INDArray noise = new Noise(7, 100).next(64);
        float[] alone = inference.output(noise);

        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<Callable<float[]>> work = new ArrayList<>();
            for (int i = 0; i < 48; i++) {
                int others = 1 + 37 * (i % 4);
                work.add(() -> inference.output(noise));
                work.add(() -> inference.output(new Noise(others, 100).next(others)));
            }
            List<Future<float[]>> results = threads.invokeAll(work);
            for (int i = 0; i < results.size(); i += 2) {
                assertThat(results.get(i).get()).isEqualTo(alone);
            }
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void drawsASingleImageAsDl4jDoes() {
        Gan gan = Gan.create(parameters(1).modelSpec());
        INDArray noise = new Noise(3, 100).next(1);

        float[] expected = gan.generator().output(noise, false).ravel().toFloatVector();
        float[] actual = GeneratorInference.of(gan.generator()).output(noise);

        assertThat(actual).containsExactly(expected, within((float) TOLERANCE));
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
        float[] actual = GeneratorInference.of(generator).output(noise);

        float[] wanted = expected.ravel().toFloatVector();
        assertThat(actual).hasSameSizeAs(wanted);
        double largest = 0;
        for (int i = 0; i < wanted.length; i++) {
            largest = Math.max(largest, Math.abs(actual[i] - wanted[i]));
        }
        assertThat(largest).isLessThan(TOLERANCE);
        assertThat(expected.std().getDouble(0)).as("images that are not flat").isGreaterThan(0.01);
    }

    private static TrainingParameters parameters(int epochs) {
        return new TrainingParameters(epochs, 64, 100, 2e-4, 0.5, 3, new ImageShape(28, 28, 1));
    }
}
