package dev.ganservice.quality;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/**
 * The mean and covariance of a set of feature vectors: all the Fréchet distance needs to know of a
 * set of images.
 *
 * @param mean the mean of each feature
 * @param covariance the sample covariance (divided by count - 1), symmetric
 * @param count how many vectors they were estimated from
 */
record FeatureStatistics(double[] mean, double[][] covariance, int count) {

    FeatureStatistics {
        if (count < 2) {
            throw new IllegalArgumentException("a covariance needs 2 vectors, got " + count);
        }
        if (covariance.length != mean.length) {
            throw new IllegalArgumentException(
                    "covariance is " + covariance.length + " wide, mean " + mean.length);
        }
    }

    /** The statistics of {@code features}, one vector of {@code dimension} values after another. */
    static FeatureStatistics of(float[] features, int dimension) {
        int count = features.length / dimension;
        if (count * dimension != features.length) {
            throw new IllegalArgumentException(
                    features.length + " values are not whole vectors of " + dimension);
        }
        double[] mean = new double[dimension];
        for (int row = 0; row < count; row++) {
            for (int i = 0; i < dimension; i++) {
                mean[i] += features[row * dimension + i];
            }
        }
        for (int i = 0; i < dimension; i++) {
            mean[i] /= count;
        }

        // Centred first, then multiplied: summing raw products and subtracting the mean's square
        // afterwards loses the small variances to cancellation.
        double[][] covariance = new double[dimension][dimension];
        double[] centred = new double[dimension];
        for (int row = 0; row < count; row++) {
            for (int i = 0; i < dimension; i++) {
                centred[i] = features[row * dimension + i] - mean[i];
            }
            for (int i = 0; i < dimension; i++) {
                double ci = centred[i];
                double[] target = covariance[i];
                for (int j = i; j < dimension; j++) {
                    target[j] += ci * centred[j];
                }
            }
        }
        for (int i = 0; i < dimension; i++) {
            for (int j = i; j < dimension; j++) {
                covariance[i][j] /= count - 1;
                covariance[j][i] = covariance[i][j];
            }
        }
        return new FeatureStatistics(mean, covariance, count);
    }

    int dimension() {
        return mean.length;
    }

    void writeTo(DataOutputStream out) throws IOException {
        out.writeInt(dimension());
        out.writeInt(count);
        for (double value : mean) {
            out.writeDouble(value);
        }
        for (double[] row : covariance) {
            for (double value : row) {
                out.writeDouble(value);
            }
        }
    }

    /**
     * Reads what {@link #writeTo} wrote.
     *
     * @throws IOException when the content is cut short or does not have {@code dimension} features
     */
    static FeatureStatistics readFrom(DataInputStream in, int dimension) throws IOException {
        int stored = in.readInt();
        int count = in.readInt();
        if (stored != dimension || count < 2) {
            throw new IOException(
                    "holds " + stored + " features of " + count + " vectors, not " + dimension);
        }
        double[] mean = new double[dimension];
        for (int i = 0; i < dimension; i++) {
            mean[i] = in.readDouble();
        }
        double[][] covariance = new double[dimension][dimension];
        for (double[] row : covariance) {
            for (int j = 0; j < dimension; j++) {
                row[j] = in.readDouble();
            }
        }
        return new FeatureStatistics(mean, covariance, count);
    }
}
