package dev.ganservice.sampling;

import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The generator's forward pass for sampling, without DL4J's layer machinery: per stage one matrix
 * product through ND4J into an array that this pass holds alone, then the dense layer's bias (or
 * BatchNorm's inference transform, folded into the weights and one shift) and the activation,
 * applied in Java to the product's values. DL4J's {@code output} spends most of a small batch's
 * time around the matrix products, and keeps per-call state, so one network could serve one request
 * at a time; this holds only immutable weights, so any number of requests can use it at once.
 *
 * <p>The Java part gives the same floats on every thread. The products give the same floats for the
 * same rows and the same number of BLAS threads, but not for a row inside a product of another
 * size, so each request's noise goes through products of its own.
 *
 * <p>It accepts exactly the generators {@code GanNetworks} builds: stages of dense (with or without
 * bias), optional BatchNorm and optional LeakyReLU, ending in a dense layer with tanh. Anything
 * else is refused, and the caller falls back to DL4J.
 */
final class GeneratorInference {

    /** Passes of more rows than this allocate their arrays and leave them to the collector. */
    private static final int MAX_SPARE_ROWS = 256;

    /** Spare arrays: as many as requests usually generate at once (gan.samples.max-concurrent). */
    private static final int SPARES = 8;

    private final List<GeneratorStage> stages;
    private final BlockingQueue<Scratch> spares = new ArrayBlockingQueue<>(SPARES);

    private GeneratorInference(List<GeneratorStage> stages) {
        this.stages = stages;
    }

    /**
     * The fast path for {@code network}.
     *
     * @throws IllegalArgumentException when the network has layers this path does not know
     */
    static GeneratorInference of(MultiLayerNetwork network) {
        List<GeneratorStage> stages = new ArrayList<>();
        GeneratorStage current = null;
        for (Layer layer : network.getLayers()) {
            Object conf = layer.conf().getLayer();
            if (conf instanceof DenseLayer dense) {
                if (current != null) {
                    stages.add(current);
                }
                current = GeneratorStage.dense(layer, dense);
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

    /** Images for the given noise rows, flattened one after another. */
    float[] output(INDArray noise) {
        INDArray x = noise.castTo(DataType.FLOAT);
        int rows = Math.toIntExact(x.rows());
        Scratch scratch = takeScratch(rows);
        float[] images = new float[rows * stages.get(stages.size() - 1).width()];
        for (int i = 0; i < stages.size(); i++) {
            GeneratorStage stage = stages.get(i);
            INDArray product = scratch.products[i];
            Nd4j.gemm(x, stage.weights(), product, false, false, 1.0, 0.0);
            // A direct view of the product's memory: two bulk copies instead of per-value calls.
            FloatBuffer memory = product.data().asNioFloat();
            float[] values = i == stages.size() - 1 ? images : scratch.values;
            int length = rows * stage.width();
            memory.get(values, 0, length);
            stage.finish(values, length);
            memory.rewind();
            memory.put(values, 0, length);
            x = product;
        }
        giveBack(scratch);
        return images;
    }

    /** Arrays for a pass of {@code rows} rows: a spare one if it fits, else new ones. */
    private Scratch takeScratch(int rows) {
        Scratch spare = spares.poll();
        if (spare != null && spare.rows == rows) {
            return spare;
        }
        if (spare != null) {
            spares.offer(spare);
        }
        return new Scratch(rows, stages);
    }

    private void giveBack(Scratch scratch) {
        if (scratch.rows <= MAX_SPARE_ROWS) {
            spares.offer(scratch);
        }
    }

    /**
     * The off-heap products and the Java copy of the hidden stages' values that one pass works in.
     * Allocating them anew took a tenth of a request's time and most of its garbage, so a few are
     * kept for the next pass with as many rows (most requests ask for the same count).
     */
    private static final class Scratch {
        private final int rows;
        private final INDArray[] products;
        private final float[] values;

        Scratch(int rows, List<GeneratorStage> stages) {
            this.rows = rows;
            this.products = new INDArray[stages.size()];
            int widest = 0;
            for (int i = 0; i < stages.size(); i++) {
                int width = stages.get(i).width();
                products[i] = Nd4j.createUninitialized(DataType.FLOAT, rows, width);
                if (i < stages.size() - 1) {
                    widest = Math.max(widest, width);
                }
            }
            this.values = new float[rows * widest];
        }
    }
}
