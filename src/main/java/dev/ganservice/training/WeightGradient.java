package dev.ganservice.training;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Where a dense layer's weight gradient {@code inputᵀ · error} is written: a view of DL4J's
 * gradient array for that layer's weights.
 *
 * <p>DL4J keeps weights column-major, {@code in × out}, so their transpose is a row-major {@code
 * out × in} view of the same memory, and the product {@code errorᵀ · input} can be written straight
 * into it. On this network's shapes that form ran 1.4 to 1.9 times as fast as {@code inputᵀ ·
 * error} into the column-major array (2 ms of a 29 ms step at batch 128), with the same values.
 */
final class WeightGradient {

    private final INDArray transposed;

    WeightGradient(INDArray gradient) {
        this.transposed = gradient.transpose();
    }

    /** Overwrites the gradient with {@code inputᵀ · error}. */
    void compute(INDArray input, INDArray error) {
        Nd4j.gemm(error, input, transposed, true, false, 1.0, 0.0);
    }
}
