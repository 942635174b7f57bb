package dev.ganservice.quality;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Random;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A small convolutional network that tells the data set's classes apart; its second-to-last layer
 * is the feature space in which generated and real images are compared.
 *
 * <p>Convolution 5x5 with 16 filters, max pooling 2x2, convolution 5x5 with 32 filters, max pooling
 * 2x2, all with ReLU, then a dense layer of {@value #FEATURES} ReLU units (the features) and a
 * softmax over the classes. It reads images as rows of pixels in [-1, 1], the generator's range.
 */
final class FeatureClassifier {

    private static final Logger log = LoggerFactory.getLogger(FeatureClassifier.class);

    static final int FEATURES = 128;

    /** Images per step when training. */
    static final int TRAINING_BATCH = 64;

    static final double LEARNING_RATE = 1e-3;

    /** Images per forward pass when classifying or extracting features, to bound memory. */
    private static final int INFERENCE_BATCH = 500;

    /** Index of the dense feature layer among the network's layers. */
    private static final int FEATURE_LAYER = 4;

    private final MultiLayerNetwork network;

    private FeatureClassifier(MultiLayerNetwork network) {
        this.network = network;
    }

    /** A fresh, untrained classifier for images of {@code height} by {@code width} pixels. */
    static FeatureClassifier create(int height, int width, int classes, long seed) {
        MultiLayerConfiguration configuration =
                new NeuralNetConfiguration.Builder()
                        .seed(seed)
                        .dataType(DataType.FLOAT)
                        .weightInit(WeightInit.RELU)
                        .updater(new Adam(LEARNING_RATE))
                        .list()
                        .layer(convolution(16))
                        .layer(pooling())
                        .layer(convolution(32))
                        .layer(pooling())
                        .layer(
                                new DenseLayer.Builder()
                                        .nOut(FEATURES)
                                        .activation(Activation.RELU)
                                        .build())
                        .layer(
                                new OutputLayer.Builder(LossFunction.MCXENT)
                                        .nOut(classes)
                                        .activation(Activation.SOFTMAX)
                                        .build())
                        .setInputType(InputType.convolutionalFlat(height, width, 1))
                        .build();
        MultiLayerNetwork network = new MultiLayerNetwork(configuration);
        network.init();
        return new FeatureClassifier(network);
    }

    private static ConvolutionLayer convolution(int filters) {
        return new ConvolutionLayer.Builder(5, 5).nOut(filters).activation(Activation.RELU).build();
    }

    private static SubsamplingLayer pooling() {
        return new SubsamplingLayer.Builder(PoolingType.MAX).kernelSize(2, 2).stride(2, 2).build();
    }

    /** Reads a classifier {@link #save} wrote; the optimiser state is not needed and skipped. */
    static FeatureClassifier restore(InputStream in) throws IOException {
        return new FeatureClassifier(ModelSerializer.restoreMultiLayerNetwork(in, false));
    }

    void save(OutputStream out) throws IOException {
        ModelSerializer.writeModel(network, out, false);
    }

    /**
     * Trains for {@code epochs} passes over {@code data}, in an order shuffled by {@code seed}.
     * Returns false, leaving the network half trained, when {@code stop} turns true between
     * batches.
     */
    boolean train(LabelledImages data, int epochs, long seed, BooleanSupplier stop) {
        int classes = network.layerSize(network.getnLayers() - 1);
        Random random = new Random(seed);
        for (int epoch = 1; epoch <= epochs; epoch++) {
            long started = System.nanoTime();
            int[] order = shuffled(data.count(), random);
            for (int from = 0; from < order.length; from += TRAINING_BATCH) {
                if (stop.getAsBoolean()) {
                    return false;
                }
                int to = Math.min(order.length, from + TRAINING_BATCH);
                INDArray images = data.images().gather(order, from, to);
                network.fit(images, oneHot(data.labels(), order, from, to, classes));
            }
            // Training takes minutes while a job waits; the log shows it is moving.
            log.info(
                    "Quality classifier: epoch {}/{} in {} s",
                    epoch,
                    epochs,
                    Math.round((System.nanoTime() - started) / 1e9));
        }
        return true;
    }

    /**
     * How well the classifier labels {@code data}, and the data's features, from one forward pass.
     *
     * @param accuracy the fraction of images whose most probable class is their label
     * @param features the feature vectors, one after the other
     */
    record Evaluation(double accuracy, float[] features) {}

    synchronized Evaluation evaluate(LabelledImages data) {
        int count = data.count();
        int[] order = IntStream.range(0, count).toArray();
        float[] features = new float[count * FEATURES];
        int correct = 0;
        for (int from = 0; from < count; from += INFERENCE_BATCH) {
            int to = Math.min(count, from + INFERENCE_BATCH);
            List<INDArray> activations =
                    network.feedForward(data.images().gather(order, from, to), false);
            copyFeatures(activations, features, from);
            long[] predicted = activations.get(activations.size() - 1).argMax(1).toLongVector();
            for (int i = 0; i < predicted.length; i++) {
                if (predicted[i] == (data.labels()[from + i] & 0xff)) {
                    correct++;
                }
            }
        }
        return new Evaluation((double) correct / count, features);
    }

    /**
     * The feature vectors of {@code images} (one image per row, pixels in [-1, 1]), one after the
     * other. Callers on several threads take turns: the network keeps per-call state.
     */
    synchronized float[] features(INDArray images) {
        int count = (int) images.rows();
        float[] features = new float[count * FEATURES];
        for (int from = 0; from < count; from += INFERENCE_BATCH) {
            int to = Math.min(count, from + INFERENCE_BATCH);
            INDArray batch = images.get(NDArrayIndex.interval(from, to), NDArrayIndex.all());
            copyFeatures(network.feedForwardToLayer(FEATURE_LAYER, batch, false), features, from);
        }
        return features;
    }

    /**
     * Copies the feature layer's part of a forward pass into {@code features} at row {@code at}.
     */
    private static void copyFeatures(List<INDArray> activations, float[] features, int at) {
        // The input comes first, so the output of layer i is entry i + 1.
        float[] values =
                activations.get(FEATURE_LAYER + 1).castTo(DataType.FLOAT).ravel().toFloatVector();
        System.arraycopy(values, 0, features, at * FEATURES, values.length);
    }

    private static int[] shuffled(int count, Random random) {
        int[] order = IntStream.range(0, count).toArray();
        for (int i = count - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
        return order;
    }

    private static INDArray oneHot(byte[] labels, int[] order, int from, int to, int classes) {
        INDArray targets = Nd4j.zeros(DataType.FLOAT, to - from, classes);
        for (int i = from; i < to; i++) {
            targets.putScalar(i - from, labels[order[i]] & 0xff, 1f);
        }
        return targets;
    }
}
