package dev.ganservice.training;

import dev.ganservice.model.GanNetworks;
import java.util.HashMap;
import java.util.Map;
import org.deeplearning4j.nn.params.DefaultParamInitializer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The discriminator's forward and backward passes, written as ND4J operations on DL4J's own
 * parameter arrays (see {@code GanNetworks.discriminator}: three dense layers with LeakyReLU, then
 * one sigmoid unit).
 *
 * <p>DL4J's layer machinery costs more than the matrix products themselves at these sizes, and it
 * cannot skip work a GAN does not need: the discriminator step needs no error at the images, and
 * the generator step needs nothing but that error. The bias and activation of each layer run as one
 * pass in Java ({@link ActivationKernels}). Buffers are kept from one batch to the next and only
 * reallocated when the number of rows changes.
 */
final class DiscriminatorPass {

    private static final int LAYERS = 4;
    private static final int MAX_BUFFER_SETS = 4;
    private static final float SLOPE = (float) GanNetworks.LEAKY_SLOPE;

    private final TrainableNetwork network;
    private final INDArray[] weights = new INDArray[LAYERS];
    private final INDArray[] biases = new INDArray[LAYERS];
    private final WeightGradient[] weightGradients = new WeightGradient[LAYERS];
    private final INDArray[] biasGradients = new INDArray[LAYERS];

    /** Buffers by number of rows: a step passes 2n rows, then n, and an epoch ends shorter. */
    private final Map<Integer, Buffers> buffersByRows = new HashMap<>();

    private final ColumnSums columnSums = new ColumnSums();

    private Buffers buffers;

    DiscriminatorPass(TrainableNetwork network) {
        this.network = network;
        for (int layer = 0; layer < LAYERS; layer++) {
            weights[layer] = network.parameter(layer, DefaultParamInitializer.WEIGHT_KEY);
            biases[layer] = network.parameter(layer, DefaultParamInitializer.BIAS_KEY);
            weightGradients[layer] =
                    new WeightGradient(network.gradient(layer, DefaultParamInitializer.WEIGHT_KEY));
            biasGradients[layer] =
                    vector(network.gradient(layer, DefaultParamInitializer.BIAS_KEY));
        }
    }

    TrainableNetwork network() {
        return network;
    }

    /**
     * The probability that each row of {@code input} is real. The input and every layer's output
     * are kept for {@link #backward}; the input must not change before then.
     */
    float[] forward(INDArray input) {
        buffers = buffersFor((int) input.rows());
        INDArray[] activations = buffers.activations();
        activations[0] = input;

        for (int layer = 0; layer < LAYERS; layer++) {
            INDArray out = activations[layer + 1];
            Nd4j.gemm(activations[layer], weights[layer], out, false, false, 1.0, 0.0);
            if (layer < LAYERS - 1) {
                ActivationKernels.addBiasLeakyRelu(out, biases[layer].toFloatVector(), SLOPE);
            }
        }

        float[] verdicts = activations[LAYERS].toFloatVector();
        double bias = biases[LAYERS - 1].getDouble(0);
        for (int row = 0; row < verdicts.length; row++) {
            verdicts[row] = (float) (1 / (1 + Math.exp(-(verdicts[row] + bias))));
        }
        return verdicts;
    }

    /**
     * Back-propagates {@code logitErrors}, the loss's derivative with respect to the output unit's
     * input, through the last {@link #forward}. With {@code parameters} it writes the parameters'
     * gradients into the network's gradient array; with {@code input} it returns the derivative
     * with respect to the input, and null otherwise.
     */
    INDArray backward(INDArray logitErrors, boolean parameters, boolean input) {
        INDArray[] activations = buffers.activations();
        INDArray[] errors = buffers.errors();
        errors[LAYERS] = logitErrors;

        for (int layer = LAYERS - 1; layer >= 0; layer--) {
            INDArray error = errors[layer + 1];
            if (layer < LAYERS - 1) {
                ActivationKernels.leakyReluBackward(activations[layer + 1], error, SLOPE);
            }
            if (parameters) {
                weightGradients[layer].compute(activations[layer], error);
                columnSums.sum(error, biasGradients[layer], 1.0);
            }
            if (layer > 0 || input) {
                Nd4j.gemm(error, weights[layer], errors[layer], false, true, 1.0, 0.0);
            }
        }
        return input ? errors[0] : null;
    }

    private Buffers buffersFor(int rows) {
        if (buffersByRows.size() > MAX_BUFFER_SETS) {
            buffersByRows.clear();
        }
        return buffersByRows.computeIfAbsent(rows, this::allocate);
    }

    private Buffers allocate(int rows) {
        INDArray[] activations = new INDArray[LAYERS + 1];
        INDArray[] errors = new INDArray[LAYERS + 1];
        for (int layer = 0; layer < LAYERS; layer++) {
            DataType type = weights[layer].dataType();
            activations[layer + 1] = Nd4j.createUninitialized(type, rows, weights[layer].columns());
            errors[layer] = Nd4j.createUninitialized(type, rows, weights[layer].rows());
        }
        return new Buffers(activations, errors);
    }

    static INDArray vector(INDArray array) {
        return array.reshape(array.length());
    }

    /**
     * One pass's arrays: {@code activations[0]} is the input and {@code activations[l + 1]} leaves
     * layer l; {@code errors[l]} is the loss's derivative with respect to {@code activations[l]}.
     */
    private record Buffers(INDArray[] activations, INDArray[] errors) {}
}
