package dev.ganservice.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import org.junit.jupiter.api.Test;

class TanhTests {

    @Test
    void staysWithinFourTenMillionthsOfTheTrueValue() {
        double largest = 0;
        for (float x = -12f; x <= 12f; x += 1.5e-5f) {
            largest = Math.max(largest, Math.abs(Tanh.of(x) - Math.tanh(x)));
        }
        for (float x = 1e-9f; x < 1f; x *= 1.001f) {
            largest = Math.max(largest, Math.abs(Tanh.of(x) - Math.tanh(x)));
            largest = Math.max(largest, Math.abs(Tanh.of(-x) - Math.tanh(-x)));
        }

        assertThat(largest).isLessThan(4e-7);
    }

    @Test
    void isOddAndBoundedByOne() {
        for (float x = 0f; x <= 100f; x += 0.01f) {
            assertThat(Tanh.of(-x)).isEqualTo(-Tanh.of(x));
            assertThat(Math.abs(Tanh.of(x))).isLessThanOrEqualTo(1f);
        }
    }

    @Test
    void handlesTheEdges() {
        assertThat(Tanh.of(0f)).isZero();
        assertThat(Tanh.of(Float.POSITIVE_INFINITY)).isCloseTo(1f, offset(4e-7f));
        assertThat(Tanh.of(Float.NEGATIVE_INFINITY)).isEqualTo(-Tanh.of(Float.POSITIVE_INFINITY));
        assertThat(Tanh.of(50f)).as("beyond the clamp").isEqualTo(Tanh.of(9f));
        assertThat(Tanh.of(Float.NaN)).isNaN();
    }

    @Test
    void appliesToTheValuesAskedFor() {
        float[] values = {-2f, -0.5f, 0f, 0.25f, 3f, 5f};

        Tanh.apply(values, 5);

        assertThat(values)
                .containsExactly(
                        Tanh.of(-2f), Tanh.of(-0.5f), Tanh.of(0f), Tanh.of(0.25f), Tanh.of(3f), 5f);
        assertThat(values[4]).isCloseTo((float) Math.tanh(3), offset(4e-7f));
    }
}
