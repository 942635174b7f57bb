package dev.ganservice.training;

import static dev.ganservice.training.DiscriminatorPass.vector;

import dev.ganservice.model.GanNetworks;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.params.BatchNormalizationParamInitializer;
import org.deeplearning4j.nn.params.DefaultParamInitializer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The generator's training-mode forward pass and its backward pass, written as ND4J operations on
 * DL4J's own parameter arrays (see {@code GanNetworks.generator}: three stages of dense layer
 * without bias, BatchNorm and LeakyReLU, then a dense layer with tanh).
 *
 * <p>BatchNorm follows DL4J's layer exactly: it normalises with the batch's mean and biased
 * variance, and its running mean and log10 standard deviation move by DL4J's decay. Those two are
 * written into the gradient array as the change to subtract, which is how DL4J's own updater (a
 * no-op for them) applies them.
 */
final class GeneratorPass {

    private static final int STAGES = 3;
    private static final int LAYERS_PER_STAGE = 3;
    private static final int OUTPUT_LAYER = STAGES * LAYERS_PER_STAGE;
    private static final float SLOPE = (float) GanNetworks.LEAKY_SLOPE;

    private final TrainableNetwork network;
    private final Stage[] stages = new Stage[STAGES];
    private final INDArray outputWeights;
    private final INDArray outputBias;
    private final WeightGradient outputWeightGradient;
    private final INDArray outputBiasGradient;

    private final ColumnSums columnSums = new ColumnSums();

    private int rows = -1;
    private INDArray noise;
    private INDArray images;
    private INDArray imageErrors;

    GeneratorPass(TrainableNetwork network) {
        this.network = network;
        for (int stage = 0; stage < STAGES; stage++) {
            stages[stage] = new Stage(network, stage * LAYERS_PER_STAGE, columnSums);
        }
        outputWeights = network.parameter(OUTPUT_LAYER, DefaultParamInitializer.WEIGHT_KEY);
        outputBias = network.parameter(OUTPUT_LAYER, DefaultParamInitializer.BIAS_KEY);
        outputWeightGradient =
                new WeightGradient(
                        network.gradient(OUTPUT_LAYER, DefaultParamInitializer.WEIGHT_KEY));
        outputBiasGradient =
                vector(network.gradient(OUTPUT_LAYER, DefaultParamInitializer.BIAS_KEY));
    }

    TrainableNetwork network() {
        return network;
    }

    /** Values in one generated image. */
    long imagePixels() {
        return outputWeights.columns();
    }

    /**
     * Images from {@code noise}, written into {@code out} (one image per row). Everything the
     * backward pass needs is kept until the next call.
     */
    void forward(INDArray noise, INDArray out) {
        ensureBuffers((int) noise.rows());
        this.noise = noise;
        this.images = out;

        INDArray input = noise;
        for (Stage stage : stages) {
            input = stage.forward(input);
        }

        Nd4j.gemm(input, outputWeights, out, false, false, 1.0, 0.0);
        ActivationKernels.addBiasTanh(out, outputBias.toFloatVector());
    }

    /**
     * Back-propagates {@code errors}, the loss's derivative with respect to the images of the last
     * {@link #forward}, and writes every parameter's gradient (and BatchNorm's running statistics'
     * change) into the network's gradient array.
     */
    void backward(INDArray errors) {
        ActivationKernels.tanhBackward(images, errors, imageErrors);

        INDArray lastHidden = stages[STAGES - 1].output;
        outputWeightGradient.compute(lastHidden, imageErrors);
        columnSums.sum(imageErrors, outputBiasGradient, 1.0);
        INDArray error = stages[STAGES - 1].outputError;
        Nd4j.gemm(imageErrors, outputWeights, error, false, true, 1.0, 0.0);

        for (int stage = STAGES - 1; stage >= 0; stage--) {
            INDArray input = stage == 0 ? noise : stages[stage - 1].output;
            INDArray inputError = stage == 0 ? null : stages[stage - 1].outputError;
            stages[stage].backward(input, inputError);
        }
    }

    private void ensureBuffers(int batchRows) {
        if (batchRows == rows) {
            return;
        }
        for (Stage stage : stages) {
            stage.allocate(batchRows);
        }
        imageErrors =
                Nd4j.createUninitialized(
                        outputWeights.dataType(), batchRows, outputWeights.columns());
        rows = batchRows;
    }

    /** Dense (no bias), BatchNorm, LeakyReLU: one widening stage and what it keeps for backward. */
    private static final class Stage {

        private final INDArray weights;
        private final WeightGradient weightGradient;
        private final INDArray gamma;
        private final INDArray beta;
        private final INDArray runningMean;
        private final INDArray runningLog10Std;
        private final INDArray gammaGradient;
        private final INDArray betaGradient;
        private final INDArray runningMeanChange;
        private final INDArray runningLog10StdChange;
        private final double epsilon;
        private final double decay;
        private final ColumnSums columnSums;

        private INDArray normalised;
        private INDArray output;
        private INDArray outputError;
        private INDArray scratch;
        private INDArray batchMean;
        private INDArray batchVariance;
        private float[] mean;
        private float[] variance;
        private float[] std;
        private float[] gammaValues;

