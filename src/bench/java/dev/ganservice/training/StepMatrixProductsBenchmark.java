package dev.ganservice.training;

import dev.ganservice.bench.BenchSupport;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Only the matrix products of one training batch, at the shapes and storage orders {@link
 * AdversarialStep} uses, and nothing else: the floor under {@link TrainingStepBenchmark}. The
 * difference between the two is everything around the products (element-wise work, reductions,
 * Adam, loss).
 *
 * <p>Per batch of n: the generator forward (n rows), the discriminator forward and its backward for
 * weights on 2n rows (no error at the images), the discriminator forward on n fakes and its
 * backward for the error at the images only, and the generator's backward.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(1)
public class StepMatrixProductsBenchmark {

    private static final int[] GENERATOR = {100, 256, 512, 1024, 784};
    private static final int[] DISCRIMINATOR = {784, 1024, 512, 256, 1};

    @Param("128")
    public int batchSize;

    private final List<Layer> generator = new ArrayList<>();
    private final List<Layer> discriminatorPair = new ArrayList<>();
    private final List<Layer> discriminatorFakes = new ArrayList<>();

    @Setup
    public void setUp() {
        BenchSupport.startNd4j();
        for (int i = 0; i + 1 < GENERATOR.length; i++) {
            generator.add(new Layer(batchSize, GENERATOR[i], GENERATOR[i + 1]));
        }
        for (int i = 0; i + 1 < DISCRIMINATOR.length; i++) {
            discriminatorPair.add(new Layer(2 * batchSize, DISCRIMINATOR[i], DISCRIMINATOR[i + 1]));
            discriminatorFakes.add(new Layer(batchSize, DISCRIMINATOR[i], DISCRIMINATOR[i + 1]));
        }
    }

    @Benchmark
    public INDArray matrixProducts() {
        forward(generator);
        forward(discriminatorPair);
        backward(discriminatorPair, true, false);
        forward(discriminatorFakes);
        backward(discriminatorFakes, false, true);
        return backward(generator, true, false);
    }

    private static void forward(List<Layer> layers) {
        for (Layer layer : layers) {
            Nd4j.gemm(layer.input, layer.weights, layer.output, false, false, 1.0, 0.0);
        }
    }

    private static INDArray backward(List<Layer> layers, boolean weights, boolean input) {
        INDArray last = null;
        for (int i = layers.size() - 1; i >= 0; i--) {
            Layer layer = layers.get(i);
            if (weights) {
                // As WeightGradient computes it: (errorᵀ · input) into the transposed view.
                Nd4j.gemm(layer.error, layer.input, layer.weightGradient, true, false, 1, 0);
            }
            if (i > 0 || input) {
                last = Nd4j.gemm(layer.error, layer.weights, layer.inputError, false, true, 1, 0);
            }
        }
        return last;
    }

    /** The arrays of one dense layer, ordered as DL4J and the training passes keep them. */
    private static final class Layer {
        final INDArray input;
        final INDArray weights;
        final INDArray output;
        final INDArray error;
        final INDArray weightGradient;
        final INDArray inputError;

        Layer(int rows, int in, int out) {
            input = Nd4j.rand(DataType.FLOAT, rows, in);
            weights = Nd4j.rand(DataType.FLOAT, in, out).dup('f');
            output = Nd4j.createUninitialized(DataType.FLOAT, rows, out);
            error = Nd4j.rand(DataType.FLOAT, rows, out);
            weightGradient =
                    Nd4j.createUninitialized(DataType.FLOAT, new long[] {in, out}, 'f').transpose();
            inputError = Nd4j.createUninitialized(DataType.FLOAT, rows, in);
        }
    }
}
