package dev.ganservice.support;

import dev.ganservice.data.IdxImages;
import dev.ganservice.data.IdxReader;
import dev.ganservice.data.TrainingImages;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.zip.GZIPOutputStream;

/** Small image sets for tests: real Fashion-MNIST where it is installed, or generated IDX files. */
public final class TestImages {

    /** Where Debian's dataset-fashion-mnist installs the data. */
    public static final Path FASHION_MNIST = Path.of("/usr/share/datasets/fashion-mnist");

    private TestImages() {}

    /** The first {@code count} images of Fashion-MNIST's training set. */
    public static TrainingImages fashionMnist(int count) {
        Path file = FASHION_MNIST.resolve("train-images-idx3-ubyte.gz");
        return TrainingImages.of(IdxReader.readImages(file, count));
    }

    /** Writes a gzip IDX image file of {@code count} random 28x28 images. */
    public static Path writeRandomIdx(Path file, int count, long seed) throws IOException {
        byte[] pixels = new byte[count * 28 * 28];
        new Random(seed).nextBytes(pixels);
        return writeIdx(file, new IdxImages(count, 28, 28, pixels));
    }

    public static Path writeIdx(Path file, IdxImages images) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write(idxBytes(images));
        }
        return file;
    }

    public static byte[] idxBytes(IdxImages images) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(0x0000_0803);
        out.writeInt(images.count());
        out.writeInt(images.rows());
        out.writeInt(images.columns());
        out.write(images.pixels());
        return bytes.toByteArray();
    }
}
