package dev.ganservice.training;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ganservice.data.TrainingImages;
import dev.ganservice.model.Gan;
import dev.ganservice.model.ImageShape;
import dev.ganservice.model.ModelSpec;
import dev.ganservice.model.Noise;
import dev.ganservice.support.TestImages;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

class AdversarialStepTests {

    private static final int BATCH = 32;

    private final TrainingImages images = TestImages.fashionMnist(256);
    private Gan gan;
    private AdversarialStep step;

    @BeforeEach
    void buildNetworks() {
        gan = Gan.create(new ModelSpec(ImageShape.FASHION_MNIST, 100, 2e-4, 0.5, 11));
        step = new AdversarialStep(gan);
        // A few steps first, so Adam's state is not all zeros when the tests compare it.
        for (int i = 0; i < 3; i++) {
            step.run(realBatch(i), new Noise(i, 100).next(BATCH));
        }
    }

    @Test
    void generatorStepLeavesEveryDiscriminatorParameterAndAdamStateUntouched() {
        INDArray fakes = step.generate(new Noise(99, 100).next(BATCH));
        step.trainDiscriminator(realBatch(5), fakes);
        INDArray discriminatorParams = gan.discriminator().params().dup();
        INDArray discriminatorState = gan.discriminator().getUpdater().getStateViewArray().dup();
        int discriminatorIterations = gan.discriminator().getIterationCount();
        INDArray generatorParams = gan.generator().params().dup();

        step.trainGenerator(fakes);

        assertThat(gan.discriminator().params()).isEqualTo(discriminatorParams);
        assertThat(gan.discriminator().getUpdater().getStateViewArray())
                .isEqualTo(discriminatorState);
        assertThat(gan.discriminator().getIterationCount()).isEqualTo(discriminatorIterations);
        assertThat(gan.generator().params()).isNotEqualTo(generatorParams);
    }

    @Test
    void discriminatorStepChangesTheDiscriminatorButNotTheGenerator() {
        INDArray fakes = step.generate(new Noise(98, 100).next(BATCH));
        INDArray generatorParams = gan.generator().params().dup();
        INDArray discriminatorParams = gan.discriminator().params().dup();

        step.trainDiscriminator(realBatch(6), fakes);

        assertThat(gan.generator().params()).isEqualTo(generatorParams);
        assertThat(gan.discriminator().params()).isNotEqualTo(discriminatorParams);
    }

    @Test
    void verdictsAreProbabilitiesOnePerImageRealFirst() {
        INDArray fakes = step.generate(new Noise(97, 100).next(BATCH));
        INDArray expected =
                gan.discriminator()
                        .output(org.nd4j.linalg.factory.Nd4j.vstack(realBatch(7), fakes), false);

        float[] verdicts = step.trainDiscriminator(realBatch(7), fakes);

        assertThat(verdicts).hasSize(2 * BATCH);
        for (int i = 0; i < verdicts.length; i++) {
            assertThat(verdicts[i]).isBetween(0f, 1f);
            assertThat((double) verdicts[i])
                    .isCloseTo(expected.getDouble(i, 0), org.assertj.core.data.Offset.offset(1e-5));
        }
    }

    @Test
    void stepReportsLossesConsistentWithItsVerdicts() {
        AdversarialStep.StepResult result = step.run(realBatch(8), new Noise(8, 100).next(BATCH));

        assertThat(result.realScore()).isBetween(0.0, 1.0);
        assertThat(result.fakeScore()).isBetween(0.0, 1.0);
        // BCE(real) >= -log(mean D(x)) and BCE(fake) >= -log(1 - mean D(G(z))), by Jensen.
        double lowerBound = -Math.log(result.realScore()) - Math.log(1 - result.fakeScore());
        assertThat(result.discriminatorLoss()).isGreaterThanOrEqualTo(lowerBound - 1e-6);
        assertThat(result.generatorLoss()).isPositive();
    }

    private INDArray realBatch(int index) {
        int[] order = new int[images.count()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        int from = (index * BATCH) % (images.count() - BATCH);
        return images.gather(order, from, from + BATCH);
    }
}
