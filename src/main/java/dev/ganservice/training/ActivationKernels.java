package dev.ganservice.training;

import dev.ganservice.model.Tanh;
import dev.ganservice.training.RowBlocks.Rows;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A dense layer's bias and activation, and their derivatives, fused into one pass each over a
 * batch's matrix (see {@link RowBlocks} for why in Java). Every matrix is row-major, one row per
 * image, and LeakyReLU's slope lies between 0 and 1, so that it is {@code max(x, slope * x)}.
 */
final class ActivationKernels {

    private ActivationKernels() {}

    /** {@code values = LeakyReLU(values + bias)}, the bias added to every row. */
    static void addBiasLeakyRelu(INDArray values, float[] bias, float slope) {
        Rows matrix = Rows.of(values);
        int width = matrix.width();
        RowBlocks.run(
                matrix.rows(),
                width,
                (row, scratch) -> {
                    float[] x = matrix.load(row, scratch.array(0));
                    for (int column = 0; column < width; column++) {
                        float value = x[column] + bias[column];
                        x[column] = Math.max(value, value * slope);
                    }
                    matrix.store(row, x);
                });
    }

    /** {@code values = tanh(values + bias)}, within 4e-7 (see {@link Tanh}). */
    static void addBiasTanh(INDArray values, float[] bias) {
        Rows matrix = Rows.of(values);
        int width = matrix.width();
        RowBlocks.run(
                matrix.rows(),
                width,
                (row, scratch) -> {
                    float[] x = matrix.load(row, scratch.array(0));
                    for (int column = 0; column < width; column++) {
                        x[column] = Tanh.of(x[column] + bias[column]);
                    }
                    matrix.store(row, x);
                });
    }

    /** {@code errors *= LeakyReLU'}, read from the activation's outputs. */
    static void leakyReluBackward(INDArray outputs, INDArray errors, float slope) {
        Rows activated = Rows.of(outputs);
        Rows error = Rows.of(errors);
        int width = error.width();
        RowBlocks.run(
                error.rows(),
                width,
                (row, scratch) -> {
                    float[] y = activated.load(row, scratch.array(0));
                    float[] e = error.load(row, scratch.array(1));
                    for (int column = 0; column < width; column++) {
                        e[column] *= leakyReluSlope(y[column], slope);
                    }
                    error.store(row, e);
                });
    }

    /**
     * LeakyReLU's derivative from its output, which has its input's sign: the slope where negative,
     * 1 elsewhere (at zero too, as ND4J's own derivative has it). Written without a branch, which
     * C2 would leave scalar and which mispredicts on signs that are half positive; a negative
     * output above -3e-39 (a subnormal float) gets a derivative between the two.
     */
    static float leakyReluSlope(float output, float slope) {
        float negative = Math.min(1f, Math.max(0f, -output * Float.MAX_VALUE));
        return 1 - (1 - slope) * negative;
    }

    /** {@code into = errors * tanh'}, read from tanh's outputs: {@code 1 - y²}. */
    static void tanhBackward(INDArray outputs, INDArray errors, INDArray into) {
        Rows activated = Rows.of(outputs);
        Rows error = Rows.of(errors);
        Rows result = Rows.of(into);
        int width = error.width();
        RowBlocks.run(
                error.rows(),
                width,
                (row, scratch) -> {
                    float[] y = activated.load(row, scratch.array(0));
                    float[] e = error.load(row, scratch.array(1));
                    for (int column = 0; column < width; column++) {
                        e[column] *= 1 - y[column] * y[column];
                    }
                    result.store(row, e);
                });
    }
}
