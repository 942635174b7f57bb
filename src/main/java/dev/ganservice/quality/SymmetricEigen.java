package dev.ganservice.quality;

/**
 * Eigenvalues and eigenvectors of a real symmetric matrix by the cyclic Jacobi method: plane
 * rotations, each zeroing one off-diagonal element, until the off-diagonal part is negligible.
 *
 * <p>Slower than LAPACK for large matrices, but the matrices here are the classifier's feature
 * covariances (128 by 128), where it takes milliseconds. It needs no native code, works in double
 * precision throughout and copes with singular matrices, as a covariance estimated from fewer
 * samples than features is.
 */
final class SymmetricEigen {

    private static final int MAX_SWEEPS = 100;

    private SymmetricEigen() {}

    /**
     * @param values the eigenvalues, in no particular order
     * @param vectors column {@code i} is the unit eigenvector of {@code values[i]}
     */
    record Decomposition(double[] values, double[][] vectors) {}

    /**
     * Decomposes {@code matrix}, which is left untouched. Only its upper triangle is read, as the
     * lower one is assumed to mirror it.
     */
    static Decomposition of(double[][] matrix) {
        int n = matrix.length;
        double[][] a = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = i; j < n; j++) {
                a[i][j] = matrix[i][j];
                a[j][i] = matrix[i][j];
            }
        }
        double[][] v = identity(n);

        for (int sweep = 0; sweep < MAX_SWEEPS && !diagonalEnough(a); sweep++) {
            for (int p = 0; p < n - 1; p++) {
                for (int q = p + 1; q < n; q++) {
                    if (a[p][q] != 0) {
                        rotate(a, v, p, q);
                    }
                }
            }
        }

        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            values[i] = a[i][i];
        }
        return new Decomposition(values, v);
    }

    /**
     * One Jacobi rotation in the (p, q) plane that zeroes {@code a[p][q]}: a becomes J' a J and the
     * eigenvectors v become v J.
     */
    private static void rotate(double[][] a, double[][] v, int p, int q) {
        double theta = (a[q][q] - a[p][p]) / (2 * a[p][q]);
        // The smaller of the two roots of t^2 + 2 t theta - 1 = 0 keeps the rotation below 45
        // degrees, which is what makes the method converge.
        double t =
                theta == 0
                        ? 1
                        : Math.signum(theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        double c = 1 / Math.sqrt(t * t + 1);
        double s = t * c;

        int n = a.length;
        for (int k = 0; k < n; k++) {
            double kp = a[k][p];
            double kq = a[k][q];
            a[k][p] = c * kp - s * kq;
            a[k][q] = s * kp + c * kq;
        }
        for (int k = 0; k < n; k++) {
            double pk = a[p][k];
            double qk = a[q][k];
            a[p][k] = c * pk - s * qk;
            a[q][k] = s * pk + c * qk;
        }
        for (int k = 0; k < n; k++) {
            double kp = v[k][p];
            double kq = v[k][q];
            v[k][p] = c * kp - s * kq;
            v[k][q] = s * kp + c * kq;
        }
    }

    /**
     * Whether the off-diagonal part is negligible against the whole matrix: below 1e-12 of it in
     * Frobenius norm, far below what a covariance estimated from samples can resolve.
     */
    private static boolean diagonalEnough(double[][] a) {
        double off = 0;
        double all = 0;
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a.length; j++) {
                double square = a[i][j] * a[i][j];
                all += square;
                if (i != j) {
                    off += square;
                }
            }
        }
        return off <= 1e-24 * all;
    }

    private static double[][] identity(int n) {
        double[][] m = new double[n][n];
        for (int i = 0; i < n; i++) {
            m[i][i] = 1;
        }
        return m;
    }
}
