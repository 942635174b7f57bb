package dev.ganservice.training;

import dev.ganservice.model.Gan;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * One batch of GAN training: a discriminator step, then a generator step through the discriminator
 * that leaves the discriminator's parameters and optimiser state untouched.
 *
 * <p>The generator runs once per batch, as in the PyTorch yardstick: it writes its fakes straight
 * into the second half of the discriminator's input, and the same fakes feed the generator step.
 * Both losses are binary cross-entropy on a sigmoid, whose derivative at the sigmoid's input is
 * simply the probability minus the label, averaged over the batch.
 */
final class AdversarialStep {

    /** Probabilities are clipped this far from 0 and 1 before taking logarithms. */
    private static final double CLIP = 1e-7;

    private final GeneratorPass generator;
    private final DiscriminatorPass discriminator;

    private int rows = -1;
    private INDArray realThenFake;
    private INDArray real;
    private INDArray fakes;

    AdversarialStep(Gan gan) {
        this.generator = new GeneratorPass(new TrainableNetwork(gan.generator()));
        this.discriminator = new DiscriminatorPass(new TrainableNetwork(gan.discriminator()));
    }

    /** Trains on {@code real} and on as many fakes made from {@code noise}. */
    StepResult run(INDArray real, INDArray noise) {
        int rows = (int) real.rows();
        INDArray fakes = generate(noise);
        float[] before = trainDiscriminator(real, fakes);
        float[] after = trainGenerator(fakes);

        return new StepResult(
                crossEntropy(before, 0, rows, true) + crossEntropy(before, rows, 2 * rows, false),
                crossEntropy(after, 0, rows, true),
                mean(before, 0, rows),
                mean(before, rows, 2 * rows));
    }

    /** Fakes in training mode; the generator keeps what its backward pass needs. */
    INDArray generate(INDArray noise) {
        ensureBuffers((int) noise.rows());
        generator.forward(noise, fakes);
        return fakes;
    }

    /**
     * One step of the discriminator on real images (label 1) then fakes (label 0), in one batch.
     * Returns its verdicts from before the step, real images first.
     */
    float[] trainDiscriminator(INDArray realImages, INDArray fakeImages) {
        ensureBuffers((int) realImages.rows());
        real.assign(realImages);
        if (fakeImages != fakes) {
            fakes.assign(fakeImages);
        }

        float[] verdicts = discriminator.forward(realThenFake);
        discriminator.backward(logitErrors(verdicts, rows), true, false);
        discriminator.network().applyGradients();
        return verdicts;
    }

    /**
     * One step of the generator towards fakes the discriminator calls real. The discriminator only
     * computes the error at its input: its parameters and Adam state are not touched. Returns the
     * discriminator's verdicts on the fakes.
     */
    float[] trainGenerator(INDArray fakeImages) {
        float[] verdicts = discriminator.forward(fakeImages);
        INDArray errorAtFakes =
                discriminator.backward(logitErrors(verdicts, verdicts.length), false, true);
        generator.backward(errorAtFakes);
        generator.network().applyGradients();
        return verdicts;
    }

    /**
     * The mean loss's derivative at the output unit's input: (p - label) / rows, where the first
     * {@code realRows} rows are labelled real and the rest fake.
     */
    private static INDArray logitErrors(float[] verdicts, int realRows) {
        float[] errors = new float[verdicts.length];
        for (int i = 0; i < verdicts.length; i++) {
            float label = i < realRows ? 1f : 0f;
            errors[i] = (verdicts[i] - label) / verdicts.length;
        }
        return Nd4j.create(errors, new long[] {verdicts.length, 1}, DataType.FLOAT);
    }

    private void ensureBuffers(int batchRows) {
        if (batchRows == rows) {
            return;
        }
        long pixels = generator.imagePixels();
        realThenFake = Nd4j.createUninitialized(DataType.FLOAT, 2L * batchRows, pixels);
        real = realThenFake.get(NDArrayIndex.interval(0, batchRows), NDArrayIndex.all());
        fakes =
                realThenFake.get(
                        NDArrayIndex.interval(batchRows, 2 * batchRows), NDArrayIndex.all());
        rows = batchRows;
    }

    /** Mean binary cross-entropy of verdicts {@code p[from..to)} against one label. */
    static double crossEntropy(float[] p, int from, int to, boolean real) {
        double sum = 0;
        for (int i = from; i < to; i++) {
            double q = Math.min(1 - CLIP, Math.max(CLIP, p[i]));
            sum -= Math.log(real ? q : 1 - q);
        }
        return sum / (to - from);
    }

    static double mean(float[] p, int from, int to) {
        double sum = 0;
        for (int i = from; i < to; i++) {
            sum += p[i];
        }
        return sum / (to - from);
    }

    /** Losses and discriminator verdicts of one batch. */
    record StepResult(
            double discriminatorLoss, double generatorLoss, double realScore, double fakeScore) {}
}
