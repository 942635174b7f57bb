package dev.ganservice.sampling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The maths of both walks between two noise vectors. */
class InterpolationPathTests {

    private static final int LATENT = 100;

    @ParameterizedTest
    @EnumSource(InterpolationPath.class)
    void bothPathsStartAndEndExactlyAtTheTwoVectors(InterpolationPath path) {
        float[] a = gaussian(1);
        float[] b = gaussian(2);

        float[][] walk = path.walk(a, b, 7);

        assertThat(walk).hasNumberOfRows(7);
        assertThat(walk[0]).containsExactly(a);
        assertThat(walk[6]).containsExactly(b);
    }

    @Test
    void theLinearPathIsTheStraightLineAtEvenSteps() {
        float[] a = gaussian(3);
        float[] b = gaussian(4);

        float[][] walk = InterpolationPath.LINEAR.walk(a, b, 5);

        for (int i = 0; i < LATENT; i++) {
            assertThat(walk[2][i]).isCloseTo((a[i] + b[i]) / 2, within(1e-6f));
            assertThat(walk[1][i]).isCloseTo(0.75f * a[i] + 0.25f * b[i], within(1e-6f));
        }
    }

    @Test
    void slerpStaysNearTheSphereWhereTheStraightLineCutsInside() {
        float[] a = gaussian(5);
        float[] b = gaussian(6);
        double shorter = Math.min(norm(a), norm(b));
        double longer = Math.max(norm(a), norm(b));

        float[][] slerp = InterpolationPath.SLERP.walk(a, b, 11);
        float[][] linear = InterpolationPath.LINEAR.walk(a, b, 11);

        for (float[] point : slerp) {
            assertThat(norm(point)).isBetween(0.97 * shorter, 1.03 * longer);
        }
        // Halfway between independent normal vectors, the straight line is about 1/sqrt(2) out.
        assertThat(norm(linear[5])).isLessThan(0.8 * shorter);
    }

    @Test
    void slerpBetweenVectorsOfEqualLengthKeepsThatLengthAndEvenAngles() {
        float[] a = scaled(gaussian(7), 10);
        float[] b = scaled(gaussian(8), 10);

        float[][] walk = InterpolationPath.SLERP.walk(a, b, 9);

        double step = angle(walk[0], walk[1]);
        for (int i = 0; i < walk.length; i++) {
            assertThat(norm(walk[i])).isCloseTo(10, within(1e-4));
            if (i > 0) {
                assertThat(angle(walk[i - 1], walk[i])).isCloseTo(step, within(1e-4));
            }
        }
        assertThat(step * 8).isCloseTo(angle(a, b), within(1e-4));
    }

    @Test
    void slerpBetweenParallelVectorsFallsBackToTheLine() {
        float[] a = gaussian(9);
        float[] b = scaled(a, 2 * norm(a));

        float[][] walk = InterpolationPath.SLERP.walk(a, b, 3);

        for (int i = 0; i < LATENT; i++) {
            assertThat(walk[1][i]).isFinite().isCloseTo((a[i] + b[i]) / 2, within(1e-5f));
        }
    }

    @Test
    void refusesVectorsOfDifferentLengthsOrFewerThanTwoSteps() {
        assertThatThrownBy(() -> InterpolationPath.LINEAR.walk(new float[2], new float[3], 4))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> InterpolationPath.SLERP.walk(new float[2], new float[2], 1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static float[] gaussian(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] vector = new float[LATENT];
        for (int i = 0; i < LATENT; i++) {
            vector[i] = (float) random.nextGaussian();
        }
        return vector;
    }

    /** {@code vector} stretched to length {@code length}. */
    private static float[] scaled(float[] vector, double length) {
        double factor = length / norm(vector);
        float[] scaled = new float[vector.length];
        for (int i = 0; i < vector.length; i++) {
            scaled[i] = (float) (vector[i] * factor);
        }
        return scaled;
    }

    private static double norm(float[] vector) {
        double sum = 0;
        for (float value : vector) {
            sum += (double) value * value;
        }
        return Math.sqrt(sum);
    }

    private static double angle(float[] a, float[] b) {
        double dot = 0;
        for (int i = 0; i < a.length; i++) {
            dot += (double) a[i] * b[i];
        }
        return Math.acos(Math.max(-1, Math.min(1, dot / (norm(a) * norm(b)))));
    }
}
