package dev.ganservice.training;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Sums (or means) over a batch's rows, computed as a row of ones times the matrix.
 *
 * <p>ND4J's reductions along dimension 0 walk each column with a stride; on these shapes they took
 * 5 to 10 times as long as the same sum done by BLAS, and a batch needs over a dozen of them (bias
 * gradients, BatchNorm's statistics and gradients).
 */
final class ColumnSums {

    private INDArray ones;

    /**
     * Writes {@code scale} times the sum of {@code matrix}'s rows into {@code into}, a contiguous
     * array of as many values as the matrix has columns.
     */
    void sum(INDArray matrix, INDArray into, double scale) {
        long rows = matrix.rows();
        if (ones == null || ones.columns() != rows) {
            ones = Nd4j.ones(matrix.dataType(), 1, rows);
        }
        INDArray row = into.reshape(1, matrix.columns());
        Nd4j.gemm(ones, matrix, row, false, false, scale, 0.0);
    }
}
