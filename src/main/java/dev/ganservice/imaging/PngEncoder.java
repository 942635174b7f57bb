package dev.ganservice.imaging;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * Encodes images as PNG bytes, with a writer of its own for every image, so concurrent calls share
 * nothing.
 *
 * <p>{@code ImageIO.write} to a stream would buffer each image through a temporary file under
 * {@code java.io.tmpdir} (ImageIO's disk cache is on by default); encoding in memory keeps a burst
 * of sample requests off the disk and working where {@code /tmp} is full or read-only. The bytes
 * are the same either way.
 */
public final class PngEncoder {

    private PngEncoder() {}

    public static byte[] encode(BufferedImage image) {
        ByteArrayOutputStream bytes =
                new ByteArrayOutputStream(image.getWidth() * image.getHeight());
        ImageWriter writer = pngWriter();
        try (ImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(out);
            writer.write(image);
        } catch (IOException e) {
            throw new UncheckedIOException("PNG encoding failed", e);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    private static ImageWriter pngWriter() {
        Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName("png");
        if (!writers.hasNext()) {
            throw new IllegalStateException("no PNG writer is installed");
        }
        return writers.next();
    }
}
