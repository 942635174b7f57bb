package dev.ganservice.imaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collections;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class PngEncoderTests {

    private static final byte[] PNG_SIGNATURE = {
        (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'
    };

    @Test
    void writesPngSignature() {
        byte[] png = PngEncoder.encode(new BufferedImage(3, 2, BufferedImage.TYPE_BYTE_GRAY));

        assertThat(Arrays.copyOf(png, 8)).containsExactly(PNG_SIGNATURE);
    }

    @Test
    void keepsEveryGreyLevelExactly() throws IOException {
        BufferedImage image = new BufferedImage(16, 16, BufferedImage.TYPE_BYTE_GRAY);
        for (int level = 0; level < 256; level++) {
            image.getRaster().setSample(level % 16, level / 16, 0, level);
        }

        BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(PngEncoder.encode(image)));

        assertThat(decoded.getWidth()).isEqualTo(16);
        assertThat(decoded.getHeight()).isEqualTo(16);
        for (int level = 0; level < 256; level++) {
            assertThat(decoded.getRaster().getSample(level % 16, level / 16, 0))
                    .as("grey level %d", level)
                    .isEqualTo(level);
        }
    }

    @Test
    void keepsColoursExactly() throws IOException {
        BufferedImage image = new BufferedImage(3, 2, BufferedImage.TYPE_3BYTE_BGR);
        int[] colours = {0x123456, 0xff0000, 0x00ff00, 0x0000ff, 0xfedcba, 0x000000};
        for (int i = 0; i < colours.length; i++) {
            image.setRGB(i % 3, i / 3, colours[i]);
        }

        BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(PngEncoder.encode(image)));

        for (int i = 0; i < colours.length; i++) {
            assertThat(decoded.getRGB(i % 3, i / 3) & 0xffffff).isEqualTo(colours[i]);
        }
    }

    @Test
    void keepsEveryPixelOfALargeRandomImage() throws IOException {
        // Random bytes do not compress, so the output outgrows every buffer guess.
        BufferedImage grey = random(BufferedImage.TYPE_BYTE_GRAY, 1500, 1100, 1);
        BufferedImage colour = random(BufferedImage.TYPE_3BYTE_BGR, 700, 500, 2);

        assertSamePixels(grey, ImageIO.read(new ByteArrayInputStream(PngEncoder.encode(grey))));
        assertSamePixels(colour, ImageIO.read(new ByteArrayInputStream(PngEncoder.encode(colour))));
    }

    @Test
    void writesWellFormedChunksWithTheirChecksums() {
        byte[] png = PngEncoder.encode(random(BufferedImage.TYPE_BYTE_GRAY, 40, 30, 3));

        ByteBuffer bytes = ByteBuffer.wrap(png);
        bytes.position(PNG_SIGNATURE.length);
        StringBuilder types = new StringBuilder();
        while (bytes.hasRemaining()) {
            int length = bytes.getInt();
            int start = bytes.position();
            String type = new String(png, start, 4, StandardCharsets.US_ASCII);
            CRC32 crc = new CRC32();
            crc.update(png, start, length + 4);
            bytes.position(start + 4 + length);
            assertThat(bytes.getInt()).as("CRC of %s", type).isEqualTo((int) crc.getValue());
            types.append(type).append(' ');
        }
        assertThat(types.toString()).isEqualTo("IHDR IDAT IEND ");
        assertThat(ByteBuffer.wrap(png, 16, 8).getInt()).as("width").isEqualTo(40);
        assertThat(png[24]).as("bit depth").isEqualTo((byte) 8);
        assertThat(png[25]).as("colour type: grey").isEqualTo((byte) 0);
    }

    @Test
    void compressesSmoothImages() throws IOException {
        BufferedImage image = new BufferedImage(256, 256, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < 256; y++) {
            for (int x = 0; x < 256; x++) {
                image.getRaster().setSample(x, y, 0, (x + y) / 2);
            }
        }

        byte[] png = PngEncoder.encode(image);

        assertThat(png.length).isLessThan(256 * 256 / 5);
        assertSamePixels(image, ImageIO.read(new ByteArrayInputStream(png)));
    }

    @Test
    void findsTheRepeatsOfAnEnlargedImage() throws IOException {
        // Random pixels drawn four times as large, as a grid at scale 4: what compresses is the
        // repetition, which only a search for repeats finds.
        BufferedImage small = random(BufferedImage.TYPE_BYTE_GRAY, 32, 32, 5);
        BufferedImage large = new BufferedImage(128, 128, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < 128; y++) {
            for (int x = 0; x < 128; x++) {
                large.getRaster().setSample(x, y, 0, small.getRaster().getSample(x / 4, y / 4, 0));
            }
        }

        byte[] png = PngEncoder.encode(large);

        assertThat(png.length).isLessThan(128 * 128 / 5);
        assertSamePixels(large, ImageIO.read(new ByteArrayInputStream(png)));
    }

    @Test
    void refusesImagesThatAreNotEightBitGreyOrColour() {
        BufferedImage argb = new BufferedImage(2, 2, BufferedImage.TYPE_INT_ARGB);

        assertThatIllegalArgumentException()
                .isThrownBy(() -> PngEncoder.encode(argb))
                .withMessageContaining("only 8-bit grey and 8-bit colour");
    }

    @Test
    void givesTheSameBytesFromManyThreadsAtOnce()
            throws IOException, InterruptedException, ExecutionException {
        BufferedImage image = random(BufferedImage.TYPE_BYTE_GRAY, 200, 150, 7);
        byte[] expected = PngEncoder.encode(image);

        ExecutorService threads = Executors.newFixedThreadPool(16);
        try {
            Callable<byte[]> encode = () -> PngEncoder.encode(image);
            for (Future<byte[]> png : threads.invokeAll(Collections.nCopies(64, encode))) {
                assertThat(png.get()).isEqualTo(expected);
            }
        } finally {
            threads.shutdownNow();
        }
        assertSamePixels(image, ImageIO.read(new ByteArrayInputStream(expected)));
    }

    private static BufferedImage random(int type, int width, int height, long seed) {
        BufferedImage image = new BufferedImage(width, height, type);
        new SplittableRandom(seed)
                .nextBytes(((DataBufferByte) image.getRaster().getDataBuffer()).getData());
        return image;
    }

    private static void assertSamePixels(BufferedImage expected, BufferedImage actual) {
        assertThat(actual.getWidth()).isEqualTo(expected.getWidth());
        assertThat(actual.getHeight()).isEqualTo(expected.getHeight());
        assertThat(actual.getRaster().getNumBands()).isEqualTo(expected.getRaster().getNumBands());
        assertThat(samples(actual)).isEqualTo(samples(expected));
    }

    /** Every sample, row by row, bands in the image's order (grey, or red green blue). */
    private static int[] samples(BufferedImage image) {
        return image.getRaster().getPixels(0, 0, image.getWidth(), image.getHeight(), (int[]) null);
    }
}
