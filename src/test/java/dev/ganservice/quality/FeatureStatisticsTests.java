package dev.ganservice.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class FeatureStatisticsTests {

    @Test
    void computesMeanAndSampleCovariance() {
        // Points (0, 0), (2, 0), (0, 4), (2, 4): means 1 and 2; variances 4/3 and 16/3 (divided by
        // n - 1 = 3); x and y independent, covariance 0.
        float[] features = {0, 0, 2, 0, 0, 4, 2, 4};

        FeatureStatistics statistics = FeatureStatistics.of(features, 2);

        assertThat(statistics.count()).isEqualTo(4);
        assertThat(statistics.mean()).containsExactly(1, 2);
        assertThat(statistics.covariance()[0][0]).isCloseTo(4.0 / 3, within(1e-12));
        assertThat(statistics.covariance()[1][1]).isCloseTo(16.0 / 3, within(1e-12));
        assertThat(statistics.covariance()[0][1]).isZero();
        assertThat(statistics.covariance()[1][0]).isZero();
    }

    @Test
    void keepsSmallVariancesOfLargeValues() {
        // 1000 and 1000.001 in float: a naive sum of squares loses the difference entirely.
        float[] features = {1000f, 1000.001f, 1000f, 1000.001f};

        FeatureStatistics statistics = FeatureStatistics.of(features, 1);

        double spread = 1000.001f - 1000f;
        assertThat(statistics.covariance()[0][0])
                .isCloseTo(spread * spread / 3, within(1e-3 * spread * spread));
    }

    @Test
    void refusesPartialVectorsAndSingleVectors() {
        assertThatThrownBy(() -> FeatureStatistics.of(new float[] {1, 2, 3}, 2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not whole vectors");
        assertThatThrownBy(() -> FeatureStatistics.of(new float[] {1, 2}, 2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("needs 2 vectors");
    }

    @Test
    void readsBackWhatItWrote() throws IOException {
        FeatureStatistics written = FeatureStatistics.of(new float[] {1, 5, 2, 3, 7, 1}, 2);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        written.writeTo(new DataOutputStream(bytes));

        FeatureStatistics read =
                FeatureStatistics.readFrom(
                        new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())), 2);

        assertThat(read.count()).isEqualTo(3);
        assertThat(read.mean()).containsExactly(written.mean());
        assertThat(read.covariance()).isDeepEqualTo(written.covariance());
    }

    @Test
    void refusesStoredStatisticsOfAnotherSizeOrCutShort() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        FeatureStatistics.of(new float[] {1, 5, 2, 3, 7, 1}, 2)
                .writeTo(new DataOutputStream(bytes));
        byte[] content = bytes.toByteArray();

        assertThatThrownBy(
                        () ->
                                FeatureStatistics.readFrom(
                                        new DataInputStream(new ByteArrayInputStream(content)), 3))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("not 3");
        byte[] cut = Arrays.copyOf(content, content.length - 1);
        assertThatThrownBy(
                        () ->
                                FeatureStatistics.readFrom(
                                        new DataInputStream(new ByteArrayInputStream(cut)), 2))
                .isInstanceOf(IOException.class);
    }
}
