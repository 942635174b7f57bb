package dev.ganservice.sampling;

import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.params.BatchNormalizationParamInitializer;
import org.deeplearning4j.nn.params.DefaultParamInitializer;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationLReLU;
import org.nd4j.linalg.activations.impl.ActivationTanH;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The generator's forward pass for sampling, without DL4J's layer machinery: per stage one matrix
 * product, one per-column scale and shift (the dense layer's bias, or BatchNorm's inference
 * transform folded into one), and the activation, on arrays of the request's own. DL4J's {@code
 * output} spends most of a small batch's time around the matrix products, and keeps per-call state,
 * so one network could serve one request at a time; this holds only immutable weights, so any
 * number of requests can use it at once.
 *
 * <p>It accepts exactly the generators {@code GanNetworks} builds: stages of dense (with or without
 * bias), optional BatchNorm and optional LeakyReLU, ending in a dense layer with tanh. Anything
 * else is refused, and the caller falls back to DL4J.
 */
final class GeneratorInference {

    private final List<Stage> stages;

    private GeneratorInference(List<Stage> stages) {
        this.stages = stages;
    }

    /**
     * The fast path for {@code network}.
     *
     * @throws IllegalArgumentException when the network has layers this path does not know
     */
    static GeneratorInference of(MultiLayerNetwork network) {
        List<Stage> stages = new ArrayList<>();
        Stage current = null;
        for (Layer layer : network.getLayers()) {
            Object conf = layer.conf().getLayer();
            if (conf instanceof DenseLayer dense) {
                if (current != null) {
                    stages.add(current);
                }
                current = Stage.dense(layer, dense);
            } else if (conf instanceof BatchNormalization norm && current != null) {
                current = current.normalised(layer, norm);
            } else if (conf instanceof ActivationLayer activation && current != null) {
                current = current.activated(activation.getActivationFn());
            } else {
                throw new IllegalArgumentException("unsupported layer " + conf);
            }
        }
        if (current == null) {
            throw new IllegalArgumentException("no layers");
        }
        stages.add(current);
        return new GeneratorInference(List.copyOf(stages));
    }

    /** Images for the given noise rows, flattened one per row. */
    INDArray output(INDArray noise) {
        INDArray x = noise.castTo(DataType.FLOAT);
        for (Stage stage : stages) {
            x = stage.apply(x);
        }
        return x;
    }

    /** One matrix product, then {@code x * scale + shift} per column, then the activation. */
    private record Stage(
            INDArray weights, INDArray scale, INDArray shift, Kind kind, double slope) {

        enum Kind {
            IDENTITY,
            LEAKY_RELU,
            TANH
        }

        static Stage dense(Layer layer, DenseLayer conf) {
            INDArray weights = layer.getParam(DefaultParamInitializer.WEIGHT_KEY).dup('c');
            INDArray bias =
                    conf.hasBias() ? layer.getParam(DefaultParamInitializer.BIAS_KEY).dup() : null;
            Stage stage = new Stage(weights, null, bias, Kind.IDENTITY, 0);
            return stage.activated(conf.getActivationFn());
        }

        /** BatchNorm in inference: gamma * (x - mean) / sqrt(var + eps) + beta, folded. */
        Stage normalised(Layer layer, BatchNormalization conf) {
            if (kind != Kind.IDENTITY || conf.isLockGammaBeta()) {
                throw new IllegalArgumentException("unsupported BatchNorm placement " + conf);
            }
            INDArray gamma = layer.getParam(BatchNormalizationParamInitializer.GAMMA);
            INDArray beta = layer.getParam(BatchNormalizationParamInitializer.BETA);
            INDArray mean = layer.getParam(BatchNormalizationParamInitializer.GLOBAL_MEAN);
            INDArray variance;
            if (conf.isUseLogStd()) {
                INDArray log10Std =
                        layer.getParam(BatchNormalizationParamInitializer.GLOBAL_LOG_STD);
                INDArray std =
                        Transforms.pow(
                                Nd4j.valueArrayOf(log10Std.shape(), 10.0, log10Std.dataType()),
                                log10Std);
                variance = std.mul(std);
            } else {
                variance = layer.getParam(BatchNormalizationParamInitializer.GLOBAL_VAR).dup();
            }
            INDArray std = Transforms.sqrt(variance.addi(conf.getEps()), false);
            INDArray newScale = gamma.div(std);
            INDArray newShift = beta.sub(mean.mul(newScale));
            if (shift != null) {
                // A bias before BatchNorm shifts the mean it subtracts.
                newShift.addi(shift.mul(newScale));
            }
            return new Stage(weights, newScale, newShift, kind, slope);
        }

        Stage activated(IActivation function) {
            if (kind != Kind.IDENTITY) {
                throw new IllegalArgumentException("two activations in one stage");
            }
            if (function instanceof ActivationLReLU leaky) {
                return new Stage(weights, scale, shift, Kind.LEAKY_RELU, leaky.getAlpha());
            }
            if (function instanceof ActivationTanH) {
                return new Stage(weights, scale, shift, Kind.TANH, 0);
            }
            if (function instanceof ActivationIdentity) {
                return this;
            }
            throw new IllegalArgumentException("unsupported activation " + function);
        }

        INDArray apply(INDArray x) {
            INDArray out = Nd4j.createUninitialized(DataType.FLOAT, x.rows(), weights.columns());
            Nd4j.gemm(x, weights, out, false, false, 1.0, 0.0);
            if (scale != null) {
                out.muliRowVector(scale);
            }
            if (shift != null) {
                out.addiRowVector(shift);
            }
            return switch (kind) {
                case IDENTITY -> out;
                case LEAKY_RELU -> Transforms.leakyRelu(out, slope, false);
                case TANH -> Transforms.tanh(out, false);
            };
        }
    }
}
