package dev.ganservice.imaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import dev.ganservice.model.ImageShape;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class ImageGridTests {

    private static final int WHITE = 255;

    @ParameterizedTest(name = "{0}x{1}, {2} tiles in {3} columns, scale {4}")
    @CsvSource({
        "28, 28, 64, 8, 1, 242, 242",
        "28, 28, 16, 8, 2, 484, 124",
        "3, 2, 3, 2, 1, 12, 10",
        "3, 2, 3, 2, 3, 36, 30",
        "5, 7, 1, 4, 1, 30, 11",
        "5, 7, 9, 4, 1, 30, 29"
    })
    void gridSizeIsTilesPlusTwoPixelPaddingTimesScale(
            int width, int height, int count, int columns, int scale, int gridWidth, int gridHeight)
            throws IOException {
        ImageShape shape = new ImageShape(width, height, 1);

        BufferedImage png =
                decode(ImageGrid.render(new float[count * width * height], shape, columns, scale));

        assertThat(ImageGrid.width(shape, columns, scale)).isEqualTo(gridWidth);
        assertThat(ImageGrid.height(shape, count, columns, scale)).isEqualTo(gridHeight);
        assertThat(png.getWidth()).isEqualTo(gridWidth);
        assertThat(png.getHeight()).isEqualTo(gridHeight);
    }

    @Test
    void mapsMinusOneToOneOntoGreyLevelsRoundingToNearest() throws IOException {
        float[] values = {-1f, 0f, 1f, -0.5f, 0.5f, 0.999f};
        ImageShape shape = new ImageShape(values.length, 1, 1);

        Raster raster = decode(ImageGrid.render(values, shape, 1, 1)).getRaster();

        assertThat(row(raster, 2, 2, values.length)).containsExactly(0, 128, 255, 64, 191, 255);
    }

    @Test
    void clampsValuesOutsideMinusOneToOne() throws IOException {
        float[] values = {
            -1.001f, -7f, 1.001f, 42f, Float.NEGATIVE_INFINITY, Float.POSITIVE_INFINITY
        };
        ImageShape shape = new ImageShape(values.length, 1, 1);

        Raster raster = decode(ImageGrid.render(values, shape, 1, 1)).getRaster();

        assertThat(row(raster, 2, 2, values.length)).containsExactly(0, 0, 255, 255, 0, 255);
    }

    @Test
    void placesTilesRowByRowAndLeavesTheEmptySlotWhite() throws IOException {
        // Three 3x2 tiles in 2 columns: tiles 1 and 2 on the first row, tile 3 below tile 1.
        ImageShape shape = new ImageShape(3, 2, 1);
        float[] values = new float[3 * 6];
        Arrays.fill(values, 0, 6, level(10));
        Arrays.fill(values, 6, 12, level(20));
        for (int i = 0; i < 6; i++) {
            values[12 + i] = level(100 + i);
        }

        Raster raster = decode(ImageGrid.render(values, shape, 2, 1)).getRaster();

        assertThat(row(raster, 2, 2, 3)).containsOnly(10);
        assertThat(row(raster, 7, 3, 3)).containsOnly(20);
        assertThat(row(raster, 2, 6, 3)).containsExactly(100, 101, 102);
        assertThat(row(raster, 2, 7, 3)).containsExactly(103, 104, 105);
        assertThat(row(raster, 7, 6, 3)).containsOnly(WHITE);
        assertThat(row(raster, 7, 7, 3)).containsOnly(WHITE);
        assertThat(row(raster, 0, 5, 12)).as("padding between tile rows").containsOnly(WHITE);
        assertThat(raster.getSample(5, 2, 0)).as("padding between tiles").isEqualTo(WHITE);
        assertThat(row(raster, 0, 9, 12)).as("bottom border").containsOnly(WHITE);
    }

    @Test
    void scaleEnlargesEveryPixelIntoASquareBlock() throws IOException {
        ImageShape shape = new ImageShape(2, 2, 1);
        float[] values = {level(10), level(20), level(30), level(40)};

        Raster raster = decode(ImageGrid.render(values, shape, 1, 3)).getRaster();

        assertThat(raster.getWidth()).isEqualTo(18);
        for (int y = 6; y < 9; y++) {
            assertThat(row(raster, 6, y, 6)).containsExactly(10, 10, 10, 20, 20, 20);
        }
        for (int y = 9; y < 12; y++) {
            assertThat(row(raster, 6, y, 6)).containsExactly(30, 30, 30, 40, 40, 40);
        }
        assertThat(row(raster, 0, 5, 18)).containsOnly(WHITE);
        assertThat(row(raster, 0, 12, 18)).containsOnly(WHITE);
        assertThat(raster.getSample(5, 6, 0)).isEqualTo(WHITE);
        assertThat(raster.getSample(12, 6, 0)).isEqualTo(WHITE);
    }

    @Test
    void threeChannelImagesComeOutInColour() throws IOException {
        // Channel planes one after the other: red, green, blue; pixels red, green, blue, grey.
        ImageShape shape = new ImageShape(4, 1, 3);
        float[] values = {
            1f, -1f, -1f, 0f,
            -1f, 1f, -1f, 0f,
            -1f, -1f, 1f, 0f
        };

        BufferedImage png = decode(ImageGrid.render(values, shape, 1, 1));

        assertThat(png.getRaster().getNumBands()).isEqualTo(3);
        assertThat(png.getRGB(2, 2) & 0xffffff).isEqualTo(0xff0000);
        assertThat(png.getRGB(3, 2) & 0xffffff).isEqualTo(0x00ff00);
        assertThat(png.getRGB(4, 2) & 0xffffff).isEqualTo(0x0000ff);
        assertThat(png.getRGB(5, 2) & 0xffffff).isEqualTo(0x808080);
        assertThat(png.getRGB(0, 0) & 0xffffff).isEqualTo(0xffffff);
    }

    @Test
    void colourTilesArePlacedLikeGreyOnes() throws IOException {
        ImageShape shape = new ImageShape(1, 1, 3);
        float[] values = {1f, -1f, -1f, -1f, -1f, 1f};

        BufferedImage png = decode(ImageGrid.render(values, shape, 1, 2));

        assertThat(png.getWidth()).isEqualTo(10);
        assertThat(png.getHeight()).isEqualTo(16);
        assertThat(png.getRGB(5, 5) & 0xffffff).isEqualTo(0xff0000);
        assertThat(png.getRGB(4, 10) & 0xffffff).isEqualTo(0x0000ff);
        assertThat(png.getRGB(4, 7) & 0xffffff).isEqualTo(0xffffff);
    }

    @Test
    void oneChannelImagesComeOutGrey() throws IOException {
        ImageShape shape = new ImageShape(2, 2, 1);

        BufferedImage png = decode(ImageGrid.render(new float[4], shape, 1, 1));

        assertThat(png.getRaster().getNumBands()).isEqualTo(1);
        assertThat(png.getRaster().getSample(2, 2, 0)).isEqualTo(128);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badArguments")
    void rejectsBadArguments(
            String description,
            float[] values,
            ImageShape shape,
            int columns,
            int scale,
            String problem) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> ImageGrid.render(values, shape, columns, scale))
                .withMessageContaining(problem);
    }

    static Stream<Arguments> badArguments() {
        ImageShape grey = new ImageShape(2, 2, 1);
        return Stream.of(
                Arguments.of(
                        "part of an image",
                        new float[5],
                        grey,
                        1,
                        1,
                        "5 values are not whole images of 2x2x1"),
                Arguments.of("no columns", new float[4], grey, 0, 1, "columns 0"),
                Arguments.of("negative columns", new float[4], grey, -1, 1, "columns -1"),
                Arguments.of("scale 0", new float[4], grey, 1, 0, "scale 0"),
                Arguments.of(
                        "two channels",
                        new float[8],
                        new ImageShape(2, 2, 2),
                        1,
                        1,
                        "only 1 or 3 channels can be drawn: 2x2x2"),
                Arguments.of(
                        "four channels",
                        new float[16],
                        new ImageShape(2, 2, 4),
                        1,
                        1,
                        "only 1 or 3 channels can be drawn: 2x2x4"));
    }

    /** The value that maps back to grey level {@code level}. */
    private static float level(int level) {
        return level / 127.5f - 1f;
    }

    private static BufferedImage decode(BufferedImage image) throws IOException {
        byte[] png = PngEncoder.encode(image);
        BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(png));
        assertThat(decoded).as("decoded PNG").isNotNull();
        return decoded;
    }

    /** Grey levels of {@code length} pixels from (x, y) rightwards, read from the raster. */
    private static int[] row(Raster raster, int x, int y, int length) {
        return raster.getSamples(x, y, length, 1, 0, new int[length]);
    }
}
