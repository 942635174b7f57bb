package dev.ganservice.quality;

/**
 * The Fréchet distance between two Gaussians fitted to two sets of feature vectors:
 *
 * <pre>d = |mu1 - mu2|^2 + Tr(C1 + C2 - 2 sqrt(C1 C2))</pre>
 *
 * <p>C1 C2 is not symmetric, so its square root is not taken directly. With S = sqrt(C1), the
 * product S C2 S is symmetric, positive semi-definite and similar to C1 C2 (it equals S (C1 C2)
 * S^-1 where S is invertible, and the limit of that otherwise), so both have the same eigenvalues,
 * and Tr sqrt(C1 C2) is the sum of their square roots. Two symmetric eigendecompositions give it,
 * without the complex intermediate values a general matrix square root produces.
 */
final class FrechetDistance {

    private FrechetDistance() {}

    static double between(FeatureStatistics a, FeatureStatistics b) {
        if (a.dimension() != b.dimension()) {
            throw new IllegalArgumentException(
                    "features differ in size: " + a.dimension() + " and " + b.dimension());
        }
        double meanTerm = 0;
        for (int i = 0; i < a.dimension(); i++) {
            double difference = a.mean()[i] - b.mean()[i];
            meanTerm += difference * difference;
        }
        double distance =
                meanTerm
                        + trace(a.covariance())
                        + trace(b.covariance())
                        - 2 * traceOfSquareRoot(a.covariance(), b.covariance());
        // Rounding can take a distance between nearly equal sets a hair below zero.
        return Math.max(0, distance);
    }

    /** Tr sqrt(c1 c2) for symmetric positive semi-definite c1 and c2. */
    static double traceOfSquareRoot(double[][] c1, double[][] c2) {
        double[][] root = squareRoot(c1);
        double[][] similar = multiply(multiply(root, c2), root);
        double sum = 0;
        for (double value : SymmetricEigen.of(similar).values()) {
            // Eigenvalues of a singular matrix can come out slightly negative; they are zero.
            sum += Math.sqrt(Math.max(0, value));
        }
        return sum;
    }

    /** The symmetric square root V sqrt(L) V' of a symmetric positive semi-definite matrix. */
    private static double[][] squareRoot(double[][] matrix) {
        SymmetricEigen.Decomposition eigen = SymmetricEigen.of(matrix);
        int n = matrix.length;
        double[] roots = new double[n];
        for (int k = 0; k < n; k++) {
            roots[k] = Math.sqrt(Math.max(0, eigen.values()[k]));
        }
        double[][] v = eigen.vectors();
        double[][] root = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = i; j < n; j++) {
                double sum = 0;
                for (int k = 0; k < n; k++) {
                    sum += v[i][k] * roots[k] * v[j][k];
                }
                root[i][j] = sum;
                root[j][i] = sum;
            }
        }
        return root;
    }

    private static double[][] multiply(double[][] x, double[][] y) {
        int n = x.length;
        double[][] product = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < n; k++) {
                double xik = x[i][k];
                for (int j = 0; j < n; j++) {
                    product[i][j] += xik * y[k][j];
                }
            }
        }
        return product;
    }

    private static double trace(double[][] matrix) {
        double sum = 0;
        for (int i = 0; i < matrix.length; i++) {
            sum += matrix[i][i];
        }
        return sum;
    }
}