        Stage(TrainableNetwork network, int denseLayer, ColumnSums columnSums) {
            this.columnSums = columnSums;
            int normLayer = denseLayer + 1;
            BatchNormalization norm =
                    (BatchNormalization) network.network().getLayer(normLayer).conf().getLayer();
            if (!norm.isUseLogStd()) {
                throw new IllegalStateException(
                        "BatchNorm layer " + normLayer + " does not keep log10 std deviations");
            }
            epsilon = norm.getEps();
            decay = norm.getDecay();

            weights = network.parameter(denseLayer, DefaultParamInitializer.WEIGHT_KEY);
            weightGradient =
                    new WeightGradient(
                            network.gradient(denseLayer, DefaultParamInitializer.WEIGHT_KEY));
            gamma = vector(network.parameter(normLayer, BatchNormalizationParamInitializer.GAMMA));
            beta = vector(network.parameter(normLayer, BatchNormalizationParamInitializer.BETA));
            runningMean =
                    vector(
                            network.parameter(
                                    normLayer, BatchNormalizationParamInitializer.GLOBAL_MEAN));
            runningLog10Std =
                    vector(
                            network.parameter(
                                    normLayer, BatchNormalizationParamInitializer.GLOBAL_LOG_STD));
            gammaGradient =
                    vector(network.gradient(normLayer, BatchNormalizationParamInitializer.GAMMA));
            betaGradient =
                    vector(network.gradient(normLayer, BatchNormalizationParamInitializer.BETA));
            runningMeanChange =
                    vector(
                            network.gradient(
                                    normLayer, BatchNormalizationParamInitializer.GLOBAL_MEAN));
            runningLog10StdChange =
                    vector(
                            network.gradient(
                                    normLayer, BatchNormalizationParamInitializer.GLOBAL_LOG_STD));
        }

        void allocate(int rows) {
            DataType type = weights.dataType();
            long width = weights.columns();
            normalised = Nd4j.createUninitialized(type, rows, width);
            output = Nd4j.createUninitialized(type, rows, width);
            outputError = Nd4j.createUninitialized(type, rows, width);
            scratch = Nd4j.createUninitialized(type, rows, width);
            batchMean = Nd4j.createUninitialized(type, width);
            batchVariance = Nd4j.createUninitialized(type, width);
            std = new float[Math.toIntExact(width)];
        }

        INDArray forward(INDArray input) {
            Nd4j.gemm(input, weights, normalised, false, false, 1.0, 0.0);

            double perRow = 1.0 / normalised.rows();
            columnSums.sum(normalised, batchMean, perRow);
            mean = batchMean.toFloatVector();

            // Variance from the centred values, which loses less precision than E[x²] - E[x]².
            BatchNormKernels.centre(normalised, mean, scratch);
            columnSums.sum(scratch, batchVariance, perRow);
            variance = batchVariance.toFloatVector();
            for (int column = 0; column < std.length; column++) {
                std[column] = (float) Math.sqrt(variance[column] + epsilon);
            }

            gammaValues = gamma.toFloatVector();
            BatchNormKernels.normaliseLeakyRelu(
                    normalised, std, gammaValues, beta.toFloatVector(), SLOPE, output);
            return output;
        }

        /**
         * From {@code outputError} (the error at this stage's output) to the gradients of its
         * parameters and, unless {@code inputError} is null, the error at its input.
         */
        void backward(INDArray input, INDArray inputError) {
            INDArray error = outputError;
            BatchNormKernels.leakyReluBackward(output, error, normalised, SLOPE, scratch);
            columnSums.sum(error, betaGradient, 1.0);
            columnSums.sum(scratch, gammaGradient, 1.0);

            float rows = error.rows();
            float[] gammaMean = gammaGradient.toFloatVector();
            float[] betaMean = betaGradient.toFloatVector();
            float[] scale = new float[std.length];
            for (int column = 0; column < scale.length; column++) {
                gammaMean[column] /= rows;
                betaMean[column] /= rows;
                scale[column] = gammaValues[column] / std[column];
            }
            BatchNormKernels.backward(error, normalised, gammaMean, betaMean, scale);

            weightGradient.compute(input, error);
            if (inputError != null) {
                Nd4j.gemm(error, weights, inputError, false, true, 1.0, 0.0);
            }

            trackRunningStatistics();
        }

        /**
         * The change DL4J subtracts from the running mean and log10 standard deviation: they move a
         * fraction {@code 1 - decay} of the way to this batch's mean and (biased) variance.
         */
        private void trackRunningStatistics() {
            float[] runningMeans = runningMean.toFloatVector();
            float[] log10Stds = runningLog10Std.toFloatVector();
            float[] meanChange = new float[runningMeans.length];
            float[] log10StdChange = new float[log10Stds.length];
            for (int column = 0; column < meanChange.length; column++) {
                meanChange[column] = (float) ((runningMeans[column] - mean[column]) * (1 - decay));
                double running = Math.pow(10, 2.0 * log10Stds[column]);
                double next = running * decay + variance[column] * (1 - decay);
                log10StdChange[column] = (float) (0.5 * Math.log10(running / next));
            }
            NativeFloats.write(runningMeanChange, meanChange);
            NativeFloats.write(runningLog10StdChange, log10StdChange);
        }
    }
}
