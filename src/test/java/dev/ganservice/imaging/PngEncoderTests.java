package dev.ganservice.imaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.Collections;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
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
    void givesTheBytesImageIoWritesTheSameFromManyThreadsAtOnce()
            throws IOException, InterruptedException, ExecutionException {
        BufferedImage image = new BufferedImage(200, 150, BufferedImage.TYPE_BYTE_GRAY);
        new SplittableRandom(7)
                .nextBytes(((DataBufferByte) image.getRaster().getDataBuffer()).getData());
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        ImageIO.write(image, "png", expected);

        ExecutorService threads = Executors.newFixedThreadPool(16);
        try {
            Callable<byte[]> encode = () -> PngEncoder.encode(image);
            for (Future<byte[]> png : threads.invokeAll(Collections.nCopies(64, encode))) {
                assertThat(png.get()).isEqualTo(expected.toByteArray());
            }
        } finally {
            threads.shutdownNow();
        }
    }
}
