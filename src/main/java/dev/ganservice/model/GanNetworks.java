package dev.ganservice.model;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration.ListBuilder;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.impl.ActivationLReLU;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

/**
 * Builds the discriminator and the generator described in the README's "Model" section.
 *
 * <p>Weights start uniform in +-1/sqrt(fan-in), the same default PyTorch uses for its linear
 * layers, so the PyTorch yardstick and this service start from comparable networks.
 */
public final class GanNetworks {

    /** Slope of LeakyReLU for negative inputs, in both networks. */
    public static final double LEAKY_SLOPE = 0.25;

    static final int[] DISCRIMINATOR_WIDTHS = {1024, 512, 256};
    static final int[] GENERATOR_WIDTHS = {256, 512, 1024};

    private static final double ADAM_BETA2 = 0.999;
    private static final double ADAM_EPSILON = 1e-8;

    private GanNetworks() {}

    /**
     * Dense 1024, 512, 256, each with LeakyReLU(0.25), then one sigmoid unit trained with binary
     * cross-entropy: the probability that an image is real.
     */
    public static MultiLayerNetwork discriminator(ModelSpec spec) {
        ListBuilder layers = base(spec, spec.seed()).list();
        int in = spec.image().pixels();
        for (int width : DISCRIMINATOR_WIDTHS) {
            layers.layer(
                    new DenseLayer.Builder()
                            .nIn(in)
                            .nOut(width)
                            .activation(new ActivationLReLU(LEAKY_SLOPE))
                            .build());
            in = width;
        }
        layers.layer(
                new OutputLayer.Builder(LossFunction.XENT)
                        .nIn(in)
                        .nOut(1)
                        .activation(Activation.SIGMOID)
                        .build());
        return init(layers.build());
    }

    /**
     * Three stages of Dense (no bias), BatchNorm and LeakyReLU(0.25) widening 256, 512, 1024, then
     * Dense to the image's pixel count with Tanh.
     *
     * <p>The last layer is a plain dense layer, not an output layer: the generator has no loss of
     * its own and learns from the error the discriminator sends back to its input.
     */
    public static MultiLayerNetwork generator(ModelSpec spec) {
        // A seed distinct from the discriminator's, so the two do not start from related weights.
        ListBuilder layers = base(spec, ~spec.seed()).list();
        int in = spec.latentSize();
        for (int width : GENERATOR_WIDTHS) {
            layers.layer(
                    new DenseLayer.Builder()
                            .nIn(in)
                            .nOut(width)
                            .hasBias(false)
                            .activation(Activation.IDENTITY)
                            .build());
            // BatchNorm applies no activation; naming identity keeps the saved configuration
            // honest.
            layers.layer(
                    new BatchNormalization.Builder()
                            .nOut(width)
                            .activation(Activation.IDENTITY)
                            .build());
            layers.layer(
                    new ActivationLayer.Builder()
                            .activation(new ActivationLReLU(LEAKY_SLOPE))
                            .build());
            in = width;
        }
        layers.layer(
                new DenseLayer.Builder()
                        .nIn(in)
                        .nOut(spec.image().pixels())
                        .activation(Activation.TANH)
                        .build());
        return init(layers.build());
    }

    private static NeuralNetConfiguration.Builder base(ModelSpec spec, long seed) {
        return new NeuralNetConfiguration.Builder()
                .seed(seed)
                .dataType(DataType.FLOAT)
                .weightInit(WeightInit.UNIFORM)
                .updater(new Adam(spec.learningRate(), spec.beta1(), ADAM_BETA2, ADAM_EPSILON));
    }

    private static MultiLayerNetwork init(MultiLayerConfiguration configuration) {
        MultiLayerNetwork network = new MultiLayerNetwork(configuration);
        network.init();
        return network;
    }
}
