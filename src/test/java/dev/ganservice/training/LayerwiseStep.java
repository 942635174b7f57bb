package dev.ganservice.training;

import dev.ganservice.model.Gan;
import java.util.List;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * One batch of GAN training: a discriminator step, then a generator step through the discriminator
 * that leaves the discriminator's parameters and optimiser state untouched.
 *
 * <p>The generator runs once per batch. Its fakes feed both steps, as in the PyTorch yardstick, and
 * its layers keep their inputs from that pass for the generator's backward pass.
 */
final class LayerwiseStep {

    private final MultiLayerNetwork generator;
    private final MultiLayerNetwork discriminator;
    private final DiscriminatorVerdicts verdicts = new DiscriminatorVerdicts();
    private final LayerWorkspaceMgr noWorkspaces = LayerWorkspaceMgr.noWorkspaces();

    private int labelRows = -1;
    private INDArray realThenFake;
    private INDArray allReal;

    LayerwiseStep(Gan gan) {
        this.generator = gan.generator();
        this.discriminator = gan.discriminator();
        discriminator.setListeners(verdicts);
    }

    /** Trains on {@code real} and on as many fakes made from {@code noise}. */
    StepResult run(INDArray real, INDArray noise) {
        int rows = (int) real.rows();
        INDArray fakes = generate(noise);
        float[] before = trainDiscriminator(real, fakes);
        float[] after = trainGenerator(fakes);

        return new StepResult(
                AdversarialStep.crossEntropy(before, 0, rows, true)
                        + AdversarialStep.crossEntropy(before, rows, 2 * rows, false),
                AdversarialStep.crossEntropy(after, 0, rows, true),
                AdversarialStep.mean(before, 0, rows),
                AdversarialStep.mean(before, rows, 2 * rows));
    }

    /** Fakes in training mode; the generator's layers keep their inputs for its backward pass. */
    INDArray generate(INDArray noise) {
        generator.setInput(noise);
        List<INDArray> activations = generator.feedForward(true, false);
        return activations.get(activations.size() - 1);
    }

    /**
     * One step of the discriminator on real images (label 1) then fakes (label 0), in one batch.
     * Returns its verdicts from before the step, real images first.
     */
    float[] trainDiscriminator(INDArray real, INDArray fakes) {
        int rows = (int) real.rows();
        ensureLabels(rows);
        discriminator.setInput(Nd4j.vstack(real, fakes));
        discriminator.setLabels(realThenFake);
        discriminator.computeGradientAndScore();
        float[] verdicts = this.verdicts.last();
        apply(discriminator, discriminator.gradient(), 2 * rows);
        return verdicts;
    }

    /**
     * One step of the generator towards fakes the discriminator calls real. The discriminator only
     * computes the error at its input: its parameters and Adam state are not touched. Returns the
     * discriminator's verdicts on the fakes.
     */
    float[] trainGenerator(INDArray fakes) {
        int rows = (int) fakes.rows();
        ensureLabels(rows);
        INDArray errorAtFakes =
                discriminator.calculateGradients(fakes, allReal, null, null).getSecond();
        float[] verdicts = this.verdicts.last();
        Pair<Gradient, INDArray> gradient = generator.backpropGradient(errorAtFakes, noWorkspaces);
        apply(generator, gradient.getFirst(), rows);
        return verdicts;
    }

    /** What {@code fit} does after computing gradients, without its data-set plumbing. */
    private void apply(MultiLayerNetwork network, Gradient gradient, int batchSize) {
        int iteration = network.getIterationCount();
        network.getUpdater()
                .update(
                        network,
                        gradient,
                        iteration,
                        network.getEpochCount(),
                        batchSize,
                        noWorkspaces);
        network.params().subi(gradient.gradient());
        network.setIterationCount(iteration + 1);
    }

    private void ensureLabels(int rows) {
        if (rows == labelRows) {
            return;
        }
        allReal = Nd4j.ones(DataType.FLOAT, rows, 1);
        realThenFake = Nd4j.vstack(allReal, Nd4j.zeros(DataType.FLOAT, rows, 1));
        labelRows = rows;
    }

    /** Losses and discriminator verdicts of one batch. */
    record StepResult(
            double discriminatorLoss, double generatorLoss, double realScore, double fakeScore) {}
}
