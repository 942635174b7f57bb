package dev.ganservice.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

class TrainingImagesTests {

    @Test
    void scalesBytesFromZeroTo255OntoMinusOneToOne() {
        byte[] pixels = {0, (byte) 255, 51, (byte) 204, 102, (byte) 128};
        IdxImages idx = new IdxImages(2, 1, 3, pixels);

        TrainingImages images = TrainingImages.of(idx);
        INDArray rows = images.gather(new int[] {0, 1}, 0, 2);

        assertThat(images.count()).isEqualTo(2);
        assertThat(images.height()).isEqualTo(1);
        assertThat(images.width()).isEqualTo(3);
        assertThat(images.pixelsPerImage()).isEqualTo(3);
        assertThat(rows.shape()).containsExactly(2, 3);
        assertThat(rows.toFloatMatrix()[0])
                .containsExactly(new float[] {-1f, 1f, -0.6f}, within(1e-6f));
        assertThat(rows.toFloatMatrix()[1])
                .containsExactly(new float[] {0.6f, -0.2f, 1f / 255}, within(1e-6f));
    }

    @Test
    void convertsImagesAcrossChunkBoundaries() {
        // 1024 images are converted at a time; 1030 makes a full chunk and a partial one.
        int count = 1030;
        byte[] pixels = new byte[count * 2];
        for (int image = 0; image < count; image++) {
            pixels[2 * image] = (byte) (image % 256);
            pixels[2 * image + 1] = (byte) (255 - image % 256);
        }

        TrainingImages images = TrainingImages.of(new IdxImages(count, 2, 1, pixels));
        float[][] rows = images.gather(new int[] {0, 1023, 1024, 1029}, 0, 4).toFloatMatrix();

        assertThat(images.count()).isEqualTo(count);
        assertThat(rows[0]).containsExactly(new float[] {-1f, 1f}, within(1e-6f));
        assertThat(rows[1][0]).isCloseTo(255 / 127.5f - 1f, within(1e-6f));
        assertThat(rows[2][0]).isCloseTo(-1f, within(1e-6f));
        assertThat(rows[3][0]).isCloseTo(5 / 127.5f - 1f, within(1e-6f));
        assertThat(rows[3][1]).isCloseTo(250 / 127.5f - 1f, within(1e-6f));
    }

    @Test
    void firstKeepsTheLeadingImagesOnly() {
        TrainingImages images = TrainingImages.of(numbered(5));

        TrainingImages two = images.first(2);

        assertThat(two.count()).isEqualTo(2);
        assertThat(two.width()).isEqualTo(images.width());
        assertThat(firstPixels(two.gather(new int[] {1, 0}, 0, 2)))
                .containsExactly(level(1), level(0));
        assertThat(images.first(5)).isSameAs(images);
        assertThat(images.first(50)).isSameAs(images);
    }

    @Test
    void gatherTakesTheImagesOfTheRangeInTheirOrder() {
        TrainingImages images = TrainingImages.of(numbered(5));
        int[] order = {4, 0, 3, 1, 2};

        INDArray batch = images.gather(order, 1, 4);

        assertThat(batch.shape()).containsExactly(3, 4);
        assertThat(firstPixels(batch)).containsExactly(level(0), level(3), level(1));
    }

    /** Images of 2x2 pixels whose first pixel tells which image they are. */
    private static IdxImages numbered(int count) {
        byte[] pixels = new byte[count * 4];
        for (int image = 0; image < count; image++) {
            pixels[4 * image] = (byte) (image * 50);
        }
        return new IdxImages(count, 2, 2, pixels);
    }

    private static float level(int image) {
        return image * 50 / 127.5f - 1f;
    }

    private static float[] firstPixels(INDArray rows) {
        float[][] matrix = rows.toFloatMatrix();
        float[] first = new float[matrix.length];
        for (int i = 0; i < matrix.length; i++) {
            first[i] = matrix[i][0];
        }
        return first;
    }
}
