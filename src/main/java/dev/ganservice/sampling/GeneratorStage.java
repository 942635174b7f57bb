package dev.ganservice.sampling;

import dev.ganservice.model.Tanh;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.params.BatchNormalizationParamInitializer;
import org.deeplearning4j.nn.params.DefaultParamInitializer;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationLReLU;
import org.nd4j.linalg.activations.impl.ActivationTanH;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * One matrix product, then {@code + shift} per column and the activation. BatchNorm's per-column
 * scale is folded into the weights' columns.
 */
record GeneratorStage(INDArray weights, float[] shift, Kind kind, float slope) {

    enum Kind {
        IDENTITY,
        LEAKY_RELU,
        TANH
    }

    static GeneratorStage dense(Layer layer, DenseLayer conf) {
        INDArray weights = layer.getParam(DefaultParamInitializer.WEIGHT_KEY).dup('c');
        float[] bias =
                conf.hasBias()
                        ? layer.getParam(DefaultParamInitializer.BIAS_KEY).toFloatVector()
                        : new float[Math.toIntExact(weights.columns())];
        GeneratorStage stage = new GeneratorStage(weights, bias, Kind.IDENTITY, 0);
        return stage.activated(conf.getActivationFn());
    }

    /** BatchNorm in inference: gamma * (x - mean) / sqrt(var + eps) + beta, folded. */
    GeneratorStage normalised(Layer layer, BatchNormalization conf) {
        if (kind != Kind.IDENTITY || conf.isLockGammaBeta()) {
            throw new IllegalArgumentException("unsupported BatchNorm placement " + conf);
        }
        INDArray gamma = layer.getParam(BatchNormalizationParamInitializer.GAMMA);
        INDArray beta = layer.getParam(BatchNormalizationParamInitializer.BETA);
        INDArray mean = layer.getParam(BatchNormalizationParamInitializer.GLOBAL_MEAN);
        INDArray variance;
        if (conf.isUseLogStd()) {
            INDArray log10Std = layer.getParam(BatchNormalizationParamInitializer.GLOBAL_LOG_STD);
            INDArray std =
                    Transforms.pow(
                            Nd4j.valueArrayOf(log10Std.shape(), 10.0, log10Std.dataType()),
                            log10Std);
            variance = std.mul(std);
        } else {
            variance = layer.getParam(BatchNormalizationParamInitializer.GLOBAL_VAR).dup();
        }
        INDArray std = Transforms.sqrt(variance.addi(conf.getEps()), false);
        INDArray scale = gamma.div(std);
        // A bias before BatchNorm shifts the mean it subtracts.
        INDArray newShift = beta.sub(mean.sub(Nd4j.create(shift, 1, shift.length)).mul(scale));
        return new GeneratorStage(
                weights.mulRowVector(scale), newShift.toFloatVector(), kind, slope);
    }

    GeneratorStage activated(IActivation function) {
        if (kind != Kind.IDENTITY) {
            throw new IllegalArgumentException("two activations in one stage");
        }
        // max(x, slope * x) is LeakyReLU only for slopes from 0 to 1.
        if (function instanceof ActivationLReLU leaky
                && leaky.getAlpha() >= 0
                && leaky.getAlpha() <= 1) {
            return new GeneratorStage(weights, shift, Kind.LEAKY_RELU, (float) leaky.getAlpha());
        }
        if (function instanceof ActivationTanH) {
            return new GeneratorStage(weights, shift, Kind.TANH, 0);
        }
        if (function instanceof ActivationIdentity) {
            return this;
        }
        throw new IllegalArgumentException("unsupported activation " + function);
    }

    int width() {
        return shift.length;
    }

    /** Adds the shift and applies the activation to the first {@code length} values. */
    void finish(float[] values, int length) {
        int width = shift.length;
        for (int row = 0; row < length; row += width) {
            for (int column = 0; column < width; column++) {
                values[row + column] += shift[column];
            }
        }
        switch (kind) {
            case IDENTITY -> {}
            case LEAKY_RELU -> {
                for (int i = 0; i < length; i++) {
                    values[i] = Math.max(values[i], values[i] * slope);
                }
            }
            case TANH -> Tanh.apply(values, length);
        }
    }
}
