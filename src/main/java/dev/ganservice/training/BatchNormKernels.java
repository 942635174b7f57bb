package dev.ganservice.training;

import dev.ganservice.training.RowBlocks.Rows;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The element-wise parts of a training-mode BatchNorm followed by LeakyReLU, forward and backward,
 * in as few passes over the batch as the statistics allow (see {@link RowBlocks}). The column sums
 * between the passes are matrix products ({@link ColumnSums}). Vectors hold one value per column;
 * matrices are row-major, one row per image.
 */
final class BatchNormKernels {

    private BatchNormKernels() {}

    /** {@code values -= mean} per column; {@code squares} receives the centred values squared. */
    static void centre(INDArray values, float[] mean, INDArray squares) {
        Rows centred = Rows.of(values);
        Rows squared = Rows.of(squares);
        int width = centred.width();
        RowBlocks.run(
                centred.rows(),
                width,
                (row, scratch) -> {
                    float[] x = centred.load(row, scratch.array(0));
                    float[] s = scratch.array(1);
                    for (int column = 0; column < width; column++) {
                        float value = x[column] - mean[column];
                        x[column] = value;
                        s[column] = value * value;
                    }
                    centred.store(row, x);
                    squared.store(row, s);
                });
    }

    /**
     * {@code centred /= std}, leaving the normalised values in place for the backward pass, and
     * {@code outputs = LeakyReLU(gamma * normalised + beta)}.
     */
    static void normaliseLeakyRelu(
            INDArray centred,
            float[] std,
            float[] gamma,
            float[] beta,
            float slope,
            INDArray outputs) {
        Rows normalised = Rows.of(centred);
        Rows activated = Rows.of(outputs);
        int width = normalised.width();
        RowBlocks.run(
                normalised.rows(),
                width,
                (row, scratch) -> {
                    float[] x = normalised.load(row, scratch.array(0));
                    float[] y = scratch.array(1);
                    for (int column = 0; column < width; column++) {
                        float value = x[column] / std[column];
                        x[column] = value;
                        float shifted = value * gamma[column] + beta[column];
                        y[column] = Math.max(shifted, shifted * slope);
                    }
                    normalised.store(row, x);
                    activated.store(row, y);
                });
    }

    /**
     * {@code errors *= LeakyReLU'} (read from the outputs), and {@code products} receives the
     * result times the normalised values, whose column sums are gamma's gradient.
     */
    static void leakyReluBackward(
            INDArray outputs,
            INDArray errors,
            INDArray normalised,
            float slope,
            INDArray products) {
        Rows activated = Rows.of(outputs);
        Rows error = Rows.of(errors);
        Rows norm = Rows.of(normalised);
        Rows product = Rows.of(products);
        int width = error.width();
        RowBlocks.run(
                error.rows(),
                width,
                (row, scratch) -> {
                    float[] y = activated.load(row, scratch.array(0));
                    float[] e = error.load(row, scratch.array(1));
                    float[] x = norm.load(row, scratch.array(2));
                    for (int column = 0; column < width; column++) {
                        float value =
                                e[column] * ActivationKernels.leakyReluSlope(y[column], slope);
                        e[column] = value;
                        x[column] *= value;
                    }
                    error.store(row, e);
                    product.store(row, x);
                });
    }

    /**
     * From the error at BatchNorm's output to the error at its input: {@code errors = (errors -
     * normalised * gammaMean - betaMean) * scale}, where the two means are gamma's and beta's
     * gradients over the number of rows (the batch statistics depend on every row) and {@code
     * scale} is gamma over the batch's standard deviation.
     */
    static void backward(
            INDArray errors,
            INDArray normalised,
            float[] gammaMean,
            float[] betaMean,
            float[] scale) {
        Rows error = Rows.of(errors);
        Rows norm = Rows.of(normalised);
        int width = error.width();
        RowBlocks.run(
                error.rows(),
                width,
                (row, scratch) -> {
                    float[] e = error.load(row, scratch.array(0));
                    float[] x = norm.load(row, scratch.array(1));
                    for (int column = 0; column < width; column++) {
                        float centred =
                                e[column] - x[column] * gammaMean[column] - betaMean[column];
                        e[column] = centred * scale[column];
                    }
                    error.store(row, e);
                });
    }
}
