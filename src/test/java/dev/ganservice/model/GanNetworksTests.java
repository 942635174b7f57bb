package dev.ganservice.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationLReLU;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.activations.impl.ActivationTanH;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.impl.LossBinaryXENT;

class GanNetworksTests {

    private static final ModelSpec SPEC =
            new ModelSpec(ImageShape.FASHION_MNIST, 100, 2e-4, 0.5, 42);

    @Test
    void discriminatorIsThreeLeakyDenseLayersAndOneSigmoidUnitWithCrossEntropy() {
        MultiLayerNetwork discriminator = GanNetworks.discriminator(SPEC);

        assertThat(discriminator.getnLayers()).isEqualTo(4);
        int[][] sizes = {{784, 1024}, {1024, 512}, {512, 256}};
        for (int i = 0; i < 3; i++) {
            DenseLayer dense = (DenseLayer) layer(discriminator, i);
            assertThat(new long[] {dense.getNIn(), dense.getNOut()})
                    .containsExactly(sizes[i][0], sizes[i][1]);
            assertThat(dense.hasBias()).isTrue();
            assertLeaky(dense.getActivationFn());
        }
        OutputLayer output = (OutputLayer) layer(discriminator, 3);
        assertThat(output.getNIn()).isEqualTo(256);
        assertThat(output.getNOut()).isEqualTo(1);
        assertThat(output.getActivationFn()).isInstanceOf(ActivationSigmoid.class);
        assertThat(output.getLossFn()).isInstanceOf(LossBinaryXENT.class);
    }

    @Test
    void generatorWidensThroughBiasFreeDenseBatchNormAndLeakyStagesToTanhPixels() {
        MultiLayerNetwork generator = GanNetworks.generator(SPEC);

        assertThat(generator.getnLayers()).isEqualTo(10);
        long in = 100;
        for (int stage = 0; stage < 3; stage++) {
            long width = 256L << stage;
            DenseLayer dense = (DenseLayer) layer(generator, 3 * stage);
            assertThat(new long[] {dense.getNIn(), dense.getNOut()}).containsExactly(in, width);
            assertThat(dense.hasBias()).isFalse();
            assertThat(dense.getActivationFn()).isInstanceOf(ActivationIdentity.class);
            BatchNormalization norm = (BatchNormalization) layer(generator, 3 * stage + 1);
            assertThat(norm.getActivationFn()).isInstanceOf(ActivationIdentity.class);
            assertLeaky(((ActivationLayer) layer(generator, 3 * stage + 2)).getActivationFn());
            in = width;
        }
        Layer last = layer(generator, 9);
        assertThat(last).isExactlyInstanceOf(DenseLayer.class);
        assertThat(((DenseLayer) last).getNOut()).isEqualTo(784);
        assertThat(((DenseLayer) last).getActivationFn()).isInstanceOf(ActivationTanH.class);
    }

    @Test
    void parameterCountsMatchTheArchitecture() {
        long discriminator =
                (784 * 1024 + 1024) + (1024 * 512 + 512) + (512 * 256 + 256) + (256 + 1);
        // BatchNorm keeps gamma, beta and the running mean and variance: four per unit.
        long generator =
                100 * 256
                        + 4 * 256
                        + 256 * 512
                        + 4 * 512
                        + 512 * 1024
                        + 4 * 1024
                        + (1024 * 784 + 784);

        assertThat(GanNetworks.discriminator(SPEC).numParams()).isEqualTo(discriminator);
        assertThat(GanNetworks.generator(SPEC).numParams()).isEqualTo(generator);
    }

    @Test
    void bothNetworksUseAdamWithTheSpecsLearningRateAndBeta1() {
        ModelSpec spec = new ModelSpec(new ImageShape(16, 8, 1), 7, 0.003, 0.7, 1);

        for (MultiLayerNetwork network :
                new MultiLayerNetwork[] {
                    GanNetworks.generator(spec), GanNetworks.discriminator(spec)
                }) {
            Adam adam =
                    (Adam)
                            ((org.deeplearning4j.nn.conf.layers.BaseLayer) layer(network, 0))
                                    .getIUpdater();
            assertThat(adam.getLearningRate()).isEqualTo(0.003);
            assertThat(adam.getBeta1()).isEqualTo(0.7);
        }
    }

    @Test
    void generatorMapsNoiseToImagesInTanhRange() {
        MultiLayerNetwork generator = GanNetworks.generator(SPEC);

        INDArray images = generator.output(new Noise(3, 100).next(5), false);

        assertThat(images.shape()).containsExactly(5, 784);
        assertThat(images.minNumber().doubleValue()).isGreaterThanOrEqualTo(-1);
        assertThat(images.maxNumber().doubleValue()).isLessThanOrEqualTo(1);
        assertThat(images.stdNumber().doubleValue()).isGreaterThan(0);
    }

    @Test
    void theSameSeedBuildsTheSameWeightsAndAnotherSeedDifferentOnes() {
        ModelSpec other = new ModelSpec(ImageShape.FASHION_MNIST, 100, 2e-4, 0.5, 43);

        assertThat(GanNetworks.generator(SPEC).params())
                .isEqualTo(GanNetworks.generator(SPEC).params());
        assertThat(GanNetworks.discriminator(SPEC).params())
                .isNotEqualTo(GanNetworks.discriminator(other).params());
    }

    private static Layer layer(MultiLayerNetwork network, int index) {
        return network.getLayerWiseConfigurations().getConf(index).getLayer();
    }

    private static void assertLeaky(Object activation) {
        assertThat(activation).isInstanceOf(ActivationLReLU.class);
        assertThat(((ActivationLReLU) activation).getAlpha()).isEqualTo(0.25);
    }
}
