package dev.ganservice.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SymmetricEigenTests {

    @Test
    void findsTheEigenvaluesOfATwoByTwoMatrix() {
        // [[2, 1], [1, 2]] has eigenvalues 1 and 3, with eigenvectors (1, -1) and (1, 1).
        double[] values = SymmetricEigen.of(new double[][] {{2, 1}, {1, 2}}).values();

        Arrays.sort(values);
        assertThat(values[0]).isCloseTo(1, within(1e-12));
        assertThat(values[1]).isCloseTo(3, within(1e-12));
    }

    @Test
    void reconstructsARandomSymmetricMatrixFromItsEigenvectors() {
        int n = 40;
        double[][] matrix = randomSymmetric(n, 3);

        SymmetricEigen.Decomposition eigen = SymmetricEigen.of(matrix);

        double[][] v = eigen.vectors();
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double rebuilt = 0;
                double orthogonality = 0;
                for (int k = 0; k < n; k++) {
                    rebuilt += v[i][k] * eigen.values()[k] * v[j][k];
                    orthogonality += v[k][i] * v[k][j];
                }
                assertThat(rebuilt).isCloseTo(matrix[i][j], within(1e-10));
                assertThat(orthogonality).isCloseTo(i == j ? 1 : 0, within(1e-12));
            }
        }
    }

    @Test
    void findsZeroEigenvaluesOfASingularMatrix() {
        // u u' for u = (1, 2, 3): one eigenvalue |u|^2 = 14, two zeros.
        double[] u = {1, 2, 3};
        double[][] matrix = new double[3][3];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                matrix[i][j] = u[i] * u[j];
            }
        }

        double[] values = SymmetricEigen.of(matrix).values();

        Arrays.sort(values);
        assertThat(values[0]).isCloseTo(0, within(1e-12));
        assertThat(values[1]).isCloseTo(0, within(1e-12));
        assertThat(values[2]).isCloseTo(14, within(1e-12));
    }

    @Test
    void leavesItsInputUntouched() {
        double[][] matrix = randomSymmetric(5, 4);
        double[][] copy = Arrays.stream(matrix).map(double[]::clone).toArray(double[][]::new);

        SymmetricEigen.of(matrix);

        assertThat(matrix).isDeepEqualTo(copy);
    }

    static double[][] randomSymmetric(int n, long seed) {
        Random random = new Random(seed);
        double[][] matrix = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = i; j < n; j++) {
                matrix[i][j] = random.nextGaussian();
                matrix[j][i] = matrix[i][j];
            }
        }
        return matrix;
    }
}
