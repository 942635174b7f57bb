package dev.ganservice.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class FrechetDistanceTests {

    @Test
    void isZeroBetweenASetAndItself() {
        FeatureStatistics set = FeatureStatistics.of(gaussian(2000, 32, 0, 1, 5), 32);

        assertThat(FrechetDistance.between(set, set)).isCloseTo(0, within(1e-9));
    }

    @Test
    void isTheSquaredShiftBetweenEqualCovariancesWithMovedMeans() {
        double[][] covariance = {{2, 1}, {1, 2}};
        FeatureStatistics a = new FeatureStatistics(new double[] {0, 0}, covariance, 100);
        FeatureStatistics b = new FeatureStatistics(new double[] {3, -4}, covariance, 100);

        assertThat(FrechetDistance.between(a, b)).isCloseTo(25, within(1e-9));
    }

    @Test
    void hasAClosedFormForDiagonalCovariances() {
        // Diagonal C1, C2: Tr(C1 + C2 - 2 sqrt(C1 C2)) = sum (sqrt(a_i) - sqrt(b_i))^2.
        FeatureStatistics a = new FeatureStatistics(new double[] {1, 0, 0}, diagonal(4, 9, 1), 100);
        FeatureStatistics b =
                new FeatureStatistics(new double[] {0, 0, 2}, diagonal(1, 16, 0), 100);

        double expected = 1 + 4 + (2 - 1) * (2 - 1) + (3 - 4) * (3 - 4) + (1 - 0) * (1 - 0);
        assertThat(FrechetDistance.between(a, b)).isCloseTo(expected, within(1e-9));
    }

    @Test
    void handlesCovariancesThatDoNotCommute() {
        // C1 C2 = [[2, 3], [1, 6]]: trace 8, determinant 9. A 2x2 matrix with positive eigenvalues
        // has (Tr sqrt M)^2 = Tr M + 2 sqrt(det M) = 14.
        double[][] c1 = {{2, 1}, {1, 2}};
        double[][] c2 = {{1, 0}, {0, 3}};
        FeatureStatistics a = new FeatureStatistics(new double[2], c1, 100);
        FeatureStatistics b = new FeatureStatistics(new double[2], c2, 100);

        assertThat(FrechetDistance.traceOfSquareRoot(c1, c2))
                .isCloseTo(Math.sqrt(14), within(1e-12));
        assertThat(FrechetDistance.between(a, b)).isCloseTo(8 - 2 * Math.sqrt(14), within(1e-12));
    }

    @Test
    void growsAsOneSetMovesAwayFromTheOther() {
        FeatureStatistics reference = FeatureStatistics.of(gaussian(3000, 16, 0, 1, 1), 16);
        FeatureStatistics near = FeatureStatistics.of(gaussian(3000, 16, 0.1, 1, 2), 16);
        FeatureStatistics far = FeatureStatistics.of(gaussian(3000, 16, 0.5, 2, 3), 16);
        FeatureStatistics same = FeatureStatistics.of(gaussian(3000, 16, 0, 1, 4), 16);

        double sampling = FrechetDistance.between(reference, same);
        double toNear = FrechetDistance.between(reference, near);
        double toFar = FrechetDistance.between(reference, far);

        // Two samples of one distribution differ only by sampling noise, about d^2 / n.
        assertThat(sampling).isLessThan(0.3);
        assertThat(toNear).isGreaterThan(sampling);
        // Means 0.5 apart in 16 features (4), standard deviations 1 and 2 (16 * 1).
        assertThat(toFar).isCloseTo(20, within(1.0));
        assertThat(FrechetDistance.between(far, reference)).isCloseTo(toFar, within(1e-6));
    }

    @Test
    void refusesFeaturesOfDifferentSizes() {
        FeatureStatistics a = new FeatureStatistics(new double[2], diagonal(1, 1), 10);
        FeatureStatistics b = new FeatureStatistics(new double[3], diagonal(1, 1, 1), 10);

        assertThatThrownBy(() -> FrechetDistance.between(a, b))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("2 and 3");
    }

    private static double[][] diagonal(double... values) {
        double[][] matrix = new double[values.length][values.length];
        for (int i = 0; i < values.length; i++) {
            matrix[i][i] = values[i];
        }
        return matrix;
    }

    /** {@code count} vectors of independent normal features with the given mean and spread. */
    private static float[] gaussian(int count, int dimension, double mean, double sd, long seed) {
        Random random = new Random(seed);
        float[] values = new float[count * dimension];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) (mean + sd * random.nextGaussian());
        }
        return values;
    }
}
