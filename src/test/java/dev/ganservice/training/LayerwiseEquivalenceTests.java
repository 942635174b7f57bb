package dev.ganservice.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.ganservice.data.TrainingImages;
import dev.ganservice.model.Gan;
import dev.ganservice.model.ImageShape;
import dev.ganservice.model.ModelSpec;
import dev.ganservice.model.Noise;
import dev.ganservice.support.TestImages;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * {@link AdversarialStep} computes by hand what DL4J's layers compute. This compares it with {@link
 * LayerwiseStep}, the same step driven through DL4J's own forward, backward and updater calls, from
 * identical networks on identical batches: losses, verdicts, every parameter, the Adam state and
 * BatchNorm's running statistics must agree to float rounding.
 */
class LayerwiseEquivalenceTests {

    private static final ModelSpec SPEC =
            new ModelSpec(ImageShape.FASHION_MNIST, 100, 2e-4, 0.5, 23);
    private static final int STEPS = 6;

    private final TrainingImages images = TestImages.fashionMnist(512);

    /**
     * Each step starts both sides from the same parameters and Adam state (the reference is set to
     * ours after every comparison), so what is compared is one step's arithmetic, not rounding
     * compounded over steps.
     */
    @Test
    void handWrittenStepMatchesDl4jLayersStepByStep() {
        Gan direct = Gan.create(SPEC);
        Gan layerwise = Gan.create(SPEC);
        assertThat(direct.generator().params()).isEqualTo(layerwise.generator().params());
        AdversarialStep step = new AdversarialStep(direct);
        LayerwiseStep reference = new LayerwiseStep(layerwise);

        int[] order = GanTrainer.shuffledOrder(images.count(), 5);
        for (int i = 0; i < STEPS; i++) {
            // The last step is short, as an epoch's last batch can be.
            int rows = i == STEPS - 1 ? 48 : 64;
            INDArray real = images.gather(order, i * 64, i * 64 + rows);
            INDArray noise = new Noise(100 + i, 100).next(rows);
            INDArray generatorStart = direct.generator().params().dup();
            INDArray discriminatorStart = direct.discriminator().params().dup();

            AdversarialStep.StepResult ours = step.run(real, noise);
            LayerwiseStep.StepResult theirs = reference.run(real.dup(), noise.dup());

            assertThat(ours.discriminatorLoss())
                    .as("D loss, step %d", i)
                    .isCloseTo(theirs.discriminatorLoss(), within(1e-4));
            assertThat(ours.generatorLoss())
                    .as("G loss, step %d", i)
                    .isCloseTo(theirs.generatorLoss(), within(1e-4));
            assertThat(ours.realScore()).isCloseTo(theirs.realScore(), within(1e-5));
            assertThat(ours.fakeScore()).isCloseTo(theirs.fakeScore(), within(1e-5));
            assertSameStep(
                    i, "generator", direct.generator(), layerwise.generator(), generatorStart);
            assertSameStep(
                    i,
                    "discriminator",
                    direct.discriminator(),
                    layerwise.discriminator(),
                    discriminatorStart);

            copyState(direct.generator(), layerwise.generator());
            copyState(direct.discriminator(), layerwise.discriminator());
        }

        assertThat(direct.generator().getIterationCount()).isEqualTo(STEPS);
        assertThat(direct.discriminator().getIterationCount()).isEqualTo(STEPS);
    }

    /**
     * Adam's moments are running sums of the gradients, so comparing them checks the gradients.
     * Neither side's step is smooth in its inputs: where a unit's input is within rounding of zero,
     * the two sides can take different sides of LeakyReLU's kink, and that unit's weight gradients
     * for the batch differ by a few per cent (for the discriminator's first layer, 784 values per
     * unit). Swapping the operands of one matrix product (the same values to 1e-6) moved two such
     * units in this test's short step. So the moments must agree to 1e-3 of the largest all but
     * everywhere and to 1e-2 everywhere, and the parameters' changes, which Adam scales to about
     * the learning rate whatever the gradient, to 1 % of the largest change almost everywhere.
     */
    private static void assertSameStep(
            int step,
            String name,
            MultiLayerNetwork ours,
            MultiLayerNetwork theirs,
            INDArray start) {
        INDArray ourState = ours.getUpdater().getStateViewArray();
        INDArray theirState = theirs.getUpdater().getStateViewArray();
        assertClose(name + " Adam state after step " + step, ourState, theirState, 1e-2);
        assertMostlyClose(
                name + " Adam state after step " + step, ourState, theirState, 1e-3, 1e-3);
        assertMostlyClose(
                name + " parameter changes in step " + step,
                ours.params().sub(start),
                theirs.params().sub(start),
                0.01,
                1e-2);
    }

    private static void copyState(MultiLayerNetwork from, MultiLayerNetwork to) {
        to.params().assign(from.params());
        to.getUpdater().getStateViewArray().assign(from.getUpdater().getStateViewArray());
    }

    @Test
    void trainedGeneratorsGiveTheSameImagesInInferenceMode() {
        Gan direct = Gan.create(SPEC);
        Gan layerwise = Gan.create(SPEC);
        AdversarialStep step = new AdversarialStep(direct);
        LayerwiseStep reference = new LayerwiseStep(layerwise);
        int[] order = GanTrainer.shuffledOrder(images.count(), 6);
        for (int i = 0; i < STEPS; i++) {
            INDArray real = images.gather(order, i * 64, i * 64 + 64);
            INDArray noise = new Noise(200 + i, 100).next(64);
            step.run(real, noise);
            reference.run(real.dup(), noise.dup());
        }

        // Inference uses BatchNorm's running statistics, so this checks how they were tracked.
        INDArray noise = new Noise(7, 100).next(16);
        assertClose(
                "images",
                direct.generator().output(noise, false),
                layerwise.generator().output(noise, false),
                1e-4);
    }

    /**
     * All but a {@code fraction} of the values differ by less than {@code limit} times the largest
     * value in {@code theirs}.
     */
    private static void assertMostlyClose(
            String what, INDArray ours, INDArray theirs, double limit, double fraction) {
        double scale = Transforms.abs(theirs).maxNumber().doubleValue();
        INDArray far = Transforms.abs(ours.sub(theirs)).gt(limit * scale);
        double apart = far.castTo(DataType.DOUBLE).sumNumber().doubleValue() / ours.length();
        assertThat(scale).as("largest value in %s", what).isGreaterThan(0);
        assertThat(apart).as("fraction of values apart in %s", what).isLessThan(fraction);
    }

    /** The largest difference, as a fraction of the largest value in {@code theirs}. */
    private static void assertClose(String what, INDArray ours, INDArray theirs, double limit) {
        double scale = Transforms.abs(theirs).maxNumber().doubleValue();
        double worst = Transforms.abs(ours.sub(theirs)).maxNumber().doubleValue();
        assertThat(scale).as("largest value in %s", what).isGreaterThan(0);
        assertThat(worst / scale).as("largest relative difference in %s", what).isLessThan(limit);
    }
}
