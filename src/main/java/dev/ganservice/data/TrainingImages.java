package dev.ganservice.data;

import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * A whole training set in one ND4J array: one row per image, pixels flattened row by row and scaled
 * from 0..255 to [-1, 1], the range of the generator's Tanh output.
 */
public final class TrainingImages {

    private static final int CONVERSION_CHUNK = 1024;

    private final INDArray rows;
    private final int height;
    private final int width;

    private TrainingImages(INDArray rows, int height, int width) {
        this.rows = rows;
        this.height = height;
        this.width = width;
    }

    /** Copies and scales the images, a chunk at a time so the heap never holds them all. */
    public static TrainingImages of(IdxImages idx) {
        int pixels = idx.pixelsPerImage();
        INDArray all = Nd4j.createUninitialized(DataType.FLOAT, idx.count(), pixels);
        float[] chunk = new float[CONVERSION_CHUNK * pixels];
        byte[] source = idx.pixels();
        for (int first = 0; first < idx.count(); first += CONVERSION_CHUNK) {
            int count = Math.min(CONVERSION_CHUNK, idx.count() - first);
            int offset = first * pixels;
            for (int i = 0; i < count * pixels; i++) {
                chunk[i] = (source[offset + i] & 0xff) / 127.5f - 1f;
            }
            float[] values =
                    count == CONVERSION_CHUNK ? chunk : Arrays.copyOf(chunk, count * pixels);
            INDArray block = Nd4j.create(values, new long[] {count, pixels}, DataType.FLOAT);
            all.get(NDArrayIndex.interval(first, first + count), NDArrayIndex.all()).assign(block);
        }
        return new TrainingImages(all, idx.rows(), idx.columns());
    }

    /** The first {@code count} images, sharing this set's memory. */
    public TrainingImages first(int count) {
        if (count >= count()) {
            return this;
        }
        INDArray view = rows.get(NDArrayIndex.interval(0, count), NDArrayIndex.all());
        return new TrainingImages(view, height, width);
    }

    /** A new array holding the images at {@code order[from..to)}, in that order. */
    public INDArray gather(int[] order, int from, int to) {
        return Nd4j.pullRows(rows, 1, Arrays.copyOfRange(order, from, to));
    }

    public int count() {
        return (int) rows.rows();
    }

    public int height() {
        return height;
    }

    public int width() {
        return width;
    }

    public int pixelsPerImage() {
        return height * width;
    }
}
