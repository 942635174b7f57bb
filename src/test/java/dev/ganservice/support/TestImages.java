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
import java.util.Arrays;
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

    /**
     * Writes a Fashion-MNIST folder in small: the first {@code train} training and {@code test}
     * test images of the real data set, with their labels, under the published names.
     */
    public static Path writeFashionMnistSubset(Path dir, int train, int test) throws IOException {
        copySubset(dir, "train", train);
        copySubset(dir, "t10k", test);
        return dir;
    }

    private static void copySubset(Path dir, String split, int count) throws IOException {
        IdxImages images =
                IdxReader.readImages(FASHION_MNIST.resolve(split + "-images-idx3-ubyte.gz"), count);
        byte[] labels =
                IdxReader.readLabels(FASHION_MNIST.resolve(split + "-labels-idx1-ubyte.gz"));
        writeIdx(dir.resolve(split + "-images-idx3-ubyte.gz"), images);
        writeLabels(
                dir.resolve(split + "-labels-idx1-ubyte.gz"),
                Arrays.copyOf(labels, images.count()));
    }

    /** Writes a gzip IDX label file. */
    public static Path writeLabels(Path file, byte[] labels) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        try (DataOutputStream out =
                new DataOutputStream(new GZIPOutputStream(Files.newOutputStream(file)))) {
            out.writeInt(0x0000_0801);
            out.writeInt(labels.length);
            out.write(labels);
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
