package dev.ganservice.sampling;

import java.util.Locale;

/**
 * How a walk goes from one noise vector to another. Both paths start exactly at the first vector
 * and end exactly at the second.
 */
public enum InterpolationPath {

    /**
     * The straight line {@code (1 - t) a + t b}. Halfway between two independent normal vectors it
     * passes about 30 % closer to the origin than either, where the generator saw little noise in
     * training, so the middle images can look washed out.
     */
    LINEAR {
        @Override
        float[] at(float[] a, float[] b, double t) {
            float[] point = new float[a.length];
            for (int i = 0; i < a.length; i++) {
                point[i] = (float) ((1 - t) * a[i] + t * b[i]);
            }
            return point;
        }
    },

    /**
     * The great circle: {@code sin((1 - t) w) / sin(w) a + sin(t w) / sin(w) b}, with {@code w} the
     * angle between the vectors. Between vectors of equal length every point keeps that length, so
     * the walk stays where the generator's noise usually lies. Vectors pointing the same or
     * opposite ways have no single great circle; they are walked in a straight line.
     */
    SLERP {
        @Override
        float[] at(float[] a, float[] b, double t) {
            double dot = 0;
            double normA = 0;
            double normB = 0;
            for (int i = 0; i < a.length; i++) {
                dot += (double) a[i] * b[i];
                normA += (double) a[i] * a[i];
                normB += (double) b[i] * b[i];
            }
            double cosine = dot / Math.sqrt(normA * normB);
            double angle = Math.acos(Math.max(-1, Math.min(1, cosine)));
            double sine = Math.sin(angle);
            if (!(sine > 1e-6)) {
                return LINEAR.at(a, b, t);
            }
            double weightA = Math.sin((1 - t) * angle) / sine;
            double weightB = Math.sin(t * angle) / sine;
            float[] point = new float[a.length];
            for (int i = 0; i < a.length; i++) {
                point[i] = (float) (weightA * a[i] + weightB * b[i]);
            }
            return point;
        }
    };

    /** The point at {@code t} in [0, 1] of the walk from {@code a} to {@code b}. */
    abstract float[] at(float[] a, float[] b, double t);

    /** {@code steps} evenly spaced points from {@code a} to {@code b}, both included. */
    public float[][] walk(float[] a, float[] b, int steps) {
        if (a.length != b.length || steps < 2) {
            throw new IllegalArgumentException(
                    "vectors of " + a.length + " and " + b.length + " values, " + steps + " steps");
        }
        float[][] points = new float[steps][];
        for (int step = 0; step < steps; step++) {
            points[step] = at(a, b, (double) step / (steps - 1));
        }
        return points;
    }

    /** The path's name in a query, {@code linear} or {@code slerp}. */
    public String queryName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
